//! The run loop: starts every step whose dependencies have succeeded (up to `max_parallel`),
//! records each step as it starts and ends, and on a failure cancels the running steps and
//! skips the rest.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde_json::Value;
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::Runner;
use super::step::{self, Ending, Execution};
use crate::model::Workflow;
use crate::report::{RunReport, RunStatus, StepStatus};
use crate::store::StepEnd;
use crate::{Error, ErrorKind, Result, StepContext};

/// Why running steps were stopped, for their error message.
enum StopReason {
    Interrupted,
    StepFailed(String),
}

impl Runner {
    /// Runs the steps of `run_id` not in `done` (the results of steps that succeeded before).
    pub(super) async fn execute(
        &self,
        run_id: u64,
        workflow: &Workflow,
        done: BTreeMap<String, Value>,
        cancel: CancellationToken,
    ) -> Result<RunReport> {
        let steps = workflow.steps();
        let mut status: Vec<StepStatus> = steps
            .iter()
            .map(|s| match done.contains_key(s.id()) {
                true => StepStatus::Succeeded,
                false => StepStatus::Pending,
            })
            .collect();
        let mut results = done;
        let stop = cancel.child_token();
        let mut stopped: Option<StopReason> = None;
        let mut tasks: JoinSet<Execution> = JoinSet::new();
        let mut task_step: HashMap<tokio::task::Id, usize> = HashMap::new();
        let mut last_attempt = vec![0u32; steps.len()];
        let positions: HashMap<&str, usize> =
            steps.iter().enumerate().map(|(i, s)| (s.id(), i)).collect();
        let needs: Vec<Vec<usize>> = steps
            .iter()
            .map(|s| {
                s.dependencies()
                    .iter()
                    .filter_map(|d| positions.get(d.as_str()).copied())
                    .collect()
            })
            .collect();
        let (events, mut attempts) = mpsc::unbounded_channel();
        let workflow_name: Arc<str> = Arc::from(workflow.name());
        let tenant: Arc<str> = Arc::from(workflow.tenant());

        loop {
            if stopped.is_none() && cancel.is_cancelled() {
                stopped = Some(StopReason::Interrupted);
                stop.cancel();
            }
            if stopped.is_none() {
                let snapshot = Arc::new(results.clone());
                for (i, s) in steps.iter().enumerate() {
                    if tasks.len() >= self.max_parallel {
                        break;
                    }
                    let ready = status[i] == StepStatus::Pending
                        && needs[i].iter().all(|&j| status[j] == StepStatus::Succeeded);
                    if !ready {
                        continue;
                    }
                    let action = self.registry.get(s.action()).cloned().ok_or_else(|| {
                        Error::new(
                            ErrorKind::Definition,
                            format!("steps[{}].action: unknown action `{}`", s.id(), s.action()),
                        )
                    })?;
                    status[i] = StepStatus::Running;
                    tracing::info!(target: "nbi::workflow", run_id, step = s.id(), action = s.action(), "step started");
                    let ctx = StepContext {
                        run_id,
                        workflow: workflow_name.clone(),
                        tenant: tenant.clone(),
                        step: Arc::from(s.id()),
                        attempt: 0,
                        results: snapshot.clone(),
                        cancel: stop.clone(),
                        timeout: s.timeout_per_attempt(),
                    };
                    let step = s.clone();
                    let events = events.clone();
                    let handle = tasks.spawn(step::execute(action, step, i, ctx, events));
                    task_step.insert(handle.id(), i);
                }
            }
            if tasks.is_empty() {
                break;
            }
            tokio::select! {
                biased;
                Some((i, attempt)) = attempts.recv() => {
                    last_attempt[i] = attempt;
                    if status[i] == StepStatus::Running {
                        self.store.step_attempt(run_id, steps[i].id(), attempt)?;
                    }
                }
                joined = tasks.join_next_with_id() => {
                    // Tries reported before the step ended are recorded before its end.
                    while let Ok((i, attempt)) = attempts.try_recv() {
                        last_attempt[i] = attempt;
                        if status[i] == StepStatus::Running {
                            self.store.step_attempt(run_id, steps[i].id(), attempt)?;
                        }
                    }
                    let Some(joined) = joined else { continue };
                    let (i, execution) = match joined {
                        Ok((task, execution)) => (task_step.remove(&task).unwrap_or_default(), execution),
                        // A panicking action fails its step like an error would.
                        Err(e) => {
                            let i = task_step.remove(&e.id()).unwrap_or_default();
                            let ending = Ending::Failed(format!("the action `{}` panicked", steps[i].action()));
                            (i, Execution { ending, attempts: last_attempt[i], duration: std::time::Duration::ZERO })
                        }
                    };
                    let id = steps[i].id();
                    let (step_status, error, result) = match execution.ending {
                        Ending::Succeeded(value) => (StepStatus::Succeeded, None, Some(value)),
                        Ending::Failed(message) => {
                            if stopped.is_none() {
                                stopped = Some(StopReason::StepFailed(id.to_owned()));
                                stop.cancel();
                            }
                            (StepStatus::Failed, Some(message), None)
                        }
                        Ending::Cancelled => {
                            let why = match &stopped {
                                Some(StopReason::StepFailed(other)) => format!("cancelled: step `{other}` failed"),
                                _ => "cancelled: the run was interrupted".to_owned(),
                            };
                            (StepStatus::Cancelled, Some(why), None)
                        }
                    };
                    tracing::info!(target: "nbi::workflow", run_id, step = id, status = %step_status, attempts = execution.attempts, "step ended");
                    self.store.step_ended(run_id, id, &StepEnd {
                        status: step_status,
                        attempts: execution.attempts,
                        result: result.as_ref(),
                        error: error.as_deref(),
                        duration_s: Some(execution.duration.as_secs_f64()),
                    })?;
                    status[i] = step_status;
                    if let Some(value) = result {
                        results.insert(id.to_owned(), value);
                    }
                }
                () = cancel.cancelled(), if stopped.is_none() => {
                    stopped = Some(StopReason::Interrupted);
                    stop.cancel();
                }
            }
        }

        let run_status = match &stopped {
            Some(StopReason::StepFailed(failed)) => {
                let why = format!("not started: step `{failed}` failed");
                for (i, s) in steps.iter().enumerate() {
                    if status[i] == StepStatus::Pending {
                        self.store.step_ended(
                            run_id,
                            s.id(),
                            &StepEnd {
                                status: StepStatus::Skipped,
                                attempts: 0,
                                result: None,
                                error: Some(&why),
                                duration_s: None,
                            },
                        )?;
                        status[i] = StepStatus::Skipped;
                    }
                }
                RunStatus::Failed
            }
            _ if status.iter().all(|s| *s == StepStatus::Succeeded) => RunStatus::Succeeded,
            _ => RunStatus::Cancelled,
        };
        self.store.run_ended(run_id, run_status)?;
        tracing::info!(target: "nbi::workflow", run_id, status = %run_status, "run ended");
        self.store.report(run_id)
    }
}
