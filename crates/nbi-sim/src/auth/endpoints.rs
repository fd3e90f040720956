//! `POST /oauth/token` (client credentials), `POST /auth/login` and `POST /auth/refresh`.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

use super::{BASIC_CHALLENGE, Presented, presented};
use crate::config::Service;
use crate::problem::Problem;
use crate::shared::Shared;

/// The auth endpoints, to be merged into a service's router.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/oauth/token", post(token))
        .merge(jwt_routes(Service::Nms))
}

/// `POST /auth/login` and `POST /auth/refresh` checking `service`'s JWT-login tenants. MANO
/// answers a login body without its fields with the spec's 422 (`errors: [{field, message,
/// code}]`); the NMS with a 400 problem.
pub(crate) fn jwt_routes(service: Service) -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/auth/login",
            post(move |state: State<Arc<Shared>>, body: Bytes| login(state, service, body)),
        )
        .route(
            "/auth/refresh",
            post(move |state: State<Arc<Shared>>, body: Bytes| refresh(state, service, body)),
        )
}

/// The answer to a login or refresh body that lacks `fields`.
fn missing_fields(service: Service, body: &[u8], fields: &[&str], shape: &str) -> Response {
    if service != Service::Mano {
        return Problem::bad_request(format!("Body must be JSON {shape}.")).into_response();
    }
    let errors: Vec<Value> = fields
        .iter()
        .filter(|f| json_field(body, f).is_none())
        .map(|f| json!({ "field": f, "message": format!("{f} is required"), "code": "REQUIRED" }))
        .collect();
    let body = json!({
        "status": 422,
        "title": "Validation Error",
        "detail": "Input validation failed",
        "errors": errors,
    });
    (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response()
}

/// An RFC 6749 error answer (`{"error": …}`), as OAuth2 servers send.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let body = json!({ "error": error, "error_description": description });
    let mut response = (status, axum::Json(body)).into_response();
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(BASIC_CHALLENGE),
        );
    }
    response
}

fn form_value<'a>(body: &'a str, key: &str) -> Option<&'a str> {
    body.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == key).then_some(v)
    })
}

async fn token(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    shared.stats.auth_call(|a| a.token += 1);
    let body = String::from_utf8_lossy(&body);
    if form_value(&body, "grant_type") != Some("client_credentials") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Only client_credentials is supported.",
        );
    }
    let tenant = match presented(&headers) {
        Some(Presented::Basic(id, secret)) => shared.auth(Service::Nms).oauth_client(&id, &secret),
        _ => None,
    };
    let Some(tenant) = tenant else {
        shared.stats.auth_call(|a| a.rejected += 1);
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed.",
        );
    };
    let faults = shared.faults.for_tenant(Some(shared.tenant_name(tenant)));
    let (access_token, expires_in) = shared.auth(Service::Nms).issue(tenant, false, &faults);
    axum::Json(
        json!({ "access_token": access_token, "token_type": "Bearer", "expires_in": expires_in }),
    )
    .into_response()
}

fn jwt_answer(shared: &Shared, service: Service, tenant: usize) -> Response {
    let faults = shared.faults.for_tenant(Some(shared.tenant_name(tenant)));
    let (access_token, expires_in) = shared.auth(service).issue(tenant, true, &faults);
    let refresh_token = shared.auth(service).issue_refresh(tenant);
    axum::Json(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": expires_in,
        "refresh_token": refresh_token,
    }))
    .into_response()
}

fn json_field(body: &[u8], key: &str) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value.get(key)?.as_str().map(str::to_owned)
}

async fn login(State(shared): State<Arc<Shared>>, service: Service, body: Bytes) -> Response {
    shared.stats.auth_call(|a| a.login += 1);
    let (Some(username), Some(password)) =
        (json_field(&body, "username"), json_field(&body, "password"))
    else {
        return missing_fields(
            service,
            &body,
            &["username", "password"],
            "{\"username\": …, \"password\": …}",
        );
    };
    match shared.auth(service).login(&username, &password) {
        Some(tenant) => jwt_answer(&shared, service, tenant),
        None => {
            shared.stats.auth_call(|a| a.rejected += 1);
            Problem::unauthorized(super::BEARER_CHALLENGE, "Invalid username or password.")
                .into_response()
        }
    }
}

async fn refresh(State(shared): State<Arc<Shared>>, service: Service, body: Bytes) -> Response {
    shared.stats.auth_call(|a| a.refresh += 1);
    let Some(refresh_token) = json_field(&body, "refresh_token") else {
        return missing_fields(service, &body, &["refresh_token"], "{\"refresh_token\": …}");
    };
    match shared.auth(service).refresh_tenant(&refresh_token) {
        Some(tenant) => jwt_answer(&shared, service, tenant),
        None => {
            shared.stats.auth_call(|a| a.rejected += 1);
            Problem::unauthorized(super::BEARER_INVALID, "Invalid refresh token.").into_response()
        }
    }
}
