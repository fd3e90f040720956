//! MANO's error bodies in [`nbi_core::Error`] terms, and [`ManoErrorExt`] for the rest.
//!
//! The API answers `APIError {status, title, detail, type, instance}` and, for 422,
//! `ValidationError {…, errors: [{field, message, code}]}`; nbi-core reads both into
//! [`ProblemDetails`] (field errors included). What kind of failure it was is
//! [`ManoErrorExt::mano_kind`]: validation (with every field, from the server or from the
//! local checks run before sending), auth (401 after one renewal), forbidden (403), not found,
//! conflict (409) or rate limited (429, with [`nbi_core::Error::retry_after`]).

use std::fmt;

use nbi_core::{Error, ErrorKind, FieldError, ProblemDetails};
use serde::{Deserialize, Serialize};

use crate::models::DeploymentStatus;

/// One field's complaint, with the API's code (`RANGE_ERROR`, `REQUIRED` …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    /// The field (`bandwidth`, `intents[1].latency`, `qos.bandwidth`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
    /// The error code, when the server (or the local check) gave one.
    #[serde(default)]
    pub code: Option<String>,
}

/// What kind of MANO failure an error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ManoErrorKind {
    /// The request broke the schema (422, 400 with field errors, or the local checks).
    Validation,
    /// The credentials were refused (401, also after one renewal).
    Auth,
    /// The credentials may not do this (403).
    Forbidden,
    /// The object does not exist (404).
    NotFound,
    /// The request conflicts with the current state (409: an intent with active deployments,
    /// a plan already deployed).
    Conflict,
    /// Too many requests (429); see [`Error::retry_after`].
    RateLimited,
    /// A deployment wait ended without success: it failed, timed out or was cancelled.
    DeploymentNotCompleted,
    /// Anything else (5xx, transport failures, decode errors).
    Other,
}

/// What a MANO error says beyond [`Error`]'s own accessors.
pub trait ManoErrorExt {
    /// The kind of MANO failure.
    fn mano_kind(&self) -> ManoErrorKind;
    /// Every field's complaint, with codes: the 422 body's `errors`, or the local checks'.
    fn field_issues(&self) -> Vec<FieldIssue>;
    /// Whether the request was refused before it was sent (local validation).
    fn is_local_validation(&self) -> bool;
    /// The last status seen by a deployment wait that did not end in success.
    fn deployment_status(&self) -> Option<&DeploymentStatus>;
    /// Whether a deployment wait was cancelled by its token.
    fn is_cancelled(&self) -> bool;
}

impl ManoErrorExt for Error {
    fn mano_kind(&self) -> ManoErrorKind {
        if self.source_as::<WaitStopped>().is_some() {
            return ManoErrorKind::DeploymentNotCompleted;
        }
        match (self.kind(), self.status().map(|s| s.as_u16())) {
            (ErrorKind::Validation, _) | (_, Some(422)) => ManoErrorKind::Validation,
            (_, Some(403)) => ManoErrorKind::Forbidden,
            (ErrorKind::Auth, _) | (_, Some(401)) => ManoErrorKind::Auth,
            (_, Some(404)) => ManoErrorKind::NotFound,
            (_, Some(409)) => ManoErrorKind::Conflict,
            (ErrorKind::RateLimited, _) | (_, Some(429)) => ManoErrorKind::RateLimited,
            _ => ManoErrorKind::Other,
        }
    }

    fn field_issues(&self) -> Vec<FieldIssue> {
        if let Some(local) = self.source_as::<LocalValidation>() {
            return local.issues.clone();
        }
        #[derive(Deserialize)]
        struct Body {
            #[serde(default)]
            errors: Vec<FieldIssue>,
        }
        if let Some(raw) = self.raw()
            && let Ok(body) = serde_json::from_slice::<Body>(&raw.body)
            && !body.errors.is_empty()
        {
            return body.errors;
        }
        self.problem()
            .map(|p| {
                p.field_errors
                    .iter()
                    .map(|fe| FieldIssue {
                        field: fe.field.clone(),
                        message: fe.message.clone(),
                        code: None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn is_local_validation(&self) -> bool {
        self.source_as::<LocalValidation>().is_some()
    }

    fn deployment_status(&self) -> Option<&DeploymentStatus> {
        self.source_as::<WaitStopped>()?.last.as_ref()
    }

    fn is_cancelled(&self) -> bool {
        self.source_as::<WaitStopped>()
            .is_some_and(|w| w.reason == StopReason::Cancelled)
    }
}

/// Downcasting the error's source.
trait SourceAs {
    fn source_as<T: std::error::Error + 'static>(&self) -> Option<&T>;
}

impl SourceAs for Error {
    fn source_as<T: std::error::Error + 'static>(&self) -> Option<&T> {
        std::error::Error::source(self)?.downcast_ref::<T>()
    }
}

/// The issues found before sending, kept as the error's source.
#[derive(Debug)]
struct LocalValidation {
    issues: Vec<FieldIssue>,
}

impl fmt::Display for LocalValidation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} field(s) failed local validation", self.issues.len())
    }
}

impl std::error::Error for LocalValidation {}

/// An error of kind `Validation` naming every issue; nothing was sent.
pub(crate) fn invalid(issues: Vec<FieldIssue>) -> Error {
    let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
    let mut problem = ProblemDetails::titled("Validation Error");
    problem.detail = Some("Input validation failed".to_owned());
    problem.status = Some(nbi_core::ProblemStatus::Number(422));
    problem.field_errors = issues
        .iter()
        .map(|i| FieldError {
            field: i.field.clone(),
            message: i.message.clone(),
        })
        .collect();
    // The message names fields only: values may be sensitive and are in the caller's hands.
    Error::validation(format!("invalid request, not sent: {}", fields.join(", ")))
        .with_problem(problem)
        .with_source(LocalValidation { issues })
}

/// Why a deployment wait stopped without success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopReason {
    Failed,
    TimedOut,
    Cancelled,
}

/// The source of a wait's error: why it stopped and the last status seen.
#[derive(Debug)]
pub(crate) struct WaitStopped {
    pub(crate) reason: StopReason,
    pub(crate) last: Option<DeploymentStatus>,
}

impl fmt::Display for WaitStopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.reason {
            StopReason::Failed => "the deployment ended without completing",
            StopReason::TimedOut => "the wait timed out",
            StopReason::Cancelled => "the wait was cancelled",
        };
        f.write_str(what)
    }
}

impl std::error::Error for WaitStopped {}

/// The error a wait ends with: `Status` for a failed or cancelled deployment, `Timeout` for a
/// wait past its time or cancelled by its token (the deployment goes on).
pub(crate) fn wait_stopped(id: &str, reason: StopReason, last: Option<DeploymentStatus>) -> Error {
    let state = last.as_ref().map_or("unknown", |s| s.status.as_str());
    let error = match reason {
        StopReason::Failed => {
            let mut problem = ProblemDetails::titled(format!("Deployment {state}"));
            problem.detail = last.as_ref().and_then(|s| s.message.clone());
            Error::new(ErrorKind::Status, format!("deployment {id} ended {state}"))
                .with_problem(problem)
        }
        StopReason::TimedOut => Error::new(
            ErrorKind::Timeout,
            format!("deployment {id} still {state} when the wait timed out"),
        ),
        StopReason::Cancelled => Error::new(
            ErrorKind::Timeout,
            format!("wait for deployment {id} cancelled while {state}"),
        ),
    };
    error.with_source(WaitStopped { reason, last })
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use http::{HeaderMap, StatusCode};
    use nbi_core::RawResponse;

    use super::*;

    fn answered(status: u16, body: &'static str) -> Error {
        let status = StatusCode::from_u16(status).unwrap();
        Error::from_status(status, ProblemDetails::from_json(body.as_bytes())).with_raw(
            RawResponse {
                status,
                headers: HeaderMap::new(),
                body: Bytes::from_static(body.as_bytes()),
            },
        )
    }

    #[test]
    fn each_status_maps_to_its_kind() {
        let cases = [
            (401, ManoErrorKind::Auth),
            (403, ManoErrorKind::Forbidden),
            (404, ManoErrorKind::NotFound),
            (409, ManoErrorKind::Conflict),
            (429, ManoErrorKind::RateLimited),
            (500, ManoErrorKind::Other),
        ];
        for (status, kind) in cases {
            let body = r#"{"status": 0, "title": "t", "detail": "d", "type": "about:blank", "instance": "/x"}"#;
            assert_eq!(answered(status, body).mano_kind(), kind, "{status}");
        }
    }

    #[test]
    fn a_422_keeps_codes_and_unknown_fields_are_ignored() {
        let err = answered(
            422,
            r#"{"status":422,"title":"Validation Error","errors":[{"field":"latency","message":"too high","code":"RANGE_ERROR","hint":"x"}]}"#,
        );
        assert_eq!(err.mano_kind(), ManoErrorKind::Validation);
        let issues = err.field_issues();
        assert_eq!(issues[0].code.as_deref(), Some("RANGE_ERROR"));
        assert!(!err.is_local_validation());
    }
}
