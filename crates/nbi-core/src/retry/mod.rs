//! Retry: which failures are retried, how long to wait, and how many retries a failing server
//! may be sent.
//!
//! * [`RetryConfig`] — attempts, backoff base and cap, total deadline, budget.
//! * [`Backoff`] — exponential backoff with full jitter.
//! * [`after`] — `Retry-After` (seconds or HTTP date), `X-RateLimit-Retry-After`,
//!   `X-RateLimit-Reset`, `X-RateLimit-Remaining`.
//! * [`RetryBudget`] — retries as a share of recent calls, against retry storms.
//! * [`Classifier`] / [`Verdict`] — reading a response; clients add their own for in-body errors.
//!
//! The rules the transport applies: a transient failure (connect error, timeout, broken
//! connection, 408, 429, 5xx, a client classifier's `Retry`) is retried while attempts, the
//! deadline and the budget allow; the wait is the server's `Retry-After` when given (a wait
//! longer than `max_retry_after_s` or the remaining deadline ends the call instead), else the
//! backoff delay. A request that is not idempotent is re-sent only when the server provably did
//! not act on it (a connect failure, a 429) or when it carries an idempotency key.

pub mod after;
mod backoff;
mod budget;
mod classify;
pub(crate) mod config;

pub use backoff::Backoff;
pub use budget::RetryBudget;
pub use classify::{Classifier, SharedClassifier, Verdict, classify_status};
pub use config::RetryConfig;

use crate::error::ErrorKind;
use crate::request::Idempotency;

/// True when a failed attempt of a request with `idempotency` may be sent again.
///
/// A connect failure proves the request never reached the server, and a 429 is the server
/// refusing it for its rate before acting on it; after anything else a non-idempotent request
/// without a key could act twice.
pub fn may_resend(idempotency: &Idempotency, failure: ErrorKind) -> bool {
    idempotency.allows_replay() || matches!(failure, ErrorKind::Connect | ErrorKind::RateLimited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_idempotent_requests_are_resent_only_when_the_server_did_not_act() {
        let post = Idempotency::NonIdempotent;
        assert!(may_resend(&post, ErrorKind::Connect));
        assert!(may_resend(&post, ErrorKind::RateLimited));
        assert!(!may_resend(&post, ErrorKind::Status));
        assert!(!may_resend(&post, ErrorKind::Timeout));
        assert!(!may_resend(&post, ErrorKind::Status));
        assert!(may_resend(
            &Idempotency::Key("k".into()),
            ErrorKind::Timeout
        ));
        assert!(may_resend(&Idempotency::Idempotent, ErrorKind::Io));
    }
}
