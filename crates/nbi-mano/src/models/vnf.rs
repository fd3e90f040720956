//! VNFs and what they require.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{Extra, SliceType, string_enum};

string_enum! {
    /// The kind of network function.
    VnfType {
        /// User plane function.
        Upf = "UPF",
        /// Access and mobility management.
        Amf = "AMF",
        /// Session management.
        Smf = "SMF",
        /// Policy control.
        Pcf = "PCF",
        /// Unified data management.
        Udm = "UDM",
        /// Authentication server.
        Ausf = "AUSF",
        /// Slice selection.
        Nssf = "NSSF",
        /// Network exposure.
        Nef = "NEF",
        /// Repository.
        Nrf = "NRF",
        /// gNodeB.
        Gnb = "gNB",
        /// Central unit.
        Cu = "CU",
        /// Distributed unit.
        Du = "DU",
        /// Radio unit.
        Ru = "RU",
        /// Radio access network.
        Ran = "RAN",
        /// Core network.
        Cn = "CN",
        /// Transport network.
        Tn = "TN",
    }
}

string_enum! {
    /// A VNF's lifecycle state.
    VnfStatus {
        /// Accepted, not started.
        Pending = "Pending",
        /// Being created.
        Creating = "Creating",
        /// Running.
        Running = "Running",
        /// Failed.
        Failed = "Failed",
        /// Being deleted.
        Deleting = "Deleting",
    }
}

string_enum! {
    /// Which cloud a workload goes to.
    CloudType {
        /// Edge sites.
        Edge = "edge",
        /// Regional data centres.
        Regional = "regional",
        /// The central cloud.
        Central = "central",
    }
}

/// A VNF's QoS (bandwidth 1–5,000 Mbps here, unlike intents).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QoSRequirements {
    /// Bandwidth in Mbps, 1–5,000.
    pub bandwidth: f64,
    /// Maximum latency in ms, 1–1,000.
    pub latency: f64,
    /// Maximum jitter in ms, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter: Option<f64>,
    /// Maximum packet loss, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub packet_loss: Option<f64>,
    /// Reliability, 0.95–0.99999.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<f64>,
    /// The slice type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slice_type: Option<SliceType>,
}

/// An affinity or anti-affinity rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AffinityRule {
    /// `affinity` or `anti-affinity`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `host`, `rack`, `zone` or `region`.
    pub scope: String,
    /// The VNF or service it refers to.
    pub target: String,
}

/// Where a VNF may run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlacementRequirements {
    /// The cloud (required).
    pub cloud_type: Option<CloudType>,
    /// Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Availability zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    /// A specific site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Preferred zones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preferred_zones: Vec<String>,
    /// Affinity rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affinity_rules: Vec<AffinityRule>,
}

/// GPUs a VNF needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GpuRequirements {
    /// How many (at least 1).
    pub count: u32,
    /// The GPU type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// Compute a VNF needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceRequirements {
    /// CPU cores (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_cores: Option<u32>,
    /// Memory in GB (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_gb: Option<u32>,
    /// Storage in GB (at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gb: Option<u32>,
    /// GPUs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu: Option<GpuRequirements>,
}

/// The container image.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageSpec {
    /// The repository.
    pub repository: String,
    /// The tag.
    pub tag: String,
    /// `Always`, `IfNotPresent` (the default) or `Never`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pull_policy: Option<String>,
    /// Pull secret names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pull_secrets: Vec<String>,
}

/// The body of VNF creation and update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VnfRequest {
    /// A DNS label, 1–63 characters.
    pub name: String,
    /// The kind of function (required).
    #[serde(rename = "type")]
    pub vnf_type: Option<VnfType>,
    /// Its version.
    pub version: String,
    /// Its QoS.
    pub qos: QoSRequirements,
    /// Where it may run.
    pub placement: PlacementRequirements,
    /// Clusters to deploy to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_clusters: Vec<String>,
    /// Compute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<ResourceRequirements>,
    /// Configuration values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, String>,
    /// The image.
    pub image: ImageSpec,
}

/// A VNF as the operator reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Vnf {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its kind.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub vnf_type: Option<VnfType>,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Its lifecycle state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<VnfStatus>,
    /// Its QoS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qos: Option<QoSRequirements>,
    /// Its running instances (`cluster`, `name`, `status`, `ip_address`, `endpoints`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub instances: Vec<Value>,
    /// When it was created (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// When it last changed (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Fields this client does not model (`placement`, `resources`, `image` …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One page of `GET /vnf-operator/vnfs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VnfPage {
    /// The VNFs on this page.
    #[serde(default)]
    pub vnfs: Vec<Vnf>,
    /// How many match in all.
    #[serde(default)]
    pub total: Option<u64>,
    /// The page size used.
    #[serde(default)]
    pub limit: Option<u64>,
    /// The offset used.
    #[serde(default)]
    pub offset: Option<u64>,
}
