//! [`Runner`]: checks a workflow, records a run, and runs every ready step in parallel.

mod coordinator;
mod step;

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio_util::sync::CancellationToken;

use crate::model::Workflow;
use crate::report::{RunReport, StepStatus};
use crate::{ActionRegistry, Error, ErrorKind, Result, WorkflowStore};

/// Steps in flight at once unless told otherwise.
pub const DEFAULT_MAX_PARALLEL: usize = 8;

/// Runs workflows with the actions of a registry, recording every step in a store.
///
/// ```
/// use nbi_workflow::{ActionRegistry, Runner, RunStatus, Step, Workflow, WorkflowStore};
/// use tokio_util::sync::CancellationToken;
///
/// # #[tokio::main(flavor = "current_thread")] async fn main() -> nbi_workflow::Result<()> {
/// let workflow = Workflow::builder()
///     .name("settle")
///     .tenant("acme")
///     .step(Step::new("pause", "core.wait").with(serde_json::json!({ "seconds": 0.01 })))
///     .step(Step::new("check", "core.assert").needs(["pause"])
///         .with(serde_json::json!({ "actual": "${pause.waited_s}", "equals": 0.01 })))
///     .build()?;
/// let runner = Runner::new(ActionRegistry::builtin(None), WorkflowStore::in_memory()?);
/// let report = runner.run(&workflow, CancellationToken::new()).await?;
/// assert_eq!(report.status, RunStatus::Succeeded);
/// assert_eq!(report.run_id, 1);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Runner {
    registry: Arc<ActionRegistry>,
    store: WorkflowStore,
    max_parallel: usize,
}

impl Runner {
    /// A runner over `registry`'s actions, recording into `store`.
    pub fn new(registry: ActionRegistry, store: WorkflowStore) -> Self {
        Runner {
            registry: Arc::new(registry),
            store,
            max_parallel: DEFAULT_MAX_PARALLEL,
        }
    }

    /// At most `n` steps in flight at once (at least 1; default 8).
    #[must_use]
    pub fn max_parallel(mut self, n: usize) -> Self {
        self.max_parallel = n.max(1);
        self
    }

    /// The store runs are recorded in.
    pub fn store(&self) -> &WorkflowStore {
        &self.store
    }

    /// Checks `workflow` (nothing runs if it is wrong), records a new run and runs it to its
    /// end. Cancelling `cancel` stops the running steps and records them cancelled; the steps
    /// not started stay pending for [`Runner::resume`].
    pub async fn run(&self, workflow: &Workflow, cancel: CancellationToken) -> Result<RunReport> {
        self.check(workflow)?;
        let run_id = self.store.create_run(workflow)?;
        tracing::info!(target: "nbi::workflow", run_id, name = workflow.name(), "run started");
        self.execute(run_id, workflow, BTreeMap::new(), cancel)
            .await
    }

    /// Runs again the steps of run `run_id` that have not succeeded, with the stored results
    /// of those that have. Refused, before anything runs, when `workflow` is not the one the
    /// run was started with.
    pub async fn resume(
        &self,
        run_id: u64,
        workflow: &Workflow,
        cancel: CancellationToken,
    ) -> Result<RunReport> {
        self.check(workflow)?;
        let header = self.store.run_header(run_id)?;
        if header.digest != workflow.digest() {
            let what = if header.name == workflow.name() {
                "its definition has changed since (steps, inputs or policies)".to_owned()
            } else {
                format!(
                    "run {run_id} is of workflow `{}`, not `{}`",
                    header.name,
                    workflow.name()
                )
            };
            return Err(Error::new(
                ErrorKind::Changed,
                format!("cannot resume run {run_id}: {what}; start a new run instead"),
            ));
        }
        self.store.reopen_run(run_id)?;
        let stored = self.store.report(run_id)?;
        let done: BTreeMap<String, serde_json::Value> = stored
            .steps
            .into_iter()
            .filter(|s| s.status == StepStatus::Succeeded)
            .map(|s| (s.id, s.result.unwrap_or(serde_json::Value::Null)))
            .collect();
        tracing::info!(target: "nbi::workflow", run_id, done = done.len(), "run resumed");
        self.execute(run_id, workflow, done, cancel).await
    }

    fn check(&self, workflow: &Workflow) -> Result<()> {
        crate::validate::check_structure(workflow)?;
        self.registry.check(workflow)
    }
}
