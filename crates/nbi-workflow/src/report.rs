//! What a run did: [`RunReport`] with one [`StepReport`] per step, as stored and printed.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::Value;

/// Where a run stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunStatus {
    /// Steps are running (or the process running them died; resume it).
    Running,
    /// Every step succeeded.
    Succeeded,
    /// A step failed after its tries; the steps after it were skipped.
    Failed,
    /// Interrupted; unfinished steps run on `--resume`.
    Cancelled,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    /// Not started yet.
    Pending,
    /// A try is under way.
    Running,
    /// Done; its result is stored.
    Succeeded,
    /// Its last try failed.
    Failed,
    /// Never started, because another step failed.
    Skipped,
    /// Stopped while running, because the run was interrupted or another step failed.
    Cancelled,
}

macro_rules! names {
    ($ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $ty {
            /// The status as stored and printed.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),* }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($name => Ok($ty::$variant),)*
                    other => Err(format!("unknown status `{other}`")),
                }
            }
        }
    };
}

names!(RunStatus { Running = "running", Succeeded = "succeeded", Failed = "failed", Cancelled = "cancelled" });
names!(StepStatus {
    Pending = "pending",
    Running = "running",
    Succeeded = "succeeded",
    Failed = "failed",
    Skipped = "skipped",
    Cancelled = "cancelled",
});

/// A run and its steps, in the workflow's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// The run's number, from 1.
    pub run_id: u64,
    /// The workflow's name.
    pub name: String,
    /// Where the run stands.
    pub status: RunStatus,
    /// Each step.
    pub steps: Vec<StepReport>,
}

/// One step of a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// The step's id.
    pub id: String,
    /// Where it stands.
    pub status: StepStatus,
    /// Tries made in its latest execution.
    pub attempts: u32,
    /// Seconds, to the millisecond, from its first try's start to its end (backoff included),
    /// once started.
    pub duration_s: Option<f64>,
    /// Why it failed, was skipped or cancelled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Its result, once it succeeded (not printed; read it from the library).
    #[serde(skip)]
    pub result: Option<Value>,
}

impl RunReport {
    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&StepReport> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// Whether every step succeeded.
    pub fn is_success(&self) -> bool {
        self.status == RunStatus::Succeeded
    }
}
