//! Exponential backoff with full jitter: attempt n waits a uniform random time in
//! `[0, min(max, base * 2^(n-1))]`, which spreads a burst of failing clients out instead of
//! having them retry in lock-step.

use std::sync::Mutex;
use std::time::Duration;

/// Full-jitter backoff with its own random source (seedable for reproducible runs).
#[derive(Debug)]
pub struct Backoff {
    base: Duration,
    max: Duration,
    rng: Mutex<fastrand::Rng>,
}

impl Backoff {
    /// Backoff from `base` doubling up to `max`, with an unpredictable seed.
    pub fn new(base: Duration, max: Duration) -> Self {
        Backoff {
            base,
            max,
            rng: Mutex::new(fastrand::Rng::new()),
        }
    }

    /// The same with a fixed seed, so a run's delays can be reproduced.
    pub fn seeded(base: Duration, max: Duration, seed: u64) -> Self {
        Backoff {
            base,
            max,
            rng: Mutex::new(fastrand::Rng::with_seed(seed)),
        }
    }

    /// The ceiling of the delay after failed attempt `attempt` (1-based).
    pub fn ceiling(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(1).min(32);
        let ceiling = self.base.saturating_mul(1u32 << doublings.min(31));
        ceiling.min(self.max)
    }

    /// A random delay in `[0, ceiling(attempt)]`.
    pub fn delay(&self, attempt: u32) -> Duration {
        let ceiling_ms = u64::try_from(self.ceiling(attempt).as_millis()).unwrap_or(u64::MAX);
        // The lock guards only the generator's state; a poisoned one is still usable.
        let mut rng = self.rng.lock().unwrap_or_else(|p| p.into_inner());
        Duration::from_millis(rng.u64(0..=ceiling_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ceiling_doubles_and_caps() {
        let b = Backoff::seeded(Duration::from_millis(200), Duration::from_secs(1), 7);
        assert_eq!(b.ceiling(1), Duration::from_millis(200));
        assert_eq!(b.ceiling(2), Duration::from_millis(400));
        assert_eq!(b.ceiling(3), Duration::from_millis(800));
        assert_eq!(b.ceiling(4), Duration::from_secs(1));
        assert_eq!(b.ceiling(200), Duration::from_secs(1));
    }

    #[test]
    fn seeded_backoff_is_reproducible() {
        let a = Backoff::seeded(Duration::from_millis(100), Duration::from_secs(10), 42);
        let b = Backoff::seeded(Duration::from_millis(100), Duration::from_secs(10), 42);
        let da: Vec<_> = (1..8).map(|n| a.delay(n)).collect();
        let db: Vec<_> = (1..8).map(|n| b.delay(n)).collect();
        assert_eq!(da, db);
    }

    proptest! {
        #[test]
        fn delay_never_exceeds_the_ceiling(seed: u64, attempt in 1u32..64, base in 1u64..5_000, max in 1u64..120_000) {
            let b = Backoff::seeded(Duration::from_millis(base), Duration::from_millis(max), seed);
            prop_assert!(b.delay(attempt) <= b.ceiling(attempt));
            prop_assert!(b.ceiling(attempt) <= Duration::from_millis(max));
        }
    }
}
