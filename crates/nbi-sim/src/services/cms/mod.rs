//! The simulated Calix CMS: the E7 NETCONF/SOAP NBI (login sessions, edit-config, get-config
//! with paging, show-ont) and the REST NBI, on one server.

mod edit;
mod netconf;
mod reply;
mod rest;
mod sessions;
mod store;
mod xml;

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use crate::shared::Shared;
use sessions::Sessions;

/// Everything the CMS handlers share.
#[derive(Clone, Debug)]
pub(crate) struct CmsState {
    shared: Arc<Shared>,
    sessions: Arc<Sessions>,
    /// Each tenant's nodes, in [`store::NODES`] order.
    tenants: Arc<Vec<Mutex<Vec<store::Node>>>>,
    /// `SessionId` (odd seeds) or `SessionID` (even seeds): releases spell it differently.
    session_tag: &'static str,
}

/// The CMS router: the API (faulted) and its `/_sim/cms` admin routes.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let _ = base_url;
    let tenants = (0..shared.tenants.len())
        .map(|t| Mutex::new(store::seeded(shared.seed, t, shared.devices)))
        .collect();
    let state = CmsState {
        session_tag: if shared.seed.is_multiple_of(2) {
            "SessionID"
        } else {
            "SessionId"
        },
        shared,
        sessions: Arc::new(Sessions::default()),
        tenants: Arc::new(tenants),
    };
    let api = Router::new()
        .route("/cmsexc/ex/netconf", post(netconf::netconf))
        .route("/cmsweb/nc", post(netconf::netconf))
        .route("/restnbi/devices", get(rest::devices))
        .route("/restnbi/region", get(rest::regions))
        .route("/restnbi/toplinks", get(rest::toplinks))
        .route("/restnbi/profiles", get(rest::profiles))
        .with_state(state.clone());
    let admin = Router::new()
        .route("/_sim/cms/sessions", get(session_counts))
        .route("/_sim/cms/sessions/expire", post(expire_sessions))
        .with_state(state);
    (api, admin)
}

async fn session_counts(State(state): State<CmsState>) -> Json<sessions::SessionCounts> {
    Json(state.sessions.counts())
}

async fn expire_sessions(State(state): State<CmsState>) -> Json<serde_json::Value> {
    Json(json!({ "expired": state.sessions.expire_all() }))
}

#[cfg(test)]
mod tests;
