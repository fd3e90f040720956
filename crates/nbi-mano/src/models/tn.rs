//! Transport-network agents, slices, performance tests and status.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, SliceType};

/// The body of agent registration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TnAgentRequest {
    /// Its name, 1–63 characters.
    pub name: String,
    /// Its endpoint URL.
    pub endpoint: String,
    /// What it can do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<String>,
}

/// A TN agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TnAgent {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its endpoint URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// `connected`, `disconnected` or `error`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// What it can do.
    #[serde(default)]
    pub capabilities: Vec<String>,
    /// When it was last seen (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A slice to configure on an agent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TnSliceConfig {
    /// The slice's id.
    pub slice_id: String,
    /// Bandwidth in Mbps (at least 1).
    pub bandwidth_mbps: f64,
    /// VLAN, 1–4094.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vlan_id: Option<u16>,
    /// QoS class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qos_class: Option<SliceType>,
    /// Priority, 1–8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u8>,
    /// Latency budget in ms (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_budget_ms: Option<f64>,
}

/// A configured slice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TnSliceStatus {
    /// The slice's id.
    #[serde(default)]
    pub slice_id: String,
    /// `configured`, `active`, `failed` or `deleting`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The bandwidth actually allocated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_allocated: Option<f64>,
    /// The VLAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vlan_id: Option<u16>,
    /// The agent's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A performance test to run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PerformanceTestConfig {
    /// The test's id.
    pub test_id: String,
    /// How long, 1–3,600 s.
    pub duration_seconds: u32,
    /// Bandwidth to push (at least 1 Mbps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_mbps: Option<f64>,
    /// Packet size, 64–9,000 bytes (default 1,500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packet_size: Option<u32>,
    /// The far end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_host: Option<String>,
}

/// A performance test's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PerformanceMetrics {
    /// The test's id.
    #[serde(default)]
    pub test_id: String,
    /// `avg_mbps`, `max_mbps`, `min_mbps`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<Value>,
    /// `avg_rtt_ms`, `max_rtt_ms`, `min_rtt_ms`, `jitter_ms`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<Value>,
    /// `rate`, `packets_sent`, `packets_received`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packet_loss: Option<Value>,
    /// How long it ran, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_duration: Option<u64>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An agent's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TnStatus {
    /// The agent's id.
    #[serde(default)]
    pub agent_id: String,
    /// `healthy`, `degraded` or `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Active slices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_slices: Option<u64>,
    /// Total bandwidth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_bandwidth_mbps: Option<f64>,
    /// Bandwidth left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_bandwidth_mbps: Option<f64>,
    /// Fields this client does not model (`interfaces`, usage …).
    #[serde(flatten)]
    pub extra: Extra,
}
