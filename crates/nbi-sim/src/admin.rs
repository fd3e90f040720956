//! `/_sim/*` admin routes (never faulted, no auth): fault settings and stats.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use crate::config::FaultConfig;
use crate::problem::Problem;
use crate::shared::Shared;

/// `?tenant=` on the faults routes.
#[derive(Debug, Deserialize)]
struct TenantQuery {
    tenant: Option<String>,
}

/// `GET/PUT /_sim/faults` and `GET /_sim/stats`.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_sim/faults", get(get_faults).put(put_faults))
        .route("/_sim/stats", get(stats))
}

fn known_tenant(shared: &Shared, tenant: Option<&str>) -> Result<(), Problem> {
    match tenant {
        Some(name) if shared.tenant_index(name).is_none() => {
            Err(Problem::not_found(format!("unknown tenant {name:?}")))
        }
        _ => Ok(()),
    }
}

async fn get_faults(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<TenantQuery>,
) -> Response {
    if let Err(problem) = known_tenant(&shared, query.tenant.as_deref()) {
        return problem.into_response();
    }
    Json(shared.faults.for_tenant(query.tenant.as_deref())).into_response()
}

async fn put_faults(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<TenantQuery>,
    body: axum::body::Bytes,
) -> Response {
    if let Err(problem) = known_tenant(&shared, query.tenant.as_deref()) {
        return problem.into_response();
    }
    let faults: FaultConfig = match serde_json::from_slice(&body) {
        Ok(faults) => faults,
        Err(e) => {
            return Problem::bad_request(format!("invalid fault settings: {e}")).into_response();
        }
    };
    shared.faults.set(query.tenant.as_deref(), faults.clone());
    Json(faults).into_response()
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.stats()).into_response()
}
