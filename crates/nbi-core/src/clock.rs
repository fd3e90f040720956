//! Wall-clock reads and sleeps, injectable so time-based logic is tested without waiting.
//!
//! Monotonic time (breaker windows, budgets, rate limits) uses `tokio::time::Instant`, which
//! tokio's paused clock controls. Wall-clock reads (an HTTP-date `Retry-After`,
//! `X-RateLimit-Reset`, a JWT's `exp`) cannot be paused that way, so they go through [`Clock`].

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;

/// A source of wall-clock time and of sleeps.
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// The current wall-clock time.
    fn now(&self) -> SystemTime;
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// The real clock: `SystemTime::now()` and `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A shared clock handle.
pub type SharedClock = Arc<dyn Clock>;

/// A clock for tests: sleeps return at once, advance its wall time and are recorded.
#[derive(Debug, Clone)]
pub struct ManualClock {
    state: Arc<Mutex<ManualState>>,
}

#[derive(Debug)]
struct ManualState {
    now: SystemTime,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    /// A clock standing at `now`.
    pub fn new(now: SystemTime) -> Self {
        ManualClock {
            state: Arc::new(Mutex::new(ManualState {
                now,
                sleeps: Vec::new(),
            })),
        }
    }

    /// Moves wall time forward.
    pub fn advance(&self, by: Duration) {
        let mut s = self.lock();
        s.now += by;
    }

    /// Every sleep asked for so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.lock().sleeps.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // A poisoned clock only means a test panicked elsewhere; its data is still valid.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        self.lock().now
    }
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let mut s = self.lock();
        s.sleeps.push(duration);
        s.now += duration;
        Box::pin(std::future::ready(()))
    }
}
