//! GenieACS's errors: plain-text bodies (`No such device`, `SyntaxError: …`), read into
//! [`ProblemDetails`], and the one answer that is not a server failure: a 504 for a
//! connection request the CPE did not answer.

use std::sync::Arc;
use std::time::SystemTime;

use http::StatusCode;
use nbi_core::retry::{Classifier, SharedClassifier, Verdict, classify_status};
use nbi_core::{ProblemDetails, RawResponse, Response};

pub use nbi_core::{Error, ErrorKind, Result};

/// The header real GenieACS puts on every answer.
pub(crate) const VERSION_HEADER: &str = "genieacs-version";

/// Longest server message kept in a problem: bodies may be stack traces.
const MAX_MESSAGE: usize = 2048;

/// What GenieACS said besides the status, for errors of a GenieACS call.
pub trait GenieacsErrorExt {
    /// The server's plain-text message (`No such device`, `SyntaxError: Unexpected token`),
    /// when a response arrived with one.
    fn server_message(&self) -> Option<&str>;
}

impl GenieacsErrorExt for Error {
    fn server_message(&self) -> Option<&str> {
        self.problem()?.detail.as_deref()
    }
}

/// The classifier [`crate::Client::from_transports`] installs; add it to a transport you build
/// yourself so the client sees everything it expects.
///
/// It reads plain-text error bodies into [`ProblemDetails`] (`title` = the status's reason,
/// `detail` = the text) and lets a 504 that GenieACS itself sent through to the client: that
/// answer means one CPE did not take a connection request, which says nothing about the
/// server's health, so it must neither be retried nor count against the circuit breaker.
pub fn classifier() -> SharedClassifier {
    Arc::new(PlainTextErrors)
}

#[derive(Debug)]
struct PlainTextErrors;

impl Classifier for PlainTextErrors {
    fn classify(&self, response: &Response, now: SystemTime) -> Option<Verdict> {
        let status = response.status();
        if status.is_success() || status == StatusCode::UNAUTHORIZED {
            return None;
        }
        if is_connection_request_failure(status, response.headers()) {
            return Some(Verdict::Success);
        }
        Some(match classify_status(response, now) {
            Verdict::Fail(error) => Verdict::Fail(with_plain_problem(error)),
            Verdict::Retry { after, error } => Verdict::Retry {
                after,
                error: with_plain_problem(error),
            },
            other => other,
        })
    }
}

/// A 504 from GenieACS itself (not from a proxy in front of it).
pub(crate) fn is_connection_request_failure(status: StatusCode, headers: &http::HeaderMap) -> bool {
    status == StatusCode::GATEWAY_TIMEOUT && headers.contains_key(VERSION_HEADER)
}

/// Adds the plain-text body as the problem, when no JSON problem was read.
pub(crate) fn with_plain_problem(error: Error) -> Error {
    if error.problem().is_some() {
        return error;
    }
    match error.raw().map(plain_problem) {
        Some(problem) => error.with_problem(problem),
        None => error,
    }
}

/// The problem of a plain-text error answer.
pub(crate) fn plain_problem(raw: &RawResponse) -> ProblemDetails {
    let mut problem =
        ProblemDetails::titled(raw.status.canonical_reason().unwrap_or("Error").to_owned());
    let text = body_text(&raw.body);
    if !text.is_empty() {
        problem.detail = Some(text);
    }
    problem
}

/// The body as trimmed text, cut at [`MAX_MESSAGE`] bytes on a character boundary.
pub(crate) fn body_text(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut end = text.len().min(MAX_MESSAGE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderMap;

    fn response(status: u16, genieacs: bool, body: &'static str) -> Response {
        let mut headers = HeaderMap::new();
        if genieacs {
            headers.insert(VERSION_HEADER, "1.2.13".parse().unwrap());
        }
        Response::new(
            StatusCode::from_u16(status).unwrap(),
            headers,
            Bytes::from_static(body.as_bytes()),
        )
    }

    #[test]
    fn plain_text_bodies_become_problems() {
        let c = PlainTextErrors;
        let Some(Verdict::Fail(e)) =
            c.classify(&response(404, true, "No such device\n"), SystemTime::now())
        else {
            panic!("404 fails")
        };
        assert_eq!(e.server_message(), Some("No such device"));
        assert_eq!(e.problem().unwrap().title.as_deref(), Some("Not Found"));
        assert!(matches!(
            c.classify(&response(500, true, "MongoError: down"), SystemTime::now()),
            Some(Verdict::Retry { .. })
        ));
        assert!(
            c.classify(&response(200, true, "[]"), SystemTime::now())
                .is_none()
        );
        assert!(
            c.classify(&response(401, false, ""), SystemTime::now())
                .is_none()
        );
    }

    #[test]
    fn only_genieacs_own_504_passes_through() {
        let c = PlainTextErrors;
        assert!(matches!(
            c.classify(
                &response(504, true, "Connection request error: timeout"),
                SystemTime::now()
            ),
            Some(Verdict::Success)
        ));
        assert!(matches!(
            c.classify(
                &response(504, false, "<html>gateway</html>"),
                SystemTime::now()
            ),
            Some(Verdict::Retry { .. })
        ));
    }

    #[test]
    fn long_bodies_are_cut_on_a_char_boundary() {
        let long = "é".repeat(MAX_MESSAGE);
        let text = body_text(long.as_bytes());
        assert!(text.len() <= MAX_MESSAGE && !text.is_empty());
    }
}
