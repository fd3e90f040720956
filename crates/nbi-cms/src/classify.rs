//! Errors inside a 200: a NETCONF `rpc-error` fails the call with its typed error, or — when it
//! says the session does not exist — asks the transport to renew the session and replay
//! (DESIGN.md pipeline steps 4 and 6). REST error bodies keep their `errorMessage`.

use std::time::SystemTime;

use nbi_core::Response;
use nbi_core::retry::{Classifier, Verdict, classify_status};

use crate::error::rest_problem;
use crate::wire::reply;

/// Reads NETCONF replies.
#[derive(Debug, Default)]
pub(crate) struct NetconfClassifier;

impl Classifier for NetconfClassifier {
    fn classify(&self, response: &Response, _now: SystemTime) -> Option<Verdict> {
        let body = response.body();
        // Most replies hold no error: skip the parse for them.
        if !response.status().is_success() || !contains(body, b"rpc-error") {
            return None;
        }
        // A reply that does not parse is left to the caller, which reports the decode error.
        let root = reply::document(body).ok()?;
        let error = reply::rpc_error(&root)?;
        if error.is_session_gone() {
            return Some(Verdict::Reauthenticate);
        }
        Some(Verdict::Fail(error.into_error().with_raw(response.raw())))
    }
}

/// Reads REST NBI failures: the default verdict, with `errorMessage` as the problem's title.
#[derive(Debug, Default)]
pub(crate) struct RestClassifier;

impl Classifier for RestClassifier {
    fn classify(&self, response: &Response, now: SystemTime) -> Option<Verdict> {
        if response.status().is_success() {
            return None;
        }
        let problem = rest_problem(response.body());
        let patch = |e: nbi_core::Error| match &problem {
            Some(p) => e.with_problem(p.clone()),
            None => e,
        };
        Some(match classify_status(response, now) {
            Verdict::Fail(e) => Verdict::Fail(patch(e)),
            Verdict::Retry { after, error } => Verdict::Retry {
                after,
                error: patch(error),
            },
            other => other,
        })
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, StatusCode};

    fn reply(body: &'static str) -> Response {
        Response::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
        )
    }

    #[test]
    fn session_errors_renew_and_others_fail_typed() {
        let now = SystemTime::now();
        let gone = reply(
            "<rpc-reply><rpc-error><error-type>application</error-type><error-tag>access-denied</error-tag><error-severity>error</error-severity><error-message>session not exist, SESSION ID REQUIRED.</error-message></rpc-error></rpc-reply>",
        );
        assert!(matches!(
            NetconfClassifier.classify(&gone, now),
            Some(Verdict::Reauthenticate)
        ));
        let exists = reply(
            "<rpc-reply><rpc-error><error-type>application</error-type><error-tag>data-exists</error-tag><error-severity>error</error-severity><error-message>Ont 1 already exists</error-message></rpc-error></rpc-reply>",
        );
        let Some(Verdict::Fail(e)) = NetconfClassifier.classify(&exists, now) else {
            panic!("expected a failure")
        };
        use crate::RpcErrorExt;
        assert_eq!(e.rpc_error().unwrap().tag, "data-exists");
        assert!(
            NetconfClassifier
                .classify(&reply("<rpc-reply><ok/></rpc-reply>"), now)
                .is_none()
        );
    }
}
