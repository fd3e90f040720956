//! Why a delivery was refused, and the status it is answered with.

use std::fmt;

use axum::http::StatusCode;

/// A refused delivery. `Display` is the reason logged; it never holds a secret or the value of
/// a header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    /// A required header is absent (401: an unsigned delivery is an unauthenticated one).
    MissingHeader {
        /// The header's name.
        header: &'static str,
    },
    /// A header is present but cannot be read (400).
    MalformedHeader {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No signature matches any secret (401).
    BadSignature,
    /// The signed timestamp is older than the tolerance (401).
    Stale {
        /// How old it is, in seconds.
        age_s: i64,
    },
    /// The signed timestamp is further in the future than the tolerance (401).
    Future {
        /// How far ahead it is, in seconds.
        ahead_s: i64,
    },
    /// The body is larger than the cap (413).
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// The body is signed but is not a JSON document (400).
    NotJson,
    /// The body did not arrive in time (408): a sender that trickles or stalls must not hold
    /// a connection open for ever.
    SlowBody {
        /// The time allowed, in seconds.
        limit_s: u64,
    },
}

impl Rejection {
    /// The HTTP status the delivery is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::MissingHeader { .. }
            | Rejection::BadSignature
            | Rejection::Stale { .. }
            | Rejection::Future { .. } => StatusCode::UNAUTHORIZED,
            Rejection::MalformedHeader { .. } | Rejection::NotJson => StatusCode::BAD_REQUEST,
            Rejection::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::SlowBody { .. } => StatusCode::REQUEST_TIMEOUT,
        }
    }

    /// A short, stable name: the `outcome` label of `nbi_webhooks_received_total`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Rejection::MissingHeader { .. } => "missing_header",
            Rejection::MalformedHeader { .. } => "malformed_header",
            Rejection::BadSignature => "bad_signature",
            Rejection::Stale { .. } => "stale",
            Rejection::Future { .. } => "future",
            Rejection::TooLarge { .. } => "too_large",
            Rejection::NotJson => "not_json",
            Rejection::SlowBody { .. } => "slow_body",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::MissingHeader { header } => write!(f, "missing header {header}"),
            Rejection::MalformedHeader { header, reason } => {
                write!(f, "malformed header {header}: {reason}")
            }
            Rejection::BadSignature => f.write_str("no signature matches a configured secret"),
            Rejection::Stale { age_s } => {
                write!(f, "timestamp is {age_s} s old, outside the tolerance")
            }
            Rejection::Future { ahead_s } => {
                write!(f, "timestamp is {ahead_s} s ahead, outside the tolerance")
            }
            Rejection::TooLarge { limit } => write!(f, "body larger than {limit} bytes"),
            Rejection::NotJson => f.write_str("body is not a JSON document"),
            Rejection::SlowBody { limit_s } => {
                write!(f, "body not received within {limit_s} s")
            }
        }
    }
}

impl std::error::Error for Rejection {}
