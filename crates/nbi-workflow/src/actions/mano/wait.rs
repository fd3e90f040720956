//! `mano.wait_deployment`: polls a deployment until it completes, logging its progress.

use std::time::Duration;

use async_trait::async_trait;
use nbi_mano::Client;
use serde_json::{Map, Value};

use super::check::id;
use super::{ManoCall, failed, input, result};
use crate::{ActionError, StepContext};

/// The guide's polling interval.
const DEFAULT_INTERVAL_S: f64 = 5.0;
/// The longest wait a step may ask for: a day.
const MAX_WAIT_S: f64 = 86_400.0;
/// How much earlier than the step's timeout the wait gives up, so that its own error (with
/// the deployment's last state) is the one reported.
const TIMEOUT_MARGIN: Duration = Duration::from_millis(100);

/// `mano.wait_deployment`.
pub(crate) struct WaitDeployment;

fn interval(map: &Map<String, Value>) -> Result<Duration, String> {
    let seconds = input::number_in(map, "interval_s", 0.01..=3600.0)?.unwrap_or(DEFAULT_INTERVAL_S);
    Ok(Duration::from_secs_f64(seconds))
}

fn own_timeout(map: &Map<String, Value>) -> Result<Option<Duration>, String> {
    Ok(input::number_in(map, "timeout_s", 0.01..=MAX_WAIT_S)?.map(Duration::from_secs_f64))
}

#[async_trait]
impl ManoCall for WaitDeployment {
    const KEYS: &'static [&'static str] = &["deployment", "interval_s", "timeout_s"];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        id(map, "deployment")?;
        interval(map)?;
        own_timeout(map).map(drop)
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let deployment = id(map, "deployment").map_err(ActionError::permanent)?;
        let interval = interval(map).map_err(ActionError::permanent)?;
        let step_limit = ctx
            .timeout()
            .map(|t| t.saturating_sub(TIMEOUT_MARGIN.min(t / 10)));
        let mut wait = client
            .orchestrator()
            .wait_for_deployment(deployment)
            .interval(interval)
            .cancel_on(ctx.cancel().clone());
        // The shorter of `timeout_s` and the step's timeout; neither leaves the client's.
        if let Some(limit) = [
            own_timeout(map).map_err(ActionError::permanent)?,
            step_limit,
        ]
        .into_iter()
        .flatten()
        .min()
        {
            wait = wait.timeout(limit);
        }
        let (step, run_id) = (ctx.step().to_owned(), ctx.run_id());
        let done = wait
            .on_progress(move |status| {
                tracing::info!(
                    target: "nbi::workflow", run_id, step = %step,
                    deployment = %status.deployment_id, status = %status.status,
                    progress_percent = status.progress_percent,
                    "deployment progress"
                );
            })
            .send()
            .await
            .map_err(failed)?;
        result(&done)
    }
}
