//! QoS intents and orchestration plans.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, string_enum};

string_enum! {
    /// The kind of network slice.
    SliceType {
        /// Enhanced mobile broadband.
        Embb = "eMBB",
        /// Ultra-reliable low-latency communication.
        Urllc = "uRLLC",
        /// Massive IoT.
        Miot = "mIoT",
        /// A balanced profile.
        Balanced = "balanced",
    }
}

string_enum! {
    /// Where an intent stands.
    IntentStatus {
        /// Planned, not deployed.
        Planned = "planned",
        /// Deployed.
        Deployed = "deployed",
        /// Its deployment failed.
        Failed = "failed",
        /// Being deleted.
        Deleting = "deleting",
    }
}

/// What a slice must deliver: the body of intent creation, update and planning.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QoSIntentRequest {
    /// Bandwidth in Mbps, 1–10,000.
    pub bandwidth: f64,
    /// Maximum latency in ms, 1–1,000.
    pub latency: f64,
    /// The slice type (`None` is refused before sending: the API requires it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slice_type: Option<SliceType>,
    /// Maximum jitter in ms, 0–100.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jitter: Option<f64>,
    /// Maximum packet loss rate, 0–1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packet_loss: Option<f64>,
    /// Reliability, 0.95–0.99999.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<f64>,
}

impl QoSIntentRequest {
    /// An intent with its required fields.
    pub fn new(bandwidth: f64, latency: f64, slice_type: SliceType) -> Self {
        QoSIntentRequest {
            bandwidth,
            latency,
            slice_type: Some(slice_type),
            ..Default::default()
        }
    }

    /// Sets the jitter bound (ms).
    #[must_use]
    pub fn jitter(mut self, ms: f64) -> Self {
        self.jitter = Some(ms);
        self
    }

    /// Sets the packet loss bound (0–1).
    #[must_use]
    pub fn packet_loss(mut self, rate: f64) -> Self {
        self.packet_loss = Some(rate);
        self
    }

    /// Sets the reliability (0.95–0.99999).
    #[must_use]
    pub fn reliability(mut self, reliability: f64) -> Self {
        self.reliability = Some(reliability);
        self
    }
}

/// A stored QoS intent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QoSIntent {
    /// The intent's id.
    pub id: String,
    /// Bandwidth in Mbps.
    pub bandwidth: f64,
    /// Maximum latency in ms.
    pub latency: f64,
    /// The slice type.
    pub slice_type: SliceType,
    /// Maximum jitter in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter: Option<f64>,
    /// Maximum packet loss rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packet_loss: Option<f64>,
    /// Reliability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<f64>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<IntentStatus>,
    /// When it was created (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When it last changed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

impl QoSIntent {
    /// The intent's QoS as a request (to plan or update it).
    pub fn to_request(&self) -> QoSIntentRequest {
        QoSIntentRequest {
            bandwidth: self.bandwidth,
            latency: self.latency,
            slice_type: Some(self.slice_type.clone()),
            jitter: self.jitter,
            packet_loss: self.packet_loss,
            reliability: self.reliability,
        }
    }
}

/// One page of `GET /orchestrator/intents`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IntentPage {
    /// The intents on this page.
    #[serde(default)]
    pub intents: Vec<QoSIntent>,
    /// How many intents match in all.
    #[serde(default)]
    pub total: Option<u64>,
    /// The page size used.
    #[serde(default)]
    pub limit: Option<u64>,
    /// The offset used.
    #[serde(default)]
    pub offset: Option<u64>,
}

/// The body of `POST /orchestrator/plan`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanRequest {
    /// The intents to place.
    pub intents: Vec<QoSIntentRequest>,
    /// Plan only (the API's default is `true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<bool>,
}

/// An orchestration plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrchestrationPlan {
    /// The plan's id, to deploy it.
    pub id: String,
    /// When it was made (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// One allocation per slice.
    #[serde(default)]
    pub allocations: Vec<SliceAllocation>,
    /// How many slices it places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_slices: Option<u64>,
    /// Estimated cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_cost: Option<f64>,
    /// Estimated deployment time in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimated_time: Option<u64>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One slice of a plan: its QoS, placement and resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SliceAllocation {
    /// The slice's id.
    #[serde(default)]
    pub slice_id: String,
    /// The QoS it delivers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qos: Option<Value>,
    /// Where it goes (`site_id`, `cloud_type`, `score` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Value>,
    /// The RAN, core and transport resources it takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Value>,
    /// `planned`, `deploying`, `deployed` or `failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
