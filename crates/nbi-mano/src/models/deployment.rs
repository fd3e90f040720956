//! Orchestrator deployment status and long-running operation status.

use serde::{Deserialize, Serialize};

use super::{Extra, string_enum};

string_enum! {
    /// Where an orchestrator deployment stands.
    DeploymentState {
        /// Waiting to start.
        Queued = "queued",
        /// In progress.
        Running = "running",
        /// Finished successfully.
        Completed = "completed",
        /// Finished with an error.
        Failed = "failed",
        /// Stopped before it finished.
        Cancelled = "cancelled",
    }
}

impl DeploymentState {
    /// Whether the deployment has stopped changing (completed, failed or cancelled).
    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed | Self::Cancelled)
    }
}

string_enum! {
    /// Where an operation (a VNF scale) stands.
    OperationState {
        /// Not started.
        Pending = "pending",
        /// In progress.
        Running = "running",
        /// Done.
        Completed = "completed",
        /// Failed.
        Failed = "failed",
    }
}

/// An orchestrator deployment's status (`POST /orchestrator/deploy`, and polled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeploymentStatus {
    /// The deployment's id.
    pub deployment_id: String,
    /// Where it stands.
    pub status: DeploymentState,
    /// Progress, 0–100.
    #[serde(default)]
    pub progress_percent: u8,
    /// The server's status message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When it started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When it finished (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    /// When it should finish (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_completion: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A long-running operation's status (`POST /vnf-operator/vnfs/{id}/scale`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OperationStatus {
    /// The operation's id.
    #[serde(default)]
    pub operation_id: String,
    /// Where it stands.
    pub status: OperationState,
    /// The server's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When it started (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    /// When it finished (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
