//! CMS errors: an `rpc-error` in a NETCONF reply, and the REST NBI's error body, both carried
//! by [`nbi_core::Error`]; [`RpcErrorExt`] reads the rpc-error back.
//!
//! An rpc-error keeps its parts in the error's [`ProblemDetails`]: the message as `title`, the
//! error-tag as `vendor_code`, the error-type and severity in `detail`. The error's own message
//! (its `Display`) names only the tag, since the server's text may echo input.

use nbi_core::{Error, ErrorKind, ProblemDetails};
use serde::{Deserialize, Serialize};

/// Marks a [`ProblemDetails`] as coming from a NETCONF rpc-error.
const RPC_ERROR_TYPE: &str = "urn:ietf:params:xml:ns:netconf:base:1.0#rpc-error";

/// A NETCONF `<rpc-error>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RpcError {
    /// `error-type`: transport, rpc, protocol or application.
    pub error_type: String,
    /// `error-tag`: invalid-value, data-exists, data-missing, in-use, access-denied, …
    pub tag: String,
    /// `error-severity`: error or warning.
    pub severity: String,
    /// `error-message`, as the server wrote it.
    pub message: String,
}

impl RpcError {
    /// A rpc-error from its parts.
    pub fn new(
        error_type: impl Into<String>,
        tag: impl Into<String>,
        severity: impl Into<String>,
        message: impl Into<String>,
    ) -> RpcError {
        RpcError {
            error_type: error_type.into(),
            tag: tag.into(),
            severity: severity.into(),
            message: message.into(),
        }
    }

    /// Whether the server says the session is gone (expired, logged out or never existed):
    /// the session is renewed and the call replayed once.
    pub fn is_session_gone(&self) -> bool {
        self.message
            .to_ascii_lowercase()
            .contains("session not exist")
    }

    /// Whether the object asked for does not exist.
    pub fn is_not_found(&self) -> bool {
        self.tag == "data-missing"
    }

    /// The error kind callers see: bad input is `Validation`, refused access `Auth`, the rest
    /// `Status`.
    fn kind(&self) -> ErrorKind {
        match self.tag.as_str() {
            "invalid-value" | "missing-element" | "bad-element" | "unknown-element"
            | "missing-attribute" | "bad-attribute" | "unknown-attribute" => ErrorKind::Validation,
            "access-denied" => ErrorKind::Auth,
            _ => ErrorKind::Status,
        }
    }

    /// The [`Error`] this rpc-error becomes.
    pub fn into_error(self) -> Error {
        let mut problem = ProblemDetails::titled(self.message.clone());
        problem.type_uri = Some(RPC_ERROR_TYPE.to_owned());
        problem.vendor_code = Some(self.tag.clone());
        problem.detail = Some(format!(
            "error-type={}; error-severity={}",
            self.error_type, self.severity
        ));
        Error::new(self.kind(), format!("rpc-error {}", safe_tag(&self.tag))).with_problem(problem)
    }
}

/// A tag is a NETCONF keyword; anything else is not echoed into a message.
fn safe_tag(tag: &str) -> &str {
    if !tag.is_empty()
        && tag.len() <= 40
        && tag.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    {
        tag
    } else {
        "(unrecognized tag)"
    }
}

/// Reads an rpc-error back out of a [`nbi_core::Error`].
///
/// ```
/// use nbi_cms::{RpcError, RpcErrorExt};
/// let e = RpcError::new("application", "data-exists", "error", "Ont 7 already exists").into_error();
/// let rpc = e.rpc_error().unwrap();
/// assert_eq!(rpc.tag, "data-exists");
/// assert_eq!(rpc.message, "Ont 7 already exists");
/// assert_eq!(e.kind(), nbi_cms::ErrorKind::Status);
/// ```
pub trait RpcErrorExt {
    /// The rpc-error this error came from, if it came from one.
    fn rpc_error(&self) -> Option<RpcError>;
}

impl RpcErrorExt for Error {
    fn rpc_error(&self) -> Option<RpcError> {
        let problem = self.problem()?;
        if problem.type_uri.as_deref() != Some(RPC_ERROR_TYPE) {
            return None;
        }
        let detail = problem.detail.as_deref().unwrap_or("");
        let part = |key: &str| {
            detail
                .split("; ")
                .find_map(|p| p.strip_prefix(key))
                .unwrap_or("")
                .to_owned()
        };
        Some(RpcError {
            error_type: part("error-type="),
            tag: problem.vendor_code.clone().unwrap_or_default(),
            severity: part("error-severity="),
            message: problem.title.clone().unwrap_or_default(),
        })
    }
}

/// The REST NBI's error body `{"errorCode": …, "errorMessage": …}` as problem details.
pub(crate) fn rest_problem(body: &[u8]) -> Option<ProblemDetails> {
    let mut problem = ProblemDetails::from_json(body)?;
    if problem.title.is_none() {
        let value: serde_json::Value = serde_json::from_slice(body).ok()?;
        problem.title = value
            .get("errorMessage")
            .and_then(|m| m.as_str())
            .map(str::to_owned);
    }
    Some(problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_tag_and_hostile_tags_are_not_echoed() {
        let e =
            RpcError::new("application", "invalid-value", "error", "descr too long").into_error();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.to_string(), "rpc-error invalid-value");
        let e = RpcError::new("application", "<x>secret", "error", "m").into_error();
        assert!(!e.to_string().contains("secret"));
        assert_eq!(e.rpc_error().unwrap().tag, "<x>secret");
        assert!(
            RpcError::new(
                "application",
                "access-denied",
                "error",
                "session not exist, SESSION ID REQUIRED."
            )
            .is_session_gone()
        );
    }

    #[test]
    fn rest_errors_keep_their_message() {
        let p = rest_problem(br#"{"errorCode":"INVALID_PARAMETER","errorMessage":"bad type"}"#)
            .unwrap();
        assert_eq!(p.vendor_code.as_deref(), Some("INVALID_PARAMETER"));
        assert_eq!(p.title.as_deref(), Some("bad type"));
    }
}
