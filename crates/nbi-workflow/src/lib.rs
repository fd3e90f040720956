//! Workflows: steps with dependencies, run in parallel as soon as the steps they need have
//! succeeded, with per-step retries, timeouts and results that later steps read, recorded in
//! SQLite so that an interrupted or failed run resumes without redoing finished steps.
//!
//! # Crate organization
//!
//! * [`Workflow`] and [`Step`] — the definition, read from YAML ([`Workflow::from_yaml_file`])
//!   or built in code ([`Workflow::builder`]). Every check (unique ids, unknown dependencies,
//!   cycles, `${step.path}` references only into a step's own dependencies, policies) runs
//!   before anything does, and each error names the step and field.
//! * [`Action`] — one kind of step; [`ActionRegistry`] names them. Built in: `core.http` (one
//!   request to a configured service of the workflow's tenant), `core.wait`, `core.assert`
//!   (see [`actions`]) and the `mano.*` family below. Further families register into the
//!   same registry.
//! * [`Runner`] — runs (or resumes) a workflow: every ready step in parallel up to
//!   `max_parallel`, retry with exponential backoff, a timeout per try; a failed step cancels
//!   the running ones and skips the rest; a [`CancellationToken`] interrupts the run.
//! * [`WorkflowStore`] — runs and steps in SQLite; [`RunReport`] is what a run did.
//! * [`WorkflowSettings`] — `[workflow]` in `nbi.toml`.
//!
//! # MANO steps
//!
//! Given the settings' transports, [`ActionRegistry::builtin`] also knows the steps that call
//! the O-RAN Intent-MANO API through [`nbi_mano::Client`], so the slice deployment of the
//! MANO developer guide runs as a file (`examples/workflows/deploy-slice.yaml`). Each uses
//! `[tenants.<tenant>.mano]` of the workflow's tenant, or the table named by an optional
//! `service` key (which must be of `kind = "mano"`). Before anything runs, each input is
//! checked with the client's own validation (bandwidth 1–10,000 Mbps, latency 1–1,000 ms,
//! slice type, reliability 0.95–0.99999, VNF names, VLANs …) and every broken field is named
//! (`steps[intent].with: bandwidth must be between 1 and 10000`); values that are `${…}`
//! references are checked when the step runs. Results are the API's answers as JSON, so
//! later steps read `${intent.id}`, `${plan.id}`, `${plan.allocations.0.slice_id}`,
//! `${deploy.deployment_id}`. Transport failures (5xx, 429, timeouts, lost connections) may be
//! retried by the step's `retry`; refusals (4xx, validation, a failed deployment) fail it at
//! once.
//!
//! | action | `with` | result |
//! |---|---|---|
//! | `mano.create_intent` | `bandwidth`, `latency`, `slice_type`; optional `jitter`, `packet_loss`, `reliability` | the intent: `id`, `status`, its QoS … |
//! | `mano.create_intents` | `intents` (a list of the above, at most 1,000); optional `concurrency` (1–100, default 10), `allow_failures` | `{ intents, ids, failed: [{index, error}] }`; any failure fails the step (without retry) unless `allow_failures` |
//! | `mano.plan` | `intents`: stored intent ids (a list, one id, or a reference such as `${batch.ids}`) | the plan: `id`, `allocations[]` (`slice_id`, `qos`, `placement`, `resources.tn_resources` …), `estimated_time` |
//! | `mano.deploy` | `plan` (a plan id); optional `force` | the deployment status: `deployment_id`, `status`, `progress_percent` |
//! | `mano.wait_deployment` | `deployment` (an id); optional `interval_s` (default 5), `timeout_s` | the final status (`completed`); a failed deployment fails the step with the server's reason. Polls until the step's `timeout_s` (or its own, if shorter), logs every poll's progress, and stops when the run is cancelled |
//! | `mano.deploy_vnfs` | `vnfs`: VNF requests (`name`, `type`, `version`, `qos`, `placement`, `image`, optional `resources`, `target_clusters`, `config`) each with an optional `replicas` (0–100) to scale to | `{ vnfs, ids }`, each VNF as read after its creation (and scaling) |
//! | `mano.tn_agents` | — | `{ agents }`, to pick one: `${agents.agents.0.id}` |
//! | `mano.configure_tn` | `agent`, `slice_id`, `bandwidth_mbps`; optional `vlan_id`, `qos_class`, `priority`, `latency_budget_ms` | the slice: `slice_id`, `status`, `bandwidth_allocated`, `vlan_id`; a `failed` slice fails the step |
//! | `mano.slice_metrics` | `slice` (a slice id); optional `timeframe` (`1h`, `6h`, `24h`, `7d`) | the metrics: `bandwidth_utilization`, `latency`, `availability` … |
//!
//! A resumed run does not repeat the MANO calls of the steps that succeeded: an interrupted
//! `mano.wait_deployment` polls the same deployment again, and no second intent is created.
//!
//! # Example
//!
//! ```
//! use nbi_workflow::{ActionRegistry, Runner, RunStatus, Workflow, WorkflowStore};
//! use tokio_util::sync::CancellationToken;
//!
//! # #[tokio::main(flavor = "current_thread")] async fn main() -> nbi_workflow::Result<()> {
//! let workflow = Workflow::from_yaml_str(r#"
//! name: settle-then-check
//! tenant: acme
//! steps:
//!   - id: settle
//!     action: core.wait
//!     with: { seconds: 0.01 }
//!   - id: check
//!     action: core.assert
//!     needs: [settle]
//!     with: { actual: "${settle.waited_s}", equals: 0.01 }
//!     retry: { attempts: 3, backoff_s: 1 }
//!     timeout_s: 5
//! "#)?;
//! let runner = Runner::new(ActionRegistry::builtin(None), WorkflowStore::in_memory()?);
//! let report = runner.run(&workflow, CancellationToken::new()).await?;
//! assert_eq!(report.status, RunStatus::Succeeded);
//! # Ok(()) }
//! ```
//!
//! [`CancellationToken`]: tokio_util::sync::CancellationToken
#![deny(missing_docs)]

mod action;
pub mod actions;
mod engine;
mod error;
mod model;
mod reference;
mod report;
mod settings;
mod store;
mod validate;

pub use crate::action::{Action, ActionError, ActionRegistry, StepContext};
pub use crate::engine::{DEFAULT_MAX_PARALLEL, Runner};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::model::{Retry, Step, Workflow, WorkflowBuilder};
pub use crate::report::{RunReport, RunStatus, StepReport, StepStatus};
pub use crate::settings::WorkflowSettings;
pub use crate::store::WorkflowStore;
