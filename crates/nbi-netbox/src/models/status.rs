//! `GET /api/status/`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What the server says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SystemStatus {
    /// The NetBox release (`4.5.0`).
    #[serde(rename = "netbox-version")]
    pub netbox_version: String,
    /// The Django release.
    #[serde(
        rename = "django-version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub django_version: Option<String>,
    /// The Python release.
    #[serde(
        rename = "python-version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub python_version: Option<String>,
    /// Installed plugins and their versions.
    #[serde(default)]
    pub plugins: Map<String, Value>,
    /// Background workers running.
    #[serde(
        rename = "rq-workers-running",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub rq_workers_running: Option<u64>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
