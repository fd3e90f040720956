//! `mano.*`: steps that call the O-RAN Intent-MANO API through [`nbi_mano::Client`], so a
//! slice deployment (intent → plan → deploy → VNFs → TN → wait → metrics) runs as a file.
//!
//! Every action reads the `[tenants.<tenant>.mano]` table of the workflow's tenant (another
//! table of `kind = "mano"` with the optional `service` key), checks its input with the
//! client's own validation before the run, and returns the API's answer as JSON.

mod check;
mod network;
mod orchestrator;
mod wait;

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use async_trait::async_trait;
use nbi_core::Transports;
use nbi_mano::{Client, ManoErrorExt, ManoErrorKind};
use serde::Serialize;
use serde_json::{Map, Value};

use super::input;
use crate::{Action, ActionError, ActionRegistry, StepContext};

/// The settings table used when a step names none.
const DEFAULT_SERVICE: &str = "mano";

/// One MANO step kind: its `with` keys, its check before the run and its call.
#[async_trait]
pub(crate) trait ManoCall: Send + Sync + 'static {
    /// The keys `with` may hold besides `service`.
    const KEYS: &'static [&'static str];

    /// Checks the input before the run; `${…}` references are not resolved yet.
    fn check(map: &Map<String, Value>) -> Result<(), String>;

    /// One try, with the client of the step's tenant.
    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        ctx: &StepContext,
    ) -> Result<Value, ActionError>;
}

/// A [`ManoCall`] as an [`Action`]: the client is made (and cached, with its transport) for
/// the workflow's tenant when the step runs.
pub(crate) struct ManoAction<C> {
    transports: Transports,
    call: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ManoAction<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManoAction")
            .field("call", &std::any::type_name::<C>())
            .finish_non_exhaustive()
    }
}

impl<C: ManoCall> ManoAction<C> {
    fn new(transports: Transports) -> Self {
        ManoAction {
            transports,
            call: PhantomData,
        }
    }

    /// The step's input as an object of known keys.
    fn object(input: &Value) -> Result<&Map<String, Value>, String> {
        let mut keys = vec!["service"];
        keys.extend_from_slice(C::KEYS);
        input::object(input, &keys)
    }
}

/// The settings table the step uses.
fn service(map: &Map<String, Value>) -> Result<&str, String> {
    match map.get("service") {
        None => Ok(DEFAULT_SERVICE),
        Some(Value::String(s)) if s.contains("${") => {
            Err("`service` must be written out, not a reference".to_owned())
        }
        Some(Value::String(s)) => Ok(s),
        Some(other) => Err(format!("`service` must be a string, not {other}")),
    }
}

#[async_trait]
impl<C: ManoCall> Action for ManoAction<C> {
    fn check(&self, input: &Value, tenant: &str) -> Result<(), String> {
        let map = Self::object(input)?;
        let service = service(map)?;
        let Some(table) = self.transports.settings().service(tenant, service) else {
            return Err(format!(
                "`service` {service}: the settings have no [tenants.{tenant}.{service}]"
            ));
        };
        let kind = table.kind_or(service);
        if kind != "mano" {
            return Err(format!(
                "`service` {service}: [tenants.{tenant}.{service}] is of kind {kind:?}, not \"mano\""
            ));
        }
        C::check(map)
    }

    async fn run(&self, input: Value, ctx: &StepContext) -> Result<Value, ActionError> {
        let map = Self::object(&input).map_err(ActionError::permanent)?;
        let service = service(map).map_err(ActionError::permanent)?;
        let client = Client::from_transports(&self.transports, ctx.tenant(), service)?;
        C::call(&client, map, ctx).await
    }
}

/// A client error as a step error: retryable as [`ActionError`]'s conversion says, the
/// message completed with every field the API (or the local check) named, or the last
/// status of a deployment that did not complete.
pub(crate) fn failed(error: nbi_core::Error) -> ActionError {
    let detail = match error.mano_kind() {
        ManoErrorKind::Validation => {
            let issues: Vec<String> = error
                .field_issues()
                .into_iter()
                .map(|i| i.message)
                .collect();
            (!issues.is_empty()).then(|| issues.join("; "))
        }
        ManoErrorKind::DeploymentNotCompleted => {
            error.deployment_status().and_then(|s| s.message.clone())
        }
        _ => None,
    };
    let base = ActionError::from(error);
    match detail {
        Some(detail) => {
            let message = format!("{}: {detail}", base.message());
            if base.is_retryable() {
                ActionError::retryable(message)
            } else {
                ActionError::permanent(message)
            }
        }
        None => base,
    }
}

/// An answer as the step's result.
pub(crate) fn result<T: Serialize>(value: &T) -> Result<Value, ActionError> {
    serde_json::to_value(value)
        .map_err(|e| ActionError::permanent(format!("cannot record the answer: {e}")))
}

/// Registers every `mano.*` action over `transports`.
pub(crate) fn register(registry: &mut ActionRegistry, transports: &Transports) {
    fn add<C: ManoCall>(registry: &mut ActionRegistry, name: &str, transports: &Transports) {
        registry.register(name, Arc::new(ManoAction::<C>::new(transports.clone())));
    }
    add::<orchestrator::CreateIntent>(registry, "mano.create_intent", transports);
    add::<orchestrator::CreateIntents>(registry, "mano.create_intents", transports);
    add::<orchestrator::Plan>(registry, "mano.plan", transports);
    add::<orchestrator::Deploy>(registry, "mano.deploy", transports);
    add::<wait::WaitDeployment>(registry, "mano.wait_deployment", transports);
    add::<network::DeployVnfs>(registry, "mano.deploy_vnfs", transports);
    add::<network::TnAgents>(registry, "mano.tn_agents", transports);
    add::<network::ConfigureTn>(registry, "mano.configure_tn", transports);
    add::<network::SliceMetrics>(registry, "mano.slice_metrics", transports);
}
