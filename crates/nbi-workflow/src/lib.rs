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
//!   request to a configured service of the workflow's tenant), `core.wait` and `core.assert`
//!   (see [`actions`]). Further families register into the same registry.
//! * [`Runner`] — runs (or resumes) a workflow: every ready step in parallel up to
//!   `max_parallel`, retry with exponential backoff, a timeout per try; a failed step cancels
//!   the running ones and skips the rest; a [`CancellationToken`] interrupts the run.
//! * [`WorkflowStore`] — runs and steps in SQLite; [`RunReport`] is what a run did.
//! * [`WorkflowSettings`] — `[workflow]` in `nbi.toml`.
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
