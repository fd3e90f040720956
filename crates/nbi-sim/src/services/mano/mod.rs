//! The simulated O-RAN Intent-MANO API: orchestrator intents, plans and deployments, the VNF
//! operator, the TN manager, the O2 client, monitoring and webhook subscriptions, with
//! per-tenant state, the spec's error bodies, rate limits per category, version headers,
//! deployments that progress over time and signed webhooks to subscribers.

// Handlers return early with a finished `Response` as the error of their helpers; boxing each
// of those answers would buy nothing in a simulator.
#![allow(clippy::result_large_err)]

mod errors;
mod limits;
mod monitoring;
mod o2;
mod orchestrator;
mod request;
mod rules;
mod store;
mod time;
mod tn;
mod vnf;
mod webhooks;

#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Deserialize;

use crate::config::Service;
use crate::shared::Shared;
use limits::{Knobs, RateWindows};
use store::Store;

/// The MANO router: the API (faulted) and its `/_sim/mano/{tenant}/settings` admin route.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let _ = base_url;
    let mano = Arc::new(Mano::new(shared.clone()));
    let api = Router::new()
        .route(
            "/orchestrator/intents",
            get(orchestrator::list_intents).post(orchestrator::create_intent),
        )
        .route(
            "/orchestrator/intents/{intent_id}",
            get(orchestrator::get_intent)
                .put(orchestrator::update_intent)
                .delete(orchestrator::delete_intent),
        )
        .route("/orchestrator/plan", post(orchestrator::plan))
        .route("/orchestrator/deploy", post(orchestrator::deploy))
        .route(
            "/orchestrator/deployments/{deployment_id}",
            get(orchestrator::get_deployment),
        )
        .route("/vnf-operator/vnfs", get(vnf::list).post(vnf::create))
        .route(
            "/vnf-operator/vnfs/{vnf_id}",
            get(vnf::get_one).put(vnf::update).delete(vnf::delete),
        )
        .route("/vnf-operator/vnfs/{vnf_id}/scale", post(vnf::scale))
        .route("/tn-manager/agents", get(tn::list).post(tn::register))
        .route(
            "/tn-manager/agents/{agent_id}/slices",
            post(tn::configure_slice),
        )
        .route(
            "/tn-manager/agents/{agent_id}/performance",
            post(tn::performance),
        )
        .route("/tn-manager/agents/{agent_id}/status", get(tn::status))
        .route("/o2-client/deployment-managers", get(o2::list_managers))
        .route(
            "/o2-client/deployment-managers/{dm_id}/nf-descriptors",
            get(o2::list_descriptors),
        )
        .route(
            "/o2-client/deployment-managers/{dm_id}/deployments",
            get(o2::list_deployments).post(o2::create_deployment),
        )
        .route(
            "/o2-client/deployment-managers/{dm_id}/deployments/{deployment_id}",
            get(o2::get_deployment).delete(o2::delete_deployment),
        )
        .route("/monitoring/health", get(monitoring::health))
        .route("/monitoring/metrics", get(monitoring::metrics))
        .route(
            "/monitoring/slices/{slice_id}/metrics",
            get(monitoring::slice_metrics),
        )
        .route(
            "/webhooks/subscriptions",
            get(webhooks::list).post(webhooks::subscribe),
        )
        .route(
            "/webhooks/subscriptions/{subscription_id}",
            axum::routing::delete(webhooks::unsubscribe),
        )
        .route_layer(from_fn_with_state(mano.clone(), limits::layer))
        .with_state(mano.clone())
        .merge(crate::auth::jwt_routes(Service::Mano).with_state(shared));
    let admin = Router::new()
        .route("/_sim/mano/{tenant}/settings", put(put_settings))
        .with_state(mano);
    (api, admin)
}

/// The MANO server's state: one slot per tenant, plus one for unauthenticated callers
/// (health and metrics), whose rate windows are shared.
#[derive(Debug)]
pub(crate) struct Mano {
    shared: Arc<Shared>,
    tenants: Vec<Tenant>,
}

/// One tenant's objects, rate windows and admin knobs.
#[derive(Debug)]
struct Tenant {
    store: Mutex<Store>,
    windows: Mutex<RateWindows>,
    knobs: Mutex<Knobs>,
}

impl Mano {
    fn new(shared: Arc<Shared>) -> Self {
        let tenants = (0..=shared.tenants.len())
            .map(|t| Tenant {
                store: Mutex::new(Store::seeded(shared.seed, t)),
                windows: Mutex::new(RateWindows::default()),
                knobs: Mutex::new(Knobs::default()),
            })
            .collect();
        Mano { shared, tenants }
    }

    /// The tenant of an API request, or the spec's 401.
    fn authenticate(&self, headers: &HeaderMap) -> Result<usize, Response> {
        self.shared
            .authenticate(Service::Mano, headers)
            .map_err(IntoResponse::into_response)
    }

    fn store(&self, tenant: usize) -> MutexGuard<'_, Store> {
        lock(&self.tenants[tenant.min(self.tenants.len() - 1)].store)
    }

    fn knobs(&self, tenant: usize) -> Knobs {
        lock(&self.tenants[tenant.min(self.tenants.len() - 1)].knobs).clone()
    }

    /// The slot of unauthenticated callers.
    fn anonymous(&self) -> usize {
        self.tenants.len() - 1
    }
}

/// Locks `m`; the data stays consistent whatever a panicking holder did.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The shared state of every handler.
type Api = State<Arc<Mano>>;

/// `PUT /_sim/mano/{tenant}/settings`: quotas per category, version headers, deployment time.
async fn put_settings(
    State(mano): State<Arc<Mano>>,
    Path(tenant): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let Some(index) = mano.shared.tenant_index(&tenant) else {
        return errors::api_error(StatusCode::NOT_FOUND, "unknown tenant", "/_sim/mano");
    };
    #[derive(Deserialize)]
    struct Update {
        #[serde(default)]
        rate_limits: Option<limits::Quotas>,
        #[serde(default)]
        deprecation_date: Option<String>,
        #[serde(default)]
        sunset_date: Option<String>,
        #[serde(default)]
        deploy_s: Option<u64>,
    }
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(e) => {
            return errors::api_error(
                StatusCode::BAD_REQUEST,
                &format!("invalid settings: {e}"),
                "/_sim/mano",
            );
        }
    };
    let mut knobs = lock(&mano.tenants[index].knobs);
    if let Some(quotas) = update.rate_limits {
        knobs.quotas = quotas;
    }
    knobs.deprecation_date = update.deprecation_date.or(knobs.deprecation_date.take());
    knobs.sunset_date = update.sunset_date.or(knobs.sunset_date.take());
    if let Some(secs) = update.deploy_s {
        knobs.deploy_s = secs.max(1);
    }
    Json(knobs.clone()).into_response()
}
