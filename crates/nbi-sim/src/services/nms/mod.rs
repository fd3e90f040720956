//! The generic multi-tenant NMS config server used by the fleet backup job.

mod bench;

pub(crate) use bench::{bench, bench_router};
mod configs;
mod template;

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::config::Service;
use crate::problem::Problem;
use crate::shared::Shared;
use crate::stats::DeviceHit;
use configs::{DeviceKey, data_json};
use template::{Template, Volatile};

/// The NMS router: the API (faulted) and its `/_sim/devices` admin route.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let nms = Arc::new(Nms::new(&shared, base_url));
    let state = NmsState {
        shared: shared.clone(),
        nms,
    };
    let api = Router::new()
        .route("/api/v1/devices", get(list))
        .route("/api/v1/devices/{id}/config", get(config))
        .with_state(state.clone())
        .merge(crate::auth::routes().with_state(shared));
    let admin = Router::new()
        .route("/_sim/devices/{tenant}/{id}/change", post(change))
        .with_state(state);
    (api, admin)
}

/// Whether `id` is a valid device id: `[A-Za-z0-9._:-]+`, and not `.` or `..`.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id != "."
        && id != ".."
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

#[derive(Clone, Debug)]
struct NmsState {
    shared: Arc<Shared>,
    nms: Arc<Nms>,
}

#[derive(Debug)]
struct Nms {
    base_url: String,
    /// Devices of each tenant, by index.
    tenants: Vec<Vec<Device>>,
    fetches: AtomicU64,
}

#[derive(Debug)]
struct Device {
    key: DeviceKey,
    id: String,
    revision: AtomicU32,
    /// The rendered envelope for one revision.
    cache: Mutex<Option<(u32, Arc<Template>)>>,
}

impl Nms {
    fn new(shared: &Shared, base_url: String) -> Self {
        let tenants = (0..shared.tenants.len())
            .map(|tenant| {
                (0..shared.devices)
                    .map(|index| Device {
                        key: DeviceKey {
                            seed: shared.seed,
                            tenant,
                            index,
                        },
                        id: format!("r{:04}", index + 1),
                        revision: AtomicU32::new(0),
                        cache: Mutex::new(None),
                    })
                    .collect()
            })
            .collect();
        Self {
            base_url,
            tenants,
            fetches: AtomicU64::new(0),
        }
    }

    fn device(&self, tenant: usize, id: &str) -> Option<&Device> {
        let number: usize = id.strip_prefix('r')?.parse().ok()?;
        let device = self.tenants.get(tenant)?.get(number.checked_sub(1)?)?;
        (device.id == id).then_some(device)
    }
}

impl Device {
    fn template(&self, tenant_name: &str) -> Arc<Template> {
        let revision = self.revision.load(Ordering::Relaxed);
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((cached, template)) = cache.as_ref()
            && *cached == revision
        {
            return template.clone();
        }
        let flavor = self.key.flavor();
        let metadata = json!({
            "device": self.id,
            "name": self.key.name(),
            "flavor": flavor.as_str(),
            "tenant": tenant_name,
            "revision": revision,
            "collected_at": "@@COMMIT_TIME@@",
        });
        let envelope = format!(
            "{{\"json_metadata\":{metadata},\"envelope_id\":\"@@ENVELOPE_ID@@\",\"api_version\":\"v2\",\"data\":{}}}",
            data_json(self.key, revision)
        );
        let template = Arc::new(Template::parse(&envelope));
        *cache = Some((revision, template.clone()));
        template
    }
}

#[derive(Debug, Deserialize)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list(
    State(state): State<NmsState>,
    headers: HeaderMap,
    Query(page): Query<Page>,
) -> Response {
    let tenant = match state.shared.authenticate(Service::Nms, &headers) {
        Ok(tenant) => tenant,
        Err(problem) => return problem.into_response(),
    };
    let devices = state.nms.tenants.get(tenant).map_or(&[][..], Vec::as_slice);
    let limit = page.limit.unwrap_or(50).clamp(1, 1000);
    let offset = page.offset.unwrap_or(0);
    let link = |offset: usize| {
        format!(
            "{}/api/v1/devices?limit={limit}&offset={offset}",
            state.nms.base_url
        )
    };
    let results: Vec<_> = devices
        .iter()
        .skip(offset)
        .take(limit)
        .map(|d| json!({"id": d.id, "name": d.key.name(), "flavor": d.key.flavor().as_str()}))
        .collect();
    let next = (offset + limit < devices.len()).then(|| link(offset + limit));
    let previous = (offset > 0).then(|| link(offset.saturating_sub(limit)));
    Json(json!({"count": devices.len(), "next": next, "previous": previous, "results": results}))
        .into_response()
}

async fn config(
    State(state): State<NmsState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let tenant = match state.shared.authenticate(Service::Nms, &headers) {
        Ok(tenant) => tenant,
        Err(problem) => return problem.into_response(),
    };
    let device = match state.nms.device(tenant, &id) {
        Some(device) if valid_id(&id) => device,
        _ => return Problem::not_found("No Device matches the given query.").into_response(),
    };
    let fetch = state.nms.fetches.fetch_add(1, Ordering::Relaxed);
    let volatile = Volatile::now(state.shared.seed, fetch);
    let template = device.template(state.shared.tenant_name(tenant));
    let body = template.render(|slot, out| volatile.fill(slot, out));
    let mut response = json_bytes(body);
    response.extensions_mut().insert(DeviceHit { tenant, id });
    response
}

/// A 200 with a pre-serialised JSON body.
fn json_bytes(body: Vec<u8>) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

async fn change(
    State(state): State<NmsState>,
    Path((tenant, id)): Path<(String, String)>,
) -> Response {
    let device = state
        .shared
        .tenant_index(&tenant)
        .and_then(|t| state.nms.device(t, &id));
    let Some(device) = device else {
        return Problem::not_found(format!("no device {tenant}/{id}")).into_response();
    };
    let revision = device.revision.fetch_add(1, Ordering::Relaxed) + 1;
    Json(json!({"tenant": tenant, "id": id, "revision": revision})).into_response()
}
