//! [`GrpcStatusClassifier`]: a 2xx response with a non-zero `grpc-status` is an error.

use std::sync::Arc;
use std::time::SystemTime;

use nbi_core::Response;
use nbi_core::retry::{Classifier, SharedClassifier, Verdict};

use crate::error::{GrpcCode, header_status, status_error};

/// Reads `grpc-status` on 2xx responses, which transcoding proxies use to pass a gRPC error
/// through as HTTP 200: UNAUTHENTICATED renews the credential and replays once;
/// UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED are transient (retried under the
/// usual idempotency rules); every other code fails at once, with the gateway's HTTP status for
/// it (404 for NOT_FOUND, 400 for INVALID_ARGUMENT and FAILED_PRECONDITION, 409 for
/// ALREADY_EXISTS …). Responses without the header are left to the default rules, which read
/// a gateway's `{"code", "message"}` error bodies.
///
/// [`Client::from_transports`](crate::Client::from_transports) installs it; a transport built
/// by hand gets it with `TransportBuilder::classifier(nbi_voltha::classifier())`.
#[derive(Debug, Clone, Copy, Default)]
pub struct GrpcStatusClassifier;

impl Classifier for GrpcStatusClassifier {
    fn classify(&self, response: &Response, _now: SystemTime) -> Option<Verdict> {
        let (code, message) = header_status(response)?;
        if code == GrpcCode::Unauthenticated {
            return Some(Verdict::Reauthenticate);
        }
        let error = status_error(response, code, message);
        Some(if code.is_transient() {
            Verdict::Retry { after: None, error }
        } else {
            Verdict::Fail(error)
        })
    }
}

/// The classifier every VOLTHA transport needs, shared.
pub fn classifier() -> SharedClassifier {
    Arc::new(GrpcStatusClassifier)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, StatusCode};

    fn verdict(status: u16, grpc: Option<&str>) -> Option<Verdict> {
        let mut headers = HeaderMap::new();
        if let Some(code) = grpc {
            headers.insert("grpc-status", code.parse().unwrap());
        }
        let response = Response::new(StatusCode::from_u16(status).unwrap(), headers, Bytes::new());
        GrpcStatusClassifier.classify(&response, SystemTime::UNIX_EPOCH)
    }

    #[test]
    fn statuses_in_headers_become_verdicts() {
        assert!(verdict(200, None).is_none());
        assert!(verdict(200, Some("0")).is_none());
        assert!(verdict(503, Some("14")).is_none(), "non-2xx: default rules");
        assert!(matches!(
            verdict(200, Some("16")),
            Some(Verdict::Reauthenticate)
        ));
        match verdict(200, Some("14")) {
            Some(Verdict::Retry { error, .. }) => {
                assert_eq!(error.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
                assert!(error.is_transient());
            }
            other => panic!("{other:?}"),
        }
        match verdict(200, Some("5")) {
            Some(Verdict::Fail(error)) => assert_eq!(error.status(), Some(StatusCode::NOT_FOUND)),
            other => panic!("{other:?}"),
        }
        for permanent in ["3", "6", "9"] {
            assert!(matches!(
                verdict(200, Some(permanent)),
                Some(Verdict::Fail(_))
            ));
        }
    }
}
