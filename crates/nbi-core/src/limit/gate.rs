//! Holding a category back after the server said its quota is spent.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// Per-category deadlines set from a server's `X-RateLimit-Remaining: 0` (until its reset):
/// calls of a closed category wait for the deadline instead of spending a request on a 429.
#[derive(Debug, Default)]
pub struct RateLimitGate {
    reopens_at: Mutex<HashMap<String, Instant>>,
}

impl RateLimitGate {
    /// A gate with every category open.
    pub fn new() -> Self {
        RateLimitGate::default()
    }

    /// Holds calls of `category` back for `wait` from now. A later deadline already set wins:
    /// the server may report the reset of a window other calls already saw.
    pub fn close_for(&self, category: &str, wait: Duration) {
        let Some(deadline) = Instant::now().checked_add(wait) else {
            return;
        };
        let mut reopens_at = self.lock();
        match reopens_at.get_mut(category) {
            Some(current) => *current = (*current).max(deadline),
            None => {
                reopens_at.insert(category.to_owned(), deadline);
            }
        }
    }

    /// Waits until `category` is open; returns at once if it is. Returns the time waited.
    pub async fn wait_open(&self, category: &str) -> Duration {
        let started = Instant::now();
        // The deadline may be pushed back while this caller sleeps, so look again on waking.
        while let Some(deadline) = self.deadline(category) {
            tokio::time::sleep_until(deadline).await;
        }
        started.elapsed()
    }

    /// The category's deadline if still ahead; a passed one is forgotten.
    fn deadline(&self, category: &str) -> Option<Instant> {
        let mut reopens_at = self.lock();
        let deadline = *reopens_at.get(category)?;
        if deadline > Instant::now() {
            Some(deadline)
        } else {
            reopens_at.remove(category);
            None
        }
    }

    /// The deadlines, locked; they stay consistent whatever a panicking holder did.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Instant>> {
        self.reopens_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn open_categories_pass_at_once() {
        let gate = RateLimitGate::new();
        assert_eq!(gate.wait_open("standard").await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn holds_until_the_deadline_then_opens() {
        let gate = RateLimitGate::new();
        gate.close_for("standard", Duration::from_secs(30));
        assert_eq!(gate.wait_open("monitoring").await, Duration::ZERO);
        assert_eq!(gate.wait_open("standard").await, Duration::from_secs(30));
        assert_eq!(gate.wait_open("standard").await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn the_later_deadline_wins() {
        let gate = RateLimitGate::new();
        gate.close_for("standard", Duration::from_secs(30));
        gate.close_for("standard", Duration::from_secs(5));
        assert_eq!(gate.wait_open("standard").await, Duration::from_secs(30));
    }

    #[tokio::test(start_paused = true)]
    async fn a_deadline_pushed_back_while_waiting_is_honoured() {
        let gate = Arc::new(RateLimitGate::new());
        gate.close_for("standard", Duration::from_secs(10));
        let waiter = tokio::spawn({
            let gate = Arc::clone(&gate);
            async move { gate.wait_open("standard").await }
        });
        tokio::time::sleep(Duration::from_secs(5)).await;
        gate.close_for("standard", Duration::from_secs(20));
        assert_eq!(waiter.await.unwrap(), Duration::from_secs(25));
    }
}
