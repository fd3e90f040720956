//! Running the handler after the 2xx: retries with backoff, then a failed record.

use std::sync::Arc;
use std::time::Duration;

use nbi_core::SharedClock;
use tokio_util::task::TaskTracker;

use crate::delivery::Delivery;
use crate::handler::SharedHandler;
use crate::metrics::WebhookMetrics;
use crate::store::DeliveryStore;

/// How a failing handler is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlerRetry {
    /// Attempts in all, at least 1 (default 4).
    pub attempts: u32,
    /// The wait after the first failure, doubled after each further one (default 1 s).
    pub base: Duration,
    /// The longest wait (default 30 s).
    pub max: Duration,
}

impl Default for HandlerRetry {
    fn default() -> Self {
        HandlerRetry {
            attempts: 4,
            base: Duration::from_secs(1),
            max: Duration::from_secs(30),
        }
    }
}

impl HandlerRetry {
    /// The wait after failed attempt `attempt` (1-based).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.base.saturating_mul(factor).min(self.max)
    }
}

/// Spawns handler runs and tracks them so shutdown can wait for them.
#[derive(Clone)]
pub(crate) struct Dispatcher {
    pub(crate) handler: SharedHandler,
    pub(crate) store: DeliveryStore,
    pub(crate) clock: SharedClock,
    pub(crate) retry: HandlerRetry,
    pub(crate) metrics: WebhookMetrics,
    pub(crate) tasks: TaskTracker,
}

impl std::fmt::Debug for Dispatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dispatcher")
            .field("store", &self.store)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Dispatcher {
    /// Runs the handler for `delivery` in the background.
    pub(crate) fn dispatch(&self, delivery: Delivery) {
        let this = self.clone();
        self.tasks
            .spawn(async move { this.run(Arc::new(delivery)).await });
    }

    async fn run(&self, delivery: Arc<Delivery>) {
        let attempts = self.retry.attempts.max(1);
        let mut last_error = String::new();
        for attempt in 1..=attempts {
            let (handler, d) = (self.handler.clone(), delivery.clone());
            // Its own task, so a panicking handler is a failed attempt, not a lost event.
            let outcome = tokio::spawn(async move { handler.handle(&d).await }).await;
            match outcome {
                Ok(Ok(())) => {
                    self.metrics.handled("ok");
                    self.record(delivery.id.clone(), attempt, None).await;
                    return;
                }
                Ok(Err(e)) => last_error = e.to_string(),
                Err(e) if e.is_panic() => last_error = "the handler panicked".to_string(),
                Err(_) => last_error = "the handler was cancelled".to_string(),
            }
            if attempt < attempts {
                self.metrics.handled("retry");
                let wait = self.retry.backoff(attempt);
                tracing::warn!(
                    target: "nbi::webhooks",
                    id = %delivery.id, r#type = %delivery.event_type, attempt,
                    error = %last_error, retry_in_ms = wait.as_millis() as u64,
                    "handler failed; retrying"
                );
                self.clock.sleep(wait).await;
            }
        }
        self.metrics.handled("failed");
        tracing::error!(
            target: "nbi::webhooks",
            id = %delivery.id, r#type = %delivery.event_type, attempts,
            error = %last_error,
            "handler failed every attempt; the delivery is stored as failed"
        );
        self.record(delivery.id.clone(), attempts, Some(last_error))
            .await;
    }

    /// Writes the outcome to the store, off the async threads.
    async fn record(&self, id: String, attempts: u32, error: Option<String>) {
        let store = self.store.clone();
        let written = tokio::task::spawn_blocking(move || match &error {
            None => store.mark_done(&id, attempts),
            Some(error) => store.mark_failed(&id, attempts, error),
        })
        .await;
        match written {
            Ok(Ok(())) => {}
            Ok(Err(e)) => {
                tracing::error!(target: "nbi::webhooks", error = %e, "cannot record a handler outcome")
            }
            Err(e) => {
                tracing::error!(target: "nbi::webhooks", error = %e, "cannot record a handler outcome")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let retry = HandlerRetry::default();
        let waits: Vec<u64> = (1..=7).map(|a| retry.backoff(a).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30]);
        assert_eq!(retry.backoff(u32::MAX), Duration::from_secs(30));
    }
}
