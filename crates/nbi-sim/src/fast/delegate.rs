//! Requests the fast loop does not answer itself go through the axum router, faults included.

use axum::body::Body;
use bytes::Bytes;
use http_body_util::BodyExt;
use tower_service::Service;

use super::Flow;
use super::wire::{self, Head};
use crate::server::ConnKill;

/// The largest request body accepted (413 beyond).
pub(crate) const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// Answers `head` + `body` through `router` into `output`.
pub(crate) async fn answer(
    router: &axum::Router,
    head: &Head,
    body: Bytes,
    output: &mut Vec<u8>,
) -> Flow {
    let Some(request) = request(head, body) else {
        wire::error(output, 400, "malformed request");
        return Flow::Close;
    };
    let mut request = request;
    let (kill, killed) = ConnKill::new();
    request.extensions_mut().insert(kill);
    let mut router = router.clone();
    let response = tokio::select! {
        response = router.call(request) => response,
        _ = killed.notified() => return Flow::Kill,
    };
    let Ok(response) = response;
    let (parts, mut body) = response.into_parts();
    let mut bytes = Vec::new();
    let mut broken = false;
    loop {
        let frame = tokio::select! {
            frame = body.frame() => frame,
            _ = killed.notified() => return Flow::Kill,
        };
        match frame {
            None => break,
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    bytes.extend_from_slice(&data);
                }
            }
            Some(Err(_)) => {
                broken = true;
                break;
            }
        }
    }
    // A body that failed midway (a truncate fault) keeps the length it declared.
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let length = if broken {
        declared.unwrap_or(bytes.len())
    } else {
        bytes.len()
    };
    let reason = parts.status.canonical_reason().unwrap_or("Unknown");
    wire::response_head(
        output,
        parts.status.as_u16(),
        reason,
        length,
        head.close || broken,
    );
    for (name, value) in &parts.headers {
        if name == http::header::CONTENT_LENGTH || name == http::header::TRANSFER_ENCODING {
            continue;
        }
        output.extend_from_slice(name.as_str().as_bytes());
        output.extend_from_slice(b": ");
        output.extend_from_slice(value.as_bytes());
        output.extend_from_slice(b"\r\n");
    }
    output.extend_from_slice(b"\r\n");
    if head.method != "HEAD" {
        output.extend_from_slice(&bytes);
    }
    if broken { Flow::Close } else { Flow::Continue }
}

/// The `http::Request` of a parsed head.
fn request(head: &Head, body: Bytes) -> Option<http::Request<Body>> {
    let uri = match &head.query {
        Some(query) => format!("{}?{query}", head.path),
        None => head.path.clone(),
    };
    let mut builder = http::Request::builder()
        .method(head.method.as_str())
        .uri(uri);
    for (name, value) in &head.headers {
        builder = builder.header(name.as_str(), value.as_slice());
    }
    builder.body(Body::from(body)).ok()
}
