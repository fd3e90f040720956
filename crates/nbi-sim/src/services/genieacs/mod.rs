//! The simulated GenieACS NBI (port 7557 in real deployments), behind a basic-auth proxy as
//! real deployments put it: every tenant has its own credentials and its own ACS state.

mod clock;
mod collections;
mod engine;
mod query;
mod seed;
mod state;
mod tasks;
#[cfg(test)]
mod tests;
mod writes;

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use serde_json::json;

use crate::config::Service;
use crate::shared::Shared;
use state::Acs;

/// The version real GenieACS reports in its `GenieACS-Version` header.
const VERSION: &str = "1.2.13";

/// The state every handler shares.
#[derive(Clone, Debug)]
struct AcsState {
    shared: Arc<Shared>,
    acs: Arc<Acs>,
}

impl AcsState {
    /// The tenant the request's basic credentials name, or the proxy's refusal.
    fn tenant(&self, headers: &HeaderMap) -> Result<usize, Unauthorized> {
        self.shared
            .authenticate(Service::Genieacs, headers)
            .map_err(|_| Unauthorized)
    }
}

/// Credentials the basic-auth proxy refused.
#[derive(Debug)]
struct Unauthorized;

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        unauthorized()
    }
}

/// The genieacs router: the NBI (faulted) and its `/_sim/genieacs` admin routes.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let _ = base_url;
    let acs = Arc::new(Acs::new(&shared));
    let state = AcsState { shared, acs };
    let mut api = Router::new();
    for name in collections::NAMES {
        api = api
            .route(&format!("/{name}"), get(collections::list))
            .route(&format!("/{name}/"), get(collections::list));
    }
    let api = api
        .route("/devices/{id}/tasks", post(tasks::create))
        .route("/devices/{id}/tasks/", post(tasks::create))
        .route(
            "/devices/{id}/tags/{tag}",
            post(writes::add_tag).delete(writes::remove_tag),
        )
        .route("/devices/{id}", delete(writes::delete_device))
        .route("/tasks/{id}", delete(tasks::delete))
        .route("/tasks/{id}/retry", post(tasks::retry))
        .route("/faults/{id}", delete(tasks::delete_fault))
        .route(
            "/presets/{id}",
            put(writes::put_json).delete(writes::delete_named),
        )
        .route(
            "/objects/{id}",
            put(writes::put_json).delete(writes::delete_named),
        )
        .route(
            "/provisions/{id}",
            put(writes::put_script).delete(writes::delete_named),
        )
        .route(
            "/virtual_parameters/{id}",
            put(writes::put_script).delete(writes::delete_named),
        )
        .route(
            "/files/{id}",
            put(writes::put_file).delete(writes::delete_file),
        )
        .route("/ping/{host}", get(writes::ping))
        .fallback(|| async { text(StatusCode::NOT_FOUND, "404 Not Found") })
        .layer(axum::middleware::map_response(with_version))
        .with_state(state.clone());
    let admin = Router::new()
        .route(
            "/_sim/genieacs/{tenant}/devices/{id}/inform",
            post(admin_inform),
        )
        .route(
            "/_sim/genieacs/{tenant}/devices/{id}/change",
            post(admin_change),
        )
        .route(
            "/_sim/genieacs/{tenant}/devices/{id}/online",
            put(admin_online),
        )
        .with_state(state);
    (api, admin)
}

/// Every NBI answer names the GenieACS version, as the real server does.
async fn with_version(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("genieacs-version", HeaderValue::from_static(VERSION));
    response
}

/// A plain-text answer: GenieACS's errors are plain text.
fn text(status: StatusCode, body: impl Into<String>) -> Response {
    let mut response = (status, body.into()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// An empty answer with a status (`200`, `201`).
fn empty(status: StatusCode) -> Response {
    status.into_response()
}

/// A JSON answer whose status line carries GenieACS's own reason phrase
/// (`202 Task queued but not processed`, `202 Task faulted`).
fn json_with_reason(status: StatusCode, reason: Option<&'static str>, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Some(reason) = reason {
        response
            .extensions_mut()
            .insert(hyper::ext::ReasonPhrase::from_static(reason.as_bytes()));
    }
    response
}

/// The basic-auth proxy's refusal.
fn unauthorized() -> Response {
    let mut response = text(StatusCode::UNAUTHORIZED, "Unauthorized");
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"GenieACS\""),
    );
    response
}

/// `POST /_sim/genieacs/{tenant}/devices/{id}/inform`: the CPE informs (periodic): its
/// `_lastInform`, `UpTime`, clock and read timestamps move on; no configuration changes.
async fn admin_inform(
    State(state): State<AcsState>,
    Path((tenant, id)): Path<(String, String)>,
) -> Response {
    admin_device(&state, &tenant, &id, |acs, tenant| acs.inform(tenant, &id))
}

/// `POST /_sim/genieacs/{tenant}/devices/{id}/change`: someone changes the CPE's Wi-Fi name
/// locally; the ACS sees it at the next inform (which this also is).
async fn admin_change(
    State(state): State<AcsState>,
    Path((tenant, id)): Path<(String, String)>,
) -> Response {
    admin_device(&state, &tenant, &id, |acs, tenant| acs.change(tenant, &id))
}

/// `PUT /_sim/genieacs/{tenant}/devices/{id}/online` with `true` or `false`.
async fn admin_online(
    State(state): State<AcsState>,
    Path((tenant, id)): Path<(String, String)>,
    body: String,
) -> Response {
    let online = body.trim() == "true";
    admin_device(&state, &tenant, &id, |acs, tenant| {
        acs.set_online(tenant, &id, online)
    })
}

fn admin_device(
    state: &AcsState,
    tenant: &str,
    id: &str,
    action: impl FnOnce(&Acs, usize) -> bool,
) -> Response {
    let Some(index) = state.shared.tenant_index(tenant) else {
        return text(StatusCode::NOT_FOUND, format!("no tenant {tenant}"));
    };
    if action(&state.acs, index) {
        axum::Json(json!({"tenant": tenant, "id": id})).into_response()
    } else {
        text(StatusCode::NOT_FOUND, format!("no device {tenant}/{id}"))
    }
}
