//! The built-in actions, registered by [`ActionRegistry::builtin`](crate::ActionRegistry::builtin).
//!
//! * `core.http` ([`HttpAction`]) — one request to a service of the workflow's tenant.
//! * `core.wait` ([`WaitAction`]) — sleeps; cancellable.
//! * `core.assert` ([`AssertAction`]) — compares values; a mismatch fails the run.
//! * `mano.*` — the O-RAN Intent-MANO steps (intents, plans, deployments and the wait for
//!   them, VNFs, TN slices, slice metrics); the crate documentation lists them with their
//!   inputs and results.
//!
//! Each further family of actions lives in its own module with a `register(registry,
//! transports)` function, called from `register_builtin`.

mod assert;
mod http;
mod input;
mod mano;
mod wait;

use std::sync::Arc;

use crate::ActionRegistry;

pub use assert::AssertAction;
pub use http::HttpAction;
pub use wait::WaitAction;

/// Registers every built-in family: `core.wait`, `core.assert` and, given transports,
/// `core.http` and `mano.*`.
pub(crate) fn register_builtin(
    registry: &mut ActionRegistry,
    transports: Option<nbi_core::Transports>,
) {
    registry.register("core.wait", Arc::new(WaitAction));
    registry.register("core.assert", Arc::new(AssertAction));
    if let Some(transports) = transports {
        mano::register(registry, &transports);
        registry.register("core.http", Arc::new(HttpAction::new(transports)));
    }
}
