//! The middleware that carries out fault decisions on every faultable route.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http_body_util::BodyExt;

use crate::config::Service;
use crate::problem::Problem;
use crate::server::ConnKill;
use crate::shared::Shared;
use crate::stats::{DeviceHit, FaultKind};

/// Middleware run on every faultable route: counts the request, then applies the decision.
pub(crate) async fn fault_layer(
    State((shared, service)): State<(Arc<Shared>, Service)>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let method = request.method().clone();
    let route = matched.as_ref().map_or("unmatched", |m| m.as_str());
    let finish = |outcome: &str, response: Option<&mut Response>| {
        let device = response.and_then(|r| r.extensions_mut().remove::<DeviceHit>());
        shared
            .stats
            .outcome(method.as_str(), route, outcome, device);
    };
    let tenant = shared
        .auth(service)
        .peek_tenant(request.headers())
        .map(|t| shared.tenant_name(t));
    let tenant_label = tenant.unwrap_or("-");
    let _in_flight = shared.stats.begin(tenant_label, request.uri().path());
    let config = shared.faults.for_tenant(tenant);
    let decision = shared.faults.next_decision(&config);
    if !decision.delay.is_zero() {
        shared.stats.delayed();
        tokio::time::sleep(decision.delay).await;
    }
    let Some(fault) = decision.fault else {
        let mut response = next.run(request).await;
        finish(response.status().as_str(), Some(&mut response));
        return response;
    };
    shared.stats.fault(fault);
    match fault {
        FaultKind::Reset => {
            finish("reset", None);
            match request.extensions().get::<ConnKill>() {
                Some(kill) => {
                    kill.fire();
                    // The connection task drops this future when it sees the signal.
                    std::future::pending::<Response>().await
                }
                None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
            }
        }
        FaultKind::Stall => {
            finish("stall", None);
            tokio::time::sleep(Duration::from_secs(config.effective_stall_s())).await;
            next.run(request).await
        }
        FaultKind::Fail | FaultKind::Throttle => {
            let after = config.effective_retry_after_s();
            shared.stats.retry_window(
                tenant_label,
                request.uri().path(),
                Duration::from_secs(after),
            );
            let response = retry_later(fault == FaultKind::Throttle, after);
            finish(response.status().as_str(), None);
            response
        }
        FaultKind::Truncate => {
            let mut response = next.run(request).await;
            finish("truncated", Some(&mut response));
            truncate(response).await
        }
    }
}

/// A 503 or 429 answer with the headers real servers send.
fn retry_later(throttle: bool, after_s: u64) -> Response {
    let (status, detail) = if throttle {
        (
            StatusCode::TOO_MANY_REQUESTS,
            "Rate limit exceeded, retry later",
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "The service is temporarily unavailable",
        )
    };
    let mut response = Problem::new(status, detail).into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(after_s));
    if throttle {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        headers.insert("x-ratelimit-limit", HeaderValue::from(100u64));
        headers.insert("x-ratelimit-remaining", HeaderValue::from(0u64));
        headers.insert("x-ratelimit-reset", HeaderValue::from(now + after_s));
    }
    response
}

/// Declares the full length but sends only the first half of the body, then fails the body so
/// the server closes the connection.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let full = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => Bytes::new(),
    };
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full.len()));
    let head = full.slice(..full.len() / 2);
    let chunks = futures::stream::unfold(Some(head), |state| async move {
        match state {
            Some(head) => Some((Ok::<Bytes, std::io::Error>(head), None)),
            None => {
                // Let the first half reach the socket before the connection is torn down.
                tokio::time::sleep(Duration::from_millis(5)).await;
                Some((
                    Err(std::io::Error::other("body truncated on purpose")),
                    None,
                ))
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(chunks))
}
