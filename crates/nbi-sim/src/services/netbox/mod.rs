//! The simulated NetBox 4.x REST API: a per-tenant in-memory database behind the generic
//! `/api/<app>/<model>/` routes, available IPs / prefixes / VLANs, rendered device configs and
//! `/api/status/`, answering with NetBox's status codes and bodies.

mod available;
mod collection;
mod ip;
mod models;
mod query;
mod render;
mod respond;
mod seed;
mod store;
mod validate;

#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use bytes::Bytes;
use serde_json::{Value, json};

use crate::config::Service;
use crate::shared::Shared;
use crate::stats::DeviceHit;
use available::Pool;
use models::model;
use store::Store;

/// The NetBox router: the API (faulted) and no admin routes of its own.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let tenants = (0..shared.tenants.len())
        .map(|_| Mutex::new(None))
        .collect();
    let state = NetboxState {
        shared,
        netbox: Arc::new(Netbox { base_url, tenants }),
    };
    let api = Router::new()
        .route("/api/status/", get(status))
        .route("/api/{app}/{model}/", any(collection::collection))
        .route("/api/{app}/{model}/{id}/", any(object))
        .route("/api/{app}/{model}/{id}/{action}/", any(action))
        .fallback(missing_slash)
        .with_state(state);
    (api, Router::new())
}

#[derive(Clone, Debug)]
struct NetboxState {
    shared: Arc<Shared>,
    netbox: Arc<Netbox>,
}

#[derive(Debug)]
struct Netbox {
    base_url: String,
    /// Each tenant's database, seeded on first use.
    tenants: Vec<Mutex<Option<Store>>>,
}

/// A request's query parameters, in order, repeated keys kept.
type Params = Vec<(String, String)>;

impl NetboxState {
    /// The tenant the request's token belongs to, or NetBox's 403: it never answers 401.
    fn tenant(&self, headers: &HeaderMap) -> Result<usize, Box<Response>> {
        self.shared
            .authenticate(Service::Netbox, headers)
            .map_err(|_| Box::new(respond::detail(StatusCode::FORBIDDEN, rejection(headers))))
    }

    /// The tenant's database, seeded on first use.
    fn store(&self, tenant: usize) -> Option<MutexGuard<'_, Option<Store>>> {
        let slot = self.netbox.tenants.get(tenant)?;
        let mut guard = slot.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            let mut store = Store::new(self.netbox.base_url.clone());
            seed::seed(
                &mut store,
                tenant,
                self.shared.tenant_name(tenant),
                self.shared.devices,
            );
            store.now = now_rfc3339;
            *guard = Some(store);
        }
        Some(guard)
    }

    /// Authenticates, then runs `f` on the tenant's database.
    fn with_store(
        &self,
        headers: &HeaderMap,
        f: impl FnOnce(&mut Store, usize) -> Response,
    ) -> Response {
        let tenant = match self.tenant(headers) {
            Ok(tenant) => tenant,
            Err(response) => return *response,
        };
        match self.store(tenant) {
            Some(mut guard) => match guard.as_mut() {
                Some(store) => f(store, tenant),
                None => respond::page_not_found(),
            },
            None => respond::page_not_found(),
        }
    }
}

/// The detail NetBox gives for a missing or rejected token.
fn rejection(headers: &HeaderMap) -> &'static str {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
    if scheme.eq_ignore_ascii_case("token") {
        "Invalid v1 token"
    } else if scheme.eq_ignore_ascii_case("bearer") && token.trim().starts_with("nbt_") {
        "Invalid v2 token"
    } else {
        "Authentication credentials were not provided."
    }
}

async fn status(State(state): State<NetboxState>, headers: HeaderMap) -> Response {
    state.with_store(&headers, |_, _| {
        respond::json(
            StatusCode::OK,
            json!({
                "django-version": "5.2.8",
                "installed-apps": {"django_filters": "25.1", "rest_framework": "3.16.1", "social_django": "5.4.3"},
                "netbox-version": respond::NETBOX_VERSION,
                "netbox-full-version": respond::NETBOX_VERSION,
                "plugins": {},
                "python-version": respond::PYTHON_VERSION,
                "rq-workers-running": 1,
            }),
        )
    })
}

/// `/api/<app>/<model>/<id>/`: get, put, patch, delete, with `ETag` and `If-Match`.
async fn object(
    State(state): State<NetboxState>,
    method: Method,
    Path((app, name, id)): Path<(String, String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (Some(model), Ok(id)) = (model(&app, &name), id.parse::<u64>()) else {
        return respond::page_not_found();
    };
    state.with_store(&headers, |store, _| {
        let Some(current) = store.render(model, id) else {
            return respond::no_match(model.object_name);
        };
        if method == Method::GET || method == Method::HEAD {
            return with_etag(respond::json(StatusCode::OK, current.clone()), &current);
        }
        let writes = [Method::PUT, Method::PATCH, Method::DELETE];
        if !writes.contains(&method) {
            return respond::method_not_allowed(method.as_str());
        }
        if !if_match_holds(&headers, &etag(&current)) {
            return respond::detail(
                StatusCode::PRECONDITION_FAILED,
                "Precondition failed: the object was changed since its ETag was read.",
            );
        }
        if method == Method::DELETE {
            return match store.delete(model, id) {
                Ok(()) => StatusCode::NO_CONTENT.into_response(),
                Err(e) => collection::write_error(e, model),
            };
        }
        let input = match collection::parse_body(&body) {
            Ok(input) => input,
            Err(response) => return *response,
        };
        match store.update(model, id, &input, method == Method::PATCH) {
            Ok(()) => {
                let updated = store.render(model, id).unwrap_or(Value::Null);
                with_etag(respond::json(StatusCode::OK, updated.clone()), &updated)
            }
            Err(e) => collection::write_error(e, model),
        }
    })
}

/// `/api/<app>/<model>/<id>/<action>/`: the pools and `render-config`.
async fn action(
    State(state): State<NetboxState>,
    method: Method,
    Path((app, name, id, action)): Path<(String, String, String, String)>,
    headers: HeaderMap,
    axum::extract::Query(params): axum::extract::Query<Params>,
    body: Bytes,
) -> Response {
    let (Some(model), Ok(id)) = (model(&app, &name), id.parse::<u64>()) else {
        return respond::page_not_found();
    };
    let pool = Pool::of(model, &action);
    let render = model.path == "dcim/devices" && action == "render-config";
    if pool.is_none() && !render {
        return respond::page_not_found();
    }
    state.with_store(&headers, |store, tenant| {
        if store.row(model, id).is_none() {
            return respond::no_match(model.object_name);
        }
        match (pool, method.clone()) {
            (None, Method::POST) => {
                let mut response = render::render_config(store, id);
                let name = store.display(model, id);
                response
                    .extensions_mut()
                    .insert(DeviceHit { tenant, id: name });
                response
            }
            (Some(pool), Method::GET) => available::list(store, model, id, pool, &params),
            (Some(pool), Method::POST) => match collection::parse_body(&body) {
                Ok(input) => available::allocate(store, model, id, pool, &input),
                Err(response) => *response,
            },
            _ => respond::method_not_allowed(method.as_str()),
        }
    })
}

/// Django's `APPEND_SLASH`: a path that would match with a trailing slash is redirected
/// there (301, query kept); anything else is Django's HTML 404.
async fn missing_slash(request: Request) -> Response {
    let uri = request.uri();
    let path = uri.path();
    let segments = path
        .strip_prefix("/api/")
        .map(|rest| rest.split('/').count());
    let routable = !path.ends_with('/')
        && (path == "/api/status" || matches!(segments, Some(2..=4)))
        && !path.contains("//");
    if !routable {
        return respond::page_not_found();
    }
    let location = match uri.query() {
        Some(query) => format!("{path}/?{query}"),
        None => format!("{path}/"),
    };
    let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The entity tag of an object as shown: a hash of its JSON.
fn etag(object: &Value) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in object.to_string().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("\"{hash:016x}\"")
}

fn with_etag(mut response: Response, object: &Value) -> Response {
    if let Ok(value) = HeaderValue::from_str(&etag(object)) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

/// Whether `If-Match` is absent, `*`, or names the current tag (weak or strong).
fn if_match_holds(headers: &HeaderMap, current: &str) -> bool {
    let Some(value) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    value
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == current)
}

/// Now as NetBox prints time stamps (`2025-06-01T12:00:00.000000Z`).
fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000000Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
