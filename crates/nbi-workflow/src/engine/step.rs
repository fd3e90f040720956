//! One step's execution: resolve its input, then try the action with the step's timeout and
//! retry policy until it succeeds, fails for good, or the run is stopped.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::sync::mpsc::UnboundedSender;
use tokio::time::Instant;

use crate::model::Step;
use crate::reference;
use crate::{Action, ActionError, StepContext};

/// The largest result stored for one step (its JSON text).
const MAX_RESULT_BYTES: usize = 4 << 20;

/// How a step's execution ended.
#[derive(Debug)]
pub(crate) enum Ending {
    Succeeded(Value),
    Failed(String),
    Cancelled,
}

/// A step's execution: how it ended, after how many tries and how long.
#[derive(Debug)]
pub(crate) struct Execution {
    pub(crate) ending: Ending,
    pub(crate) attempts: u32,
    pub(crate) duration: Duration,
}

/// Tells the coordinator that try `.1` of step `.0` (its position) has started.
pub(crate) type AttemptEvents = UnboundedSender<(usize, u32)>;

/// Runs `step` (at `position`) with `action` until it ends.
pub(crate) async fn execute(
    action: Arc<dyn Action>,
    step: Step,
    position: usize,
    mut ctx: StepContext,
    events: AttemptEvents,
) -> Execution {
    let started = Instant::now();
    let mut attempts = 0;
    let ending = 'run: {
        let input = match reference::resolve(&step.with, &ctx.results) {
            Ok(input) => input,
            Err(e) => break 'run Ending::Failed(format!("with: {e}")),
        };
        let limit = step.attempts();
        loop {
            attempts += 1;
            // The coordinator may have gone (the run is being torn down); the try still runs.
            let _ = events.send((position, attempts));
            ctx.attempt = attempts;
            let error = match try_once(action.as_ref(), &step, input.clone(), &ctx).await {
                Some(Ok(result)) => break 'run checked(result),
                Some(Err(e)) => e,
                None => break 'run Ending::Cancelled,
            };
            tracing::warn!(
                target: "nbi::workflow", step = %step.id, attempt = attempts, retryable = error.is_retryable(),
                error = %error, "step try failed"
            );
            if !error.is_retryable() || attempts >= limit {
                break 'run Ending::Failed(error.message().to_owned());
            }
            tokio::select! {
                biased;
                () = ctx.cancel.cancelled() => break 'run Ending::Cancelled,
                () = tokio::time::sleep(step.backoff(attempts)) => {}
            }
        }
    };
    Execution {
        ending,
        attempts,
        duration: started.elapsed(),
    }
}

/// One try, bounded by the step's timeout; `None` when the run was stopped meanwhile.
async fn try_once(
    action: &dyn Action,
    step: &Step,
    input: Value,
    ctx: &StepContext,
) -> Option<Result<Value, ActionError>> {
    let call = action.run(input, ctx);
    let bounded = async {
        match step.timeout_per_attempt() {
            Some(limit) => tokio::time::timeout(limit, call).await.unwrap_or_else(|_| {
                Err(ActionError::retryable(format!(
                    "timed out after {} s",
                    limit.as_secs_f64()
                )))
            }),
            None => call.await,
        }
    };
    tokio::select! {
        biased;
        () = ctx.cancel.cancelled() => None,
        result = bounded => Some(result),
    }
}

fn checked(result: Value) -> Ending {
    let size = serde_json::to_vec(&result).map_or(usize::MAX, |v| v.len());
    if size > MAX_RESULT_BYTES {
        return Ending::Failed(format!(
            "result of {size} bytes is larger than {MAX_RESULT_BYTES} bytes"
        ));
    }
    Ending::Succeeded(result)
}
