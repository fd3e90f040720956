//! The cluster: adapters (`adapter.proto`) and health (`health.proto`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::HealthState;

/// An adapter: the software that manages one family of devices (`openolt`, an ONU adapter).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Adapter {
    /// The adapter's id.
    #[serde(default)]
    pub id: String,
    /// Vendor.
    #[serde(default)]
    pub vendor: String,
    /// Version.
    #[serde(default)]
    pub version: String,
    /// The adapter type (the device types it serves name it).
    #[serde(default, rename = "type")]
    pub adapter_type: String,
    /// Where the core reaches it.
    #[serde(default)]
    pub endpoint: String,
    /// This replica's number.
    #[serde(default, alias = "currentReplica")]
    pub current_replica: i32,
    /// How many replicas run.
    #[serde(default, alias = "totalReplicas")]
    pub total_replicas: i32,
    /// The logical devices it owns.
    #[serde(default, alias = "logicalDeviceIds")]
    pub logical_device_ids: Vec<String>,
    /// Every other field (`config`, `additional_description` …), as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The health of a VOLTHA instance.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HealthStatus {
    /// Its state.
    #[serde(default)]
    pub state: HealthState,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HealthStatus {
    /// Whether the instance reports itself healthy.
    pub fn is_healthy(&self) -> bool {
        self.state == HealthState::Healthy
    }
}
