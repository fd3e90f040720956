//! The workflow definition: [`Workflow`] and its [`Step`]s, read from YAML or built in code.

mod builder;
mod yaml;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub use builder::WorkflowBuilder;

/// A named set of steps run for one tenant; steps run as soon as the steps they need have
/// succeeded.
///
/// The YAML form (unknown keys are refused, naming the key):
///
/// ```yaml
/// name: deploy-slice
/// tenant: acme
/// steps:
///   - id: intent
///     action: mano.create_intent
///     with: { bandwidth: 100, latency: 10, slice_type: uRLLC }
///   - id: plan
///     action: mano.plan
///     needs: [intent]
///     with: { intents: ["${intent.id}"] }
///     retry: { attempts: 3, backoff_s: 2 }
///     timeout_s: 300
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    pub(crate) name: String,
    pub(crate) tenant: String,
    pub(crate) steps: Vec<Step>,
}

impl Workflow {
    /// Starts a workflow in code; [`WorkflowBuilder::build`] checks it as a file is checked.
    pub fn builder() -> WorkflowBuilder {
        WorkflowBuilder::default()
    }

    /// The workflow's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tenant whose services the steps use.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The steps, in the order they were written.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// SHA-256 (hex) of the definition in canonical JSON. Comments and layout of a YAML file
    /// do not change it; any change to a name, step, input or policy does, so a resumed run
    /// never mixes results of two different workflows.
    pub fn digest(&self) -> String {
        // Serializing plain data into a Vec cannot fail; an empty fallback would still be
        // deterministic for the same definition.
        let canonical = serde_json::to_vec(self).unwrap_or_default();
        let hash = Sha256::digest(&canonical);
        hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// One step: an action with its input, the steps it needs, and its retry and timeout policy.
///
/// ```
/// use std::time::Duration;
/// use nbi_workflow::Step;
/// let plan = Step::new("plan", "mano.plan")
///     .needs(["intent"])
///     .with(serde_json::json!({ "intents": ["${intent.id}"] }))
///     .retry(3, Duration::from_secs(2))
///     .timeout(Duration::from_secs(300));
/// assert_eq!(plan.attempts(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub(crate) id: String,
    pub(crate) action: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) needs: Vec<String>,
    #[serde(default = "empty_object")]
    pub(crate) with: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) retry: Option<Retry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) timeout_s: Option<f64>,
}

/// `retry: { attempts, backoff_s }`: at most `attempts` tries in all; the wait before try
/// `n + 1` is `backoff_s × 2^(n-1)` seconds (2, 4, 8 … for `backoff_s: 2`), capped at 1 h.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    /// Tries in all, the first included (1 = no retry).
    pub attempts: u32,
    /// The first wait between tries, in seconds; it doubles after each try.
    #[serde(default)]
    pub backoff_s: f64,
}

/// The longest wait between two tries, whatever the backoff doubles to.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);

fn empty_object() -> Value {
    Value::Object(serde_json::Map::new())
}

impl Step {
    /// A step `id` running `action` (a name in the [`ActionRegistry`](crate::ActionRegistry)),
    /// with an empty input, no dependencies, one attempt and no timeout.
    pub fn new(id: impl Into<String>, action: impl Into<String>) -> Self {
        Step {
            id: id.into(),
            action: action.into(),
            needs: Vec::new(),
            with: empty_object(),
            retry: None,
            timeout_s: None,
        }
    }

    /// The action's input; strings may hold `${step.path}` references to earlier results.
    pub fn with(mut self, input: Value) -> Self {
        self.with = input;
        self
    }

    /// The steps that must succeed before this one starts.
    pub fn needs<I, S>(mut self, steps: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.needs = steps.into_iter().map(Into::into).collect();
        self
    }

    /// At most `attempts` tries, waiting `backoff`, then twice that, … between them.
    pub fn retry(mut self, attempts: u32, backoff: Duration) -> Self {
        self.retry = Some(Retry {
            attempts,
            backoff_s: backoff.as_secs_f64(),
        });
        self
    }

    /// The longest one try may take; a try that takes longer is stopped and counts as a
    /// failure that may be retried.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout_s = Some(timeout.as_secs_f64());
        self
    }

    /// The step's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The action's name.
    pub fn action(&self) -> &str {
        &self.action
    }

    /// The steps it needs.
    pub fn dependencies(&self) -> &[String] {
        &self.needs
    }

    /// Its input, references unresolved.
    pub fn input(&self) -> &Value {
        &self.with
    }

    /// Tries in all (1 without `retry`).
    pub fn attempts(&self) -> u32 {
        self.retry.map_or(1, |r| r.attempts)
    }

    /// The wait after failed try `attempt` (from 1).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let base = self.retry.map_or(0.0, |r| r.backoff_s);
        let factor = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
        Duration::try_from_secs_f64(base * factor)
            .unwrap_or(MAX_BACKOFF)
            .min(MAX_BACKOFF)
    }

    /// The timeout of one try, if any.
    pub fn timeout_per_attempt(&self) -> Option<Duration> {
        self.timeout_s
            .and_then(|s| Duration::try_from_secs_f64(s).ok())
    }
}
