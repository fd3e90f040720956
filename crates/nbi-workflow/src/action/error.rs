//! [`ActionError`]: why a try failed, and whether trying again may help.

use std::fmt;

use nbi_core::ErrorKind;

/// A failed try of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionError {
    message: String,
    retryable: bool,
}

impl ActionError {
    /// A failure that may pass on another try (a timeout, a 503, a lost connection).
    pub fn retryable(message: impl Into<String>) -> Self {
        ActionError {
            message: message.into(),
            retryable: true,
        }
    }

    /// A failure another try would repeat (bad input, 4xx, a failed assertion).
    pub fn permanent(message: impl Into<String>) -> Self {
        ActionError {
            message: message.into(),
            retryable: false,
        }
    }

    /// Whether the step's retry policy applies.
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ActionError {}

/// Transport errors that a later try may not meet are retryable: connection failures,
/// timeouts, open breakers, rate limits and 5xx. Everything else (4xx, settings, decoding,
/// auth) is permanent. The message is the transport error's, which never holds a secret.
impl From<nbi_core::Error> for ActionError {
    fn from(e: nbi_core::Error) -> Self {
        let retryable = match e.kind() {
            ErrorKind::Connect
            | ErrorKind::Timeout
            | ErrorKind::CircuitOpen
            | ErrorKind::RateLimited => true,
            ErrorKind::Status => e.status().is_some_and(|s| s.is_server_error()),
            _ => false,
        };
        ActionError {
            message: e.to_string(),
            retryable,
        }
    }
}
