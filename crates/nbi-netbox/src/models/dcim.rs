//! DCIM: sites, devices, interfaces, rendered configurations.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Choice, Id, NestedRef, Status};

/// A site (`/api/dcim/sites/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Site {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default)]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default)]
    pub display: Option<String>,
    /// The name.
    pub name: String,
    /// The slug.
    #[serde(default)]
    pub slug: Option<String>,
    /// The status.
    #[serde(default)]
    pub status: Option<Choice<Status>>,
    /// The tenant.
    #[serde(default)]
    pub tenant: Option<NestedRef>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A device (`/api/dcim/devices/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Device {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default)]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default)]
    pub display: Option<String>,
    /// The name (NetBox allows unnamed devices).
    #[serde(default)]
    pub name: Option<String>,
    /// The device type.
    #[serde(default)]
    pub device_type: Option<NestedRef>,
    /// The role.
    #[serde(default)]
    pub role: Option<NestedRef>,
    /// The tenant.
    #[serde(default)]
    pub tenant: Option<NestedRef>,
    /// The platform.
    #[serde(default)]
    pub platform: Option<NestedRef>,
    /// The serial number.
    #[serde(default)]
    pub serial: Option<String>,
    /// The site.
    #[serde(default)]
    pub site: Option<NestedRef>,
    /// The status.
    #[serde(default)]
    pub status: Option<Choice<Status>>,
    /// The primary IPv4 address.
    #[serde(default)]
    pub primary_ip4: Option<NestedRef>,
    /// The device's own config template (its role's or platform's applies when absent).
    #[serde(default)]
    pub config_template: Option<NestedRef>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An interface (`/api/dcim/interfaces/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Interface {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default)]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default)]
    pub display: Option<String>,
    /// The device it belongs to.
    #[serde(default)]
    pub device: Option<NestedRef>,
    /// The name.
    pub name: String,
    /// The interface type (`10gbase-x-sfpp` …).
    #[serde(rename = "type", default)]
    pub kind: Option<Choice<String>>,
    /// Whether it is enabled.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The MTU.
    #[serde(default)]
    pub mtu: Option<u32>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The answer of `render-config`: the template used and the rendered text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RenderedConfig {
    /// The config template that was rendered.
    #[serde(default)]
    pub configtemplate: Option<NestedRef>,
    /// The rendered configuration.
    pub content: String,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
