//! The simulated VOLTHA API: the REST mapping of voltha.proto as a gRPC–JSON gateway serves
//! it, one stateful VOLTHA per tenant (see the crate docs for the routes).

mod catalog;
mod devices;
mod grpc;
mod model;
mod ops;
mod render;
mod seed;
mod serials;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::config::Service;
use crate::shared::Shared;
use grpc::{Form, GrpcError};
use model::Tenant;

/// The VOLTHA router: the API (faulted) and its `/_sim/voltha` admin route.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let _ = base_url;
    let tenants = (0..shared.tenants.len())
        .map(|t| Mutex::new(seed::tenant(shared.seed, t, shared.devices)))
        .collect();
    let state = VolthaState {
        shared,
        tenants: Arc::new(tenants),
    };
    let api = Router::new()
        .route("/api/v1/devices", get(devices::list).post(devices::create))
        .route("/api/v1/devices/{id}", get(devices::get))
        .route("/api/v1/devices/{id}/enable", post(devices::enable))
        .route("/api/v1/devices/{id}/disable", post(devices::disable))
        .route("/api/v1/devices/{id}/reboot", post(devices::reboot))
        .route("/api/v1/devices/{id}/delete", delete(devices::delete))
        .route(
            "/api/v1/devices/{id}/force_delete",
            delete(devices::force_delete),
        )
        .route("/api/v1/devices/{id}/ports", get(devices::ports))
        .route("/api/v1/devices/{id}/flows", get(devices::flows))
        .route(
            "/api/v1/devices/{id}/pm_configs",
            get(devices::pm_configs).post(devices::update_pm_configs),
        )
        .route(
            "/api/v1/devices/{id}/image_downloads",
            get(devices::image_downloads),
        )
        .route(
            "/api/v1/devices/{id}/enable_onu_device",
            post(devices::enable_onu),
        )
        .route(
            "/api/v1/devices/{id}/disable_onu_device",
            post(devices::disable_onu),
        )
        .route(
            "/api/v1/devices/enable_onu_serial_number",
            post(devices::enable_serial),
        )
        .route(
            "/api/v1/devices/disable_onu_serial_number",
            post(devices::disable_serial),
        )
        .route("/api/v1/logical_devices", get(catalog::logical_devices))
        .route("/api/v1/logical_devices/{id}", get(catalog::logical_device))
        .route(
            "/api/v1/logical_devices/{id}/ports",
            get(catalog::logical_ports),
        )
        .route(
            "/api/v1/logical_devices/{id}/flows",
            get(catalog::logical_flows),
        )
        .route(
            "/api/v1/logical_devices/{id}/meters",
            get(catalog::logical_meters),
        )
        .route("/api/v1/adapters", get(catalog::adapters))
        .route("/api/v1/device_types", get(catalog::device_types))
        .route("/api/v1/device_types/{id}", get(catalog::device_type))
        .route("/health", get(catalog::health))
        .route("/api/v1/health", get(catalog::health))
        .fallback(unknown_route)
        .with_state(state.clone());
    let admin = Router::new()
        .route("/_sim/voltha/{tenant}/unavailable", post(unavailable))
        .with_state(state);
    (api, admin)
}

/// Every tenant's VOLTHA.
#[derive(Clone, Debug)]
pub(super) struct VolthaState {
    shared: Arc<Shared>,
    tenants: Arc<Vec<Mutex<Tenant>>>,
}

impl VolthaState {
    fn lock(&self, tenant: usize) -> Option<MutexGuard<'_, Tenant>> {
        self.tenants
            .get(tenant)
            .map(|t| t.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs `rpc` on the caller's VOLTHA: the bearer token picks the tenant (a rejected one is
    /// UNAUTHENTICATED, 401), an injected outage answers UNAVAILABLE, and errors take `form`.
    fn serve<T: IntoResponse>(
        &self,
        headers: &HeaderMap,
        form: Form,
        rpc: impl FnOnce(&mut Tenant) -> Result<T, GrpcError>,
    ) -> Response {
        let tenant = match self.shared.authenticate(Service::Voltha, headers) {
            Ok(tenant) => tenant,
            Err(problem) => {
                return GrpcError::new(grpc::code::UNAUTHENTICATED, problem.detail())
                    .into_response();
            }
        };
        let Some(mut state) = self.lock(tenant) else {
            return GrpcError::new(grpc::code::UNAUTHENTICATED, "unknown tenant").into_response();
        };
        if state.unavailable > 0 {
            state.unavailable -= 1;
            return GrpcError::new(grpc::code::UNAVAILABLE, "voltha-core is not reachable")
                .in_form(form)
                .into_response();
        }
        match rpc(&mut state) {
            Ok(answer) => answer.into_response(),
            Err(error) => error.in_form(form).into_response(),
        }
    }
}

/// What the gateway answers for a path no RPC maps to.
async fn unknown_route() -> Response {
    GrpcError::not_found("Not Found").into_response()
}

#[derive(Debug, Deserialize)]
struct Outage {
    count: u32,
}

/// `POST /_sim/voltha/{tenant}/unavailable {"count": N}`: the tenant's next N API requests
/// are answered UNAVAILABLE (in the form of each route).
async fn unavailable(
    State(state): State<VolthaState>,
    Path(tenant): Path<String>,
    Json(outage): Json<Outage>,
) -> Response {
    let Some(mut voltha) = state
        .shared
        .tenant_index(&tenant)
        .and_then(|t| state.lock(t))
    else {
        return crate::problem::Problem::not_found(format!("unknown tenant {tenant:?}"))
            .into_response();
    };
    voltha.unavailable = outage.count;
    Json(json!({"tenant": tenant, "unavailable": outage.count})).into_response()
}
