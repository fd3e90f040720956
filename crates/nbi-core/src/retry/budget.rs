//! A retry budget per (service, tenant, base URL): retries may add at most a percentage of the
//! recent request volume, so a failing NMS sees a trickle of retries rather than a multiple of
//! its normal load (a retry storm).

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

/// How far back "recent" reaches.
const WINDOW: Duration = Duration::from_secs(10);
/// The window is kept as this many buckets, so old traffic ages out smoothly.
const BUCKETS: usize = 10;

/// Counts recent calls and retries, and says whether one more retry fits.
#[derive(Debug)]
pub struct RetryBudget {
    percent: f64,
    min_retries: u32,
    state: Mutex<Buckets>,
}

#[derive(Debug)]
struct Buckets {
    started: Instant,
    /// Index of the bucket `now` falls in, counted from `started`.
    head: u64,
    calls: [u32; BUCKETS],
    retries: [u32; BUCKETS],
}

impl RetryBudget {
    /// A budget letting retries reach `percent` % of recent calls, and at least `min_retries`
    /// per window.
    pub fn new(percent: f64, min_retries: u32) -> Self {
        RetryBudget {
            percent: percent.clamp(0.0, 100.0),
            min_retries,
            state: Mutex::new(Buckets {
                started: Instant::now(),
                head: 0,
                calls: [0; BUCKETS],
                retries: [0; BUCKETS],
            }),
        }
    }

    /// Records a new call (not a retry).
    pub fn record_call(&self) {
        let mut s = self.lock();
        let i = s.advance(Instant::now());
        s.calls[i] = s.calls[i].saturating_add(1);
    }

    /// Takes one retry from the budget; `false` means the budget is spent and the caller must
    /// not retry.
    pub fn try_retry(&self) -> bool {
        let mut s = self.lock();
        let i = s.advance(Instant::now());
        let calls: u64 = s.calls.iter().map(|&c| u64::from(c)).sum();
        let retries: u64 = s.retries.iter().map(|&c| u64::from(c)).sum();
        let allowed = ((calls as f64) * self.percent / 100.0).floor() as u64;
        if retries < allowed.max(u64::from(self.min_retries)) {
            s.retries[i] = s.retries[i].saturating_add(1);
            true
        } else {
            false
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Buckets> {
        // Counters only; a panic elsewhere leaves them usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Buckets {
    /// Moves the ring forward to `now`, clearing buckets that fell out of the window, and
    /// returns the index of the current bucket.
    fn advance(&mut self, now: Instant) -> usize {
        let width = WINDOW.as_nanos() / BUCKETS as u128;
        let index = (now.saturating_duration_since(self.started).as_nanos() / width) as u64;
        let steps = index.saturating_sub(self.head).min(BUCKETS as u64);
        for k in 1..=steps {
            let slot = ((self.head + k) % BUCKETS as u64) as usize;
            self.calls[slot] = 0;
            self.retries[slot] = 0;
        }
        self.head = self.head.max(index);
        (self.head % BUCKETS as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn retries_are_bounded_by_the_percentage_of_calls() {
        let budget = RetryBudget::new(20.0, 0);
        for _ in 0..100 {
            budget.record_call();
        }
        let granted = (0..100).filter(|_| budget.try_retry()).count();
        assert_eq!(granted, 20);
    }

    #[tokio::test(start_paused = true)]
    async fn a_quiet_client_still_gets_the_minimum() {
        let budget = RetryBudget::new(20.0, 3);
        budget.record_call();
        assert!(budget.try_retry());
        assert!(budget.try_retry());
        assert!(budget.try_retry());
        assert!(!budget.try_retry());
    }

    #[tokio::test(start_paused = true)]
    async fn old_traffic_ages_out() {
        let budget = RetryBudget::new(50.0, 0);
        for _ in 0..10 {
            budget.record_call();
        }
        assert_eq!((0..10).filter(|_| budget.try_retry()).count(), 5);
        tokio::time::advance(WINDOW + Duration::from_secs(1)).await;
        assert!(!budget.try_retry(), "no recent calls, no budget");
        budget.record_call();
        budget.record_call();
        assert!(budget.try_retry());
    }
}
