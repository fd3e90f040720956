//! O2 DMS deployment managers, NF descriptors and NF deployments.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Extra, string_enum};

string_enum! {
    /// An NF deployment's lifecycle state.
    NfDeploymentStatus {
        /// Not instantiated.
        NotInstantiated = "not_instantiated",
        /// Being instantiated.
        Instantiating = "instantiating",
        /// Instantiated.
        Instantiated = "instantiated",
        /// Being terminated.
        Terminating = "terminating",
        /// Terminated.
        Terminated = "terminated",
        /// Failed.
        Failed = "failed",
    }
}

/// An O2 DMS deployment manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeploymentManager {
    /// Its id.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// `available`, `unavailable` or `maintenance`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Supported NF types.
    #[serde(default)]
    pub supported_nf_types: Vec<String>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An NF deployment descriptor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NfDescriptor {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The NF type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nf_type: Option<String>,
    /// Fields this client does not model (`vendor`, `input_parameters`, `artifacts` …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of NF deployment creation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeploymentRequest {
    /// Its name, 1–255 characters.
    pub name: String,
    /// The descriptor to deploy.
    pub nf_deployment_descriptor_id: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The parent deployment, for a sub-deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_deployment_id: Option<String>,
    /// Input parameters.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub input_params: Map<String, Value>,
    /// Location constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub location_constraints: Vec<String>,
    /// Extension data.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub extensions: Map<String, Value>,
}

/// An NF deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NfDeployment {
    /// Its id.
    pub id: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// The descriptor it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nf_deployment_descriptor_id: Option<String>,
    /// Where it stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NfDeploymentStatus>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
