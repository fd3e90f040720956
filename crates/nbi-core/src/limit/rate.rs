//! Requests-per-minute quotas (GCRA, via `governor`) that make callers wait, never drop.

use std::collections::HashMap;
use std::fmt;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::Quota;
use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::{InMemoryState, NotKeyed};
use tokio::time::Instant;

use super::RateLimitConfig;

/// governor's view of `tokio::time`: nanoseconds since the limiter was built. governor's own
/// clocks read real time, which tokio's paused clock cannot move.
#[derive(Debug, Clone, Copy)]
struct TokioClock {
    origin: Instant,
}

impl Clock for TokioClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        Nanos::from(Instant::now().saturating_duration_since(self.origin))
    }
}

type DirectLimiter =
    governor::RateLimiter<NotKeyed, InMemoryState, TokioClock, NoOpMiddleware<Nanos>>;

/// One category's quota and its limiter.
struct Bucket {
    per_minute: u32,
    limiter: DirectLimiter,
}

impl Bucket {
    /// A bucket refilling `per_minute` cells a minute, evenly, holding one second's worth.
    ///
    /// governor's `Quota::per_minute(n)` would allow a burst of the whole minute's quota at
    /// once, so after a quiet minute a client could send `n` calls in a moment and `n` more
    /// over the next minute: twice what a server counting in a sliding minute allows. A burst
    /// of one second's worth (at least one) keeps every minute within the quota plus a
    /// second's slack, while a fan-out of a few calls at a high quota (16 at 1000/min) still
    /// goes out at once.
    fn new(per_minute: NonZeroU32, clock: TokioClock) -> Self {
        let burst = NonZeroU32::new(per_minute.get() / 60).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::per_minute(per_minute).allow_burst(burst);
        Bucket {
            per_minute: per_minute.get(),
            limiter: governor::RateLimiter::direct_with_clock(quota, clock),
        }
    }
}

/// The client-side rate limits of one (service, tenant): a limiter per configured category.
///
/// `per_minute` limits the `standard` category and every category the settings do not list,
/// all drawing from one shared bucket (a server's standard quota covers whatever it does not
/// count separately); each listed category has a bucket of its own. With no quota a category
/// is unlimited.
pub struct RateLimiter {
    clock: TokioClock,
    standard: Option<Bucket>,
    categories: HashMap<String, Bucket>,
}

impl fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let categories: std::collections::BTreeMap<_, _> = self
            .categories
            .iter()
            .map(|(name, bucket)| (name, bucket.per_minute))
            .collect();
        f.debug_struct("RateLimiter")
            .field("per_minute", &self.standard.as_ref().map(|b| b.per_minute))
            .field("categories", &categories)
            .finish()
    }
}

impl RateLimiter {
    /// Limiters for the quotas in `config`; a quota of 0 (rejected by validation) means none.
    pub fn new(config: &RateLimitConfig) -> Self {
        let clock = TokioClock {
            origin: Instant::now(),
        };
        let bucket = |per_minute: u32| NonZeroU32::new(per_minute).map(|n| Bucket::new(n, clock));
        RateLimiter {
            clock,
            standard: config.per_minute.and_then(bucket),
            categories: config
                .categories
                .iter()
                .filter_map(|(name, &per_minute)| Some((name.clone(), bucket(per_minute)?)))
                .collect(),
        }
    }

    /// True if no category is limited.
    pub fn is_unlimited(&self) -> bool {
        self.standard.is_none() && self.categories.is_empty()
    }

    /// Waits until `category`'s quota has a cell for one call, and takes it. Returns the time
    /// waited (zero for an unlimited category).
    pub async fn acquire(&self, category: &str) -> Duration {
        let Some(bucket) = self.categories.get(category).or(self.standard.as_ref()) else {
            return Duration::ZERO;
        };
        let started = Instant::now();
        loop {
            match bucket.limiter.check() {
                Ok(()) => return started.elapsed(),
                // Another caller may take the cell first; then this one waits again.
                Err(not_until) => match not_until.wait_time_from(self.clock.now()) {
                    wait if wait.is_zero() => tokio::task::yield_now().await,
                    wait => tokio::time::sleep(wait).await,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn limits(per_minute: Option<u32>, categories: &[(&str, u32)]) -> RateLimiter {
        RateLimiter::new(&RateLimitConfig {
            per_minute,
            categories: categories
                .iter()
                .map(|(name, n)| (name.to_string(), *n))
                .collect(),
        })
    }

    #[tokio::test(start_paused = true)]
    async fn calls_beyond_the_burst_are_spaced_by_the_quota() {
        let limiter = limits(Some(60), &[]);
        let started = Instant::now();
        let mut waits = Vec::new();
        for _ in 0..5 {
            waits.push(limiter.acquire("standard").await);
        }
        assert_eq!(waits[0], Duration::ZERO);
        assert_eq!(started.elapsed(), Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn burst_is_one_seconds_worth() {
        let limiter = limits(Some(600), &[]);
        let started = Instant::now();
        for _ in 0..10 {
            limiter.acquire("standard").await;
        }
        assert_eq!(started.elapsed(), Duration::ZERO);
        limiter.acquire("standard").await;
        assert_eq!(started.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_all_get_through_in_turn() {
        let limiter = Arc::new(limits(Some(60), &[]));
        let started = Instant::now();
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let limiter = Arc::clone(&limiter);
                tokio::spawn(async move { limiter.acquire("standard").await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(started.elapsed(), Duration::from_secs(5));
    }

    #[tokio::test(start_paused = true)]
    async fn listed_categories_have_their_own_buckets() {
        let limiter = limits(Some(60), &[("deployment", 60)]);
        limiter.acquire("standard").await;
        assert_eq!(limiter.acquire("deployment").await, Duration::ZERO);
        // Unlisted categories share the standard bucket.
        assert_eq!(limiter.acquire("other").await, Duration::from_secs(1));
        assert_eq!(limiter.acquire("deployment").await, Duration::from_secs(0));
    }

    #[tokio::test(start_paused = true)]
    async fn unlimited_never_waits() {
        let limiter = limits(None, &[]);
        assert!(limiter.is_unlimited());
        for _ in 0..1000 {
            assert_eq!(limiter.acquire("standard").await, Duration::ZERO);
        }
        let only_listed = limits(None, &[("deployment", 1)]);
        assert!(!only_listed.is_unlimited());
        for _ in 0..100 {
            assert_eq!(only_listed.acquire("monitoring").await, Duration::ZERO);
        }
    }

    #[test]
    fn debug_shows_quotas() {
        let limiter = limits(Some(1000), &[("deployment", 100)]);
        let text = format!("{limiter:?}");
        assert!(
            text.contains("1000") && text.contains("deployment"),
            "{text}"
        );
    }
}
