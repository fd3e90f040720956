//! Step kinds: the [`Action`] trait, what an action is handed ([`StepContext`]), how it fails
//! ([`ActionError`]) and the [`ActionRegistry`] that names them.

mod error;
mod registry;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

pub use error::ActionError;
pub use registry::ActionRegistry;

/// One kind of step (`core.http`, `mano.create_intent`, …).
///
/// The runner calls [`Action::run`] once per try with the step's input, references already
/// resolved. A run that fails is retried only when the error says it may be
/// ([`ActionError::is_retryable`]) and the step has tries left. The runner stops a try that
/// outlives the step's timeout or is cancelled by dropping its future; an action that waits
/// on something other than a future (a blocking call) should watch [`StepContext::cancel`].
#[async_trait]
pub trait Action: Send + Sync {
    /// Checks a step's input before anything runs; the error says what is wrong and is shown
    /// after the step and field (`steps[plan].with`). Strings holding `${…}` references are
    /// not resolved yet. The default accepts anything.
    fn check(&self, input: &Value, tenant: &str) -> Result<(), String> {
        let _ = (input, tenant);
        Ok(())
    }

    /// Runs one try and returns the step's result, which later steps can reference.
    async fn run(&self, input: Value, ctx: &StepContext) -> Result<Value, ActionError>;
}

/// What a try of a step knows about its run.
#[derive(Debug, Clone)]
pub struct StepContext {
    pub(crate) run_id: u64,
    pub(crate) workflow: Arc<str>,
    pub(crate) tenant: Arc<str>,
    pub(crate) step: Arc<str>,
    pub(crate) attempt: u32,
    pub(crate) results: Arc<BTreeMap<String, Value>>,
    pub(crate) cancel: CancellationToken,
    pub(crate) timeout: Option<Duration>,
}

impl StepContext {
    /// A context for calling an action outside a run (tests, tools).
    pub fn new(tenant: &str, step: &str) -> Self {
        StepContext {
            run_id: 0,
            workflow: Arc::from(""),
            tenant: Arc::from(tenant),
            step: Arc::from(step),
            attempt: 1,
            results: Arc::default(),
            cancel: CancellationToken::new(),
            timeout: None,
        }
    }

    /// The run's number (0 outside a run).
    pub fn run_id(&self) -> u64 {
        self.run_id
    }

    /// The workflow's name.
    pub fn workflow(&self) -> &str {
        &self.workflow
    }

    /// The workflow's tenant.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// This step's id.
    pub fn step(&self) -> &str {
        &self.step
    }

    /// This try's number, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The results of the steps that have succeeded so far, by step id.
    pub fn results(&self) -> &BTreeMap<String, Value> {
        &self.results
    }

    /// The step's limit for one try (`timeout_s`), if it has one: an action that waits for
    /// something can end its wait a little before and say what it last saw.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Cancelled when the run stops (a step failed, or the run was interrupted).
    pub fn cancel(&self) -> &CancellationToken {
        &self.cancel
    }
}

#[cfg(test)]
fn _object_safe(_: &dyn Action) {}
