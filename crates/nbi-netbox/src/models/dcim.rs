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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The name.
    pub name: String,
    /// The slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Choice<Status>>,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<NestedRef>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The name (NetBox allows unnamed devices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The device type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_type: Option<NestedRef>,
    /// The role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<NestedRef>,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<NestedRef>,
    /// The platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<NestedRef>,
    /// The serial number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<NestedRef>,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Choice<Status>>,
    /// The primary IPv4 address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_ip4: Option<NestedRef>,
    /// The device's own config template (its role's or platform's applies when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_template: Option<NestedRef>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The device it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<NestedRef>,
    /// The name.
    pub name: String,
    /// The interface type (`10gbase-x-sfpp` …).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Choice<String>>,
    /// Whether it is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The MTU.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtu: Option<u32>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configtemplate: Option<NestedRef>,
    /// The rendered configuration.
    pub content: String,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
