//! The deliveries store: which ids were seen in the last 24 h (across restarts), and what
//! became of each delivery's handling (`pending`, `done`, `failed`). One SQLite file.
//!
//! A delivery is written as `pending` before it is acknowledged, so a crash between the 2xx
//! and its handler leaves it to [`WebhookReceiver::redeliver_pending`](crate::WebhookReceiver::redeliver_pending).
//! Handled deliveries are pruned once out of the deduplication window; failed ones are kept
//! for [`FAILED_RETENTION`] so they can be inspected and replayed.

mod sqlite;

use std::time::Duration;

pub use self::sqlite::DeliveryStore;

/// How long a delivery id is remembered by default.
pub const DEFAULT_DEDUPE_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// How long a delivery whose handler gave up stays in the store.
pub const FAILED_RETENTION: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// A delivery whose handler failed every attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct FailedDelivery {
    /// The delivery, as accepted.
    pub delivery: crate::Delivery,
    /// Attempts made.
    pub attempts: u32,
    /// The last attempt's error.
    pub error: String,
}

#[cfg(test)]
mod tests;
