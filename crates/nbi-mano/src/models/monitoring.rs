//! Health and slice metrics.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, string_enum};

string_enum! {
    /// The window of slice metrics.
    Timeframe {
        /// One hour (the default).
        Hour = "1h",
        /// Six hours.
        SixHours = "6h",
        /// A day.
        Day = "24h",
        /// A week.
        Week = "7d",
    }
}

/// `GET /monitoring/health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Health {
    /// `healthy` when all is well.
    #[serde(default)]
    pub status: String,
    /// When it was measured (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// The server's version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Each component's health (`database`, `redis`, `message_queue`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub components: Option<Value>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A slice's metrics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SliceMetrics {
    /// The slice's id.
    #[serde(default)]
    pub slice_id: String,
    /// The window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<Timeframe>,
    /// Bandwidth use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bandwidth_utilization: Option<Value>,
    /// Latency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency: Option<Value>,
    /// Availability and SLA compliance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Value>,
    /// Fields this client does not model (`throughput`, `quality` …).
    #[serde(flatten)]
    pub extra: Extra,
}
