//! The built-in actions. `core.*` need nothing but the settings; each other family (the MANO
//! steps) lives in its own file and registers itself into an
//! [`ActionRegistry`](crate::ActionRegistry) the same way.

mod assert;
mod http;
mod input;
mod wait;

use std::sync::Arc;

use crate::ActionRegistry;

pub use assert::AssertAction;
pub use http::HttpAction;
pub use wait::WaitAction;

/// Registers `core.wait`, `core.assert` and, given transports, `core.http`.
pub(crate) fn register_core(
    registry: &mut ActionRegistry,
    transports: Option<nbi_core::Transports>,
) {
    registry.register("core.wait", Arc::new(WaitAction));
    registry.register("core.assert", Arc::new(AssertAction));
    if let Some(transports) = transports {
        registry.register("core.http", Arc::new(HttpAction::new(transports)));
    }
}
