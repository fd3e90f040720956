//! IPAM: prefixes, IP addresses, VLANs, and what their pools have free.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Choice, Id, NestedRef, Status};

/// A prefix (`/api/ipam/prefixes/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Prefix {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The network, `10.0.0.0/24`.
    pub prefix: String,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Choice<Status>>,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<NestedRef>,
    /// The VRF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrf: Option<NestedRef>,
    /// The VLAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vlan: Option<NestedRef>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An IP address (`/api/ipam/ip-addresses/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IpAddress {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The address with its mask, `10.0.0.5/24`.
    pub address: String,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Choice<Status>>,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<NestedRef>,
    /// The VRF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrf: Option<NestedRef>,
    /// What it is assigned to (`dcim.interface` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_object_type: Option<String>,
    /// The id of what it is assigned to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_object_id: Option<Id>,
    /// What it is assigned to, nested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_object: Option<Value>,
    /// The DNS name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A VLAN (`/api/ipam/vlans/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Vlan {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The VLAN id, 1–4094.
    pub vid: u16,
    /// The name.
    pub name: String,
    /// The status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Choice<Status>>,
    /// The VLAN group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<NestedRef>,
    /// The tenant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<NestedRef>,
    /// The site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<NestedRef>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A free address of a prefix or IP range (`…/available-ips/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvailableIp {
    /// 4 or 6.
    pub family: u8,
    /// The address with the pool's mask.
    pub address: String,
    /// The pool's VRF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrf: Option<NestedRef>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A free block of a prefix (`…/available-prefixes/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvailablePrefix {
    /// 4 or 6.
    pub family: u8,
    /// The free block.
    pub prefix: String,
    /// The parent's VRF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vrf: Option<NestedRef>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A free VLAN id of a VLAN group (`…/available-vlans/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvailableVlan {
    /// The free VLAN id.
    pub vid: u16,
    /// The group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<NestedRef>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
