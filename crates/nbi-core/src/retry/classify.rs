//! Turning a response into a verdict: success, renew the credential, retry, or fail.
//!
//! The default reads the status. A client adds its own [`Classifier`] for errors that arrive
//! inside a 200 — VOLTHA's `grpc-status` header, a CMS `rpc-error` in the XML body — and it is
//! asked first.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::StatusCode;

use super::after;
use crate::error::{Error, ProblemDetails};
use crate::response::Response;

/// What to do with a response.
#[derive(Debug)]
#[non_exhaustive]
pub enum Verdict {
    /// The call succeeded.
    Success,
    /// The credential was rejected or the session expired: renew it once and replay.
    Reauthenticate,
    /// A transient failure: retry (if the rules allow) after `after`, or the backoff delay.
    Retry {
        /// The wait the server asked for.
        after: Option<Duration>,
        /// The error to return if no retry is made.
        error: Error,
    },
    /// A permanent failure.
    Fail(Error),
}

/// A client's own reading of responses.
pub trait Classifier: Send + Sync + fmt::Debug {
    /// `None` leaves the response to the default classification.
    fn classify(&self, response: &Response, now: SystemTime) -> Option<Verdict>;
}

/// A shared classifier.
pub type SharedClassifier = Arc<dyn Classifier>;

/// The default classification by status:
/// 2xx success; 401 renew and replay; 408, 429 and 5xx transient, honouring `Retry-After`,
/// `X-RateLimit-Retry-After` and `X-RateLimit-Reset`; other statuses permanent, with the body
/// read as [`ProblemDetails`].
pub fn classify_status(response: &Response, now: SystemTime) -> Verdict {
    let status = response.status();
    if status.is_success() {
        return Verdict::Success;
    }
    if status == StatusCode::UNAUTHORIZED {
        return Verdict::Reauthenticate;
    }
    let problem = ProblemDetails::from_json(response.body());
    let mut error = Error::from_status(status, problem).with_raw(response.raw());
    let transient = status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error();
    if !transient {
        return Verdict::Fail(error);
    }
    let after = after::requested_wait(response.headers(), now);
    if let Some(wait) = after {
        error = error.with_retry_after(wait);
    }
    Verdict::Retry { after, error }
}

#[cfg(test)]
fn _object_safe(_: &dyn Classifier) {}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderMap;
    use std::time::UNIX_EPOCH;

    fn response(status: u16, headers: &[(&'static str, &str)], body: &'static str) -> Response {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, v.parse().unwrap());
        }
        Response::new(
            StatusCode::from_u16(status).unwrap(),
            h,
            Bytes::from_static(body.as_bytes()),
        )
    }

    #[test]
    fn statuses_map_to_verdicts() {
        let now = UNIX_EPOCH;
        assert!(matches!(
            classify_status(&response(204, &[], ""), now),
            Verdict::Success
        ));
        assert!(matches!(
            classify_status(&response(401, &[], ""), now),
            Verdict::Reauthenticate
        ));
        assert!(matches!(
            classify_status(&response(404, &[], ""), now),
            Verdict::Fail(_)
        ));
        assert!(matches!(
            classify_status(&response(502, &[], ""), now),
            Verdict::Retry { after: None, .. }
        ));
        match classify_status(&response(429, &[("retry-after", "3")], ""), now) {
            Verdict::Retry { after, error } => {
                assert_eq!(after, Some(Duration::from_secs(3)));
                assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
                assert_eq!(error.kind(), crate::ErrorKind::RateLimited);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn permanent_failures_carry_problem_details() {
        let r = response(
            422,
            &[],
            r#"{"title":"Invalid","errors":[{"field":"latency","message":"too high"}]}"#,
        );
        let Verdict::Fail(e) = classify_status(&r, UNIX_EPOCH) else {
            panic!()
        };
        assert_eq!(e.kind(), crate::ErrorKind::Validation);
        assert_eq!(e.problem().unwrap().field_errors[0].field, "latency");
        assert_eq!(e.status(), Some(StatusCode::UNPROCESSABLE_ENTITY));
    }
}
