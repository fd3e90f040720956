//! `core.wait`: sleeps, e.g. to let a deployment settle before checking it.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};

use super::input;
use crate::{Action, ActionError, StepContext};

/// The longest wait: one day.
const MAX_SECONDS: f64 = 86_400.0;

/// `core.wait` — input `{ seconds: N }` (0 to 86400, fractions allowed); result
/// `{ waited_s: N }`. Cancelling the run ends the wait at once.
#[derive(Debug, Clone, Copy, Default)]
pub struct WaitAction;

fn seconds(input: &Value) -> Result<f64, String> {
    let map = input::object(input, &["seconds"])?;
    input::number_in(map, "seconds", 0.0..=MAX_SECONDS)?
        .ok_or_else(|| "`seconds` is missing".to_owned())
}

#[async_trait]
impl Action for WaitAction {
    fn check(&self, input: &Value, _tenant: &str) -> Result<(), String> {
        match input.get("seconds") {
            Some(v) if input::is_reference(v) => input::object(input, &["seconds"]).map(drop),
            _ => seconds(input).map(drop),
        }
    }

    async fn run(&self, input: Value, ctx: &StepContext) -> Result<Value, ActionError> {
        let seconds = seconds(&input).map_err(ActionError::permanent)?;
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs_f64(seconds)) => Ok(json!({ "waited_s": seconds })),
            () = ctx.cancel().cancelled() => Err(ActionError::permanent("cancelled")),
        }
    }
}
