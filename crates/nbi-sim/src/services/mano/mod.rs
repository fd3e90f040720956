//! The simulated mano API (routes to come).

use std::sync::Arc;

use axum::Router;

use crate::shared::Shared;

/// The mano router: the API (faulted) and its admin routes.
pub(crate) fn router(shared: Arc<Shared>, base_url: String) -> (Router, Router) {
    let _ = (shared, base_url);
    (Router::new(), Router::new())
}
