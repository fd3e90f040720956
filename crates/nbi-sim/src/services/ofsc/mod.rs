//! The simulated Oracle Field Service: the OAuth 2 token service, Core (activities and their
//! custom actions, resources and their work skills, zones, schedules and locations, users,
//! event subscriptions and polling), Capacity and Metadata, with per-tenant state seeded from
//! the simulator's seed.
//!
//! Lists page with `offset`/`limit` in the two shapes OFSC uses: `{items, totalResults,
//! offset, limit}` (resources, users, most metadata) and `{items, offset, limit, hasMore}`
//! (activities, activity types, work skills, inventory types, time slots, resource types).
//! Errors are OFSC's `{type, title, status: "404", detail, o:errorCode}`.

// Handlers fail with the finished OFSC error response; it is built once per failed call, so
// its size does not matter and boxing it would only add noise.
#![allow(clippy::result_large_err)]

mod capacity;
mod core;
mod data;
mod metadata;
mod seed;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

use crate::config::Service;
use crate::shared::Shared;
use data::TenantData;

/// The OFSC router: the API (faulted); no admin routes.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let _ = base_url;
    let tenants = (0..shared.tenants.len())
        .map(|t| seed::tenant(shared.seed, t, shared.devices))
        .collect();
    let state = Ofsc {
        shared,
        tenants: Arc::new(Mutex::new(tenants)),
    };
    let api = Router::new()
        .route("/rest/oauthTokenService/v2/token", post(token))
        .merge(core::routes())
        .merge(capacity::routes())
        .merge(metadata::routes())
        .with_state(state);
    (api, Router::new())
}

/// The service's state: every tenant's data behind one lock (calls are short).
#[derive(Clone, Debug)]
pub(crate) struct Ofsc {
    shared: Arc<Shared>,
    tenants: Arc<Mutex<Vec<TenantData>>>,
}

impl Ofsc {
    /// The caller's tenant, or OFSC's 401.
    fn tenant(&self, headers: &HeaderMap) -> Result<usize, Response> {
        self.shared
            .authenticate(Service::Ofsc, headers)
            .map_err(|p| {
                let mut r = error(StatusCode::UNAUTHORIZED, "OFS-000401", p.detail());
                r.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"ofsc\""),
                );
                r
            })
    }

    /// Runs `f` on the caller's data.
    fn with<T>(
        &self,
        headers: &HeaderMap,
        f: impl FnOnce(&mut TenantData) -> Result<T, Response>,
    ) -> Response
    where
        T: IntoResponse,
    {
        let tenant = match self.tenant(headers) {
            Ok(t) => t,
            Err(r) => return r,
        };
        let mut all = self.lock();
        match all.get_mut(tenant) {
            Some(data) => f(data).map_or_else(|e| e, IntoResponse::into_response),
            None => error(StatusCode::UNAUTHORIZED, "OFS-000401", "Unknown tenant."),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<TenantData>> {
        self.tenants.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// An OFSC error answer.
pub(crate) fn error(status: StatusCode, code: &str, detail: &str) -> Response {
    let body = json!({
        "type": format!("http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.{}", status.as_u16() % 100 + 1),
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16().to_string(),
        "detail": detail,
        "o:errorCode": code,
    });
    (status, axum::Json(body)).into_response()
}

/// 404 for a missing object.
pub(crate) fn not_found(what: &str) -> Response {
    error(
        StatusCode::NOT_FOUND,
        "OFS-000404",
        &format!("The requested {what} was not found"),
    )
}

/// 400 for a bad request.
pub(crate) fn bad_request(detail: &str) -> Response {
    error(StatusCode::BAD_REQUEST, "OFS-000400", detail)
}

/// A JSON body, or OFSC's 400.
pub(crate) fn json_body(body: &Bytes) -> Result<Value, Response> {
    serde_json::from_slice(body).map_err(|_| bad_request("The request body is not valid JSON"))
}

/// `POST /rest/oauthTokenService/v2/token`: client credentials with basic client auth.
async fn token(State(ofsc): State<Ofsc>, headers: HeaderMap, body: Bytes) -> Response {
    let shared = &ofsc.shared;
    shared.stats.auth_call(|a| a.token += 1);
    let form = String::from_utf8_lossy(&body);
    let grant = form.split('&').find_map(|p| p.strip_prefix("grant_type="));
    if grant != Some("client_credentials") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let tenant = crate::auth::basic_credentials(&headers)
        .and_then(|(id, secret)| shared.auth(Service::Ofsc).oauth_client(&id, &secret));
    let Some(tenant) = tenant else {
        shared.stats.auth_call(|a| a.rejected += 1);
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client");
    };
    let faults = shared.faults.for_tenant(Some(shared.tenant_name(tenant)));
    let (access_token, expires_in) = shared.auth(Service::Ofsc).issue(tenant, false, &faults);
    axum::Json(json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": expires_in,
    }))
    .into_response()
}

fn oauth_error(status: StatusCode, error: &str) -> Response {
    (status, axum::Json(json!({ "error": error }))).into_response()
}
