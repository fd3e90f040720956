//! OFSC's error bodies in [`ProblemDetails`] terms, and [`OfscErrorExt`] for what only OFSC
//! says.
//!
//! OFSC answers errors as `{"type", "title", "status", "detail"}` — `status` a string
//! (`"404"`) — plus `"o:errorCode"` (Oracle's code, e.g. `"OFS-000404"`). nbi-core reads these
//! into [`ProblemDetails`]: `status` as [`ProblemStatus::Text`](nbi_core::ProblemStatus), the
//! error code as `vendor_code`. 401 and 403 are of kind
//! [`Auth`](nbi_core::ErrorKind::Auth), 400 and 422 of kind `Status` with the detail kept.

use http::StatusCode;
use nbi_core::Error;

/// What an OFSC error says beyond [`Error`]'s own accessors.
pub trait OfscErrorExt {
    /// Oracle's `o:errorCode`, when the body had one.
    fn error_code(&self) -> Option<&str>;
    /// The body's `detail`, when it had one.
    fn detail(&self) -> Option<&str>;
    /// Whether the object (activity, resource, user, label …) does not exist (404).
    fn is_not_found(&self) -> bool;
    /// Whether OFSC refused the request as invalid (400).
    fn is_bad_request(&self) -> bool;
    /// Whether OFSC refused the request because of the object's state (409), e.g. starting an
    /// activity that is not pending.
    fn is_conflict(&self) -> bool;
}

impl OfscErrorExt for Error {
    fn error_code(&self) -> Option<&str> {
        self.problem()?.vendor_code.as_deref()
    }

    fn detail(&self) -> Option<&str> {
        self.problem()?.detail.as_deref()
    }

    fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    fn is_bad_request(&self) -> bool {
        self.status() == Some(StatusCode::BAD_REQUEST)
    }

    fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }
}

/// The transport already turns every OFSC error body into problem details; this is the one
/// place a failed call passes through, kept so a body nbi-core cannot read is still decoded
/// here if OFSC ever changes shape.
pub(crate) fn remap(error: Error) -> Error {
    if error.problem().is_some() {
        return error;
    }
    let problem = error
        .raw()
        .and_then(|raw| nbi_core::ProblemDetails::from_json(&raw.body));
    match problem {
        Some(problem) => error.with_problem(problem),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nbi_core::{ProblemDetails, ProblemStatus};

    #[test]
    fn reads_the_ofsc_error_body() {
        let body = br#"{"type":"http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.5","title":"Not Found","status":"404","detail":"The requested activity 42 was not found","o:errorCode":"OFS-000404"}"#;
        let problem = ProblemDetails::from_json(body).unwrap();
        let error = Error::from_status(StatusCode::NOT_FOUND, Some(problem));
        assert!(error.is_not_found());
        assert_eq!(error.error_code(), Some("OFS-000404"));
        assert_eq!(
            error.problem().unwrap().status,
            Some(ProblemStatus::Text("404".into()))
        );
        assert!(error.detail().unwrap().contains("activity 42"));
        assert!(!error.is_conflict() && !error.is_bad_request());
    }
}
