//! Typed NetBox objects. Every model keeps the fields it does not name in `extra`, and every
//! choice keeps values this crate does not know, so nothing the server sends is lost.

mod dcim;
mod ipam;
mod status;
mod tenancy;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use self::dcim::{Device, Interface, RenderedConfig, Site};
pub use self::ipam::{AvailableIp, AvailablePrefix, AvailableVlan, IpAddress, Prefix, Vlan};
pub use self::status::SystemStatus;
pub use self::tenancy::Tenant;

/// The primary key of a NetBox object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub u64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl From<u64> for Id {
    fn from(id: u64) -> Self {
        Id(id)
    }
}

impl FromStr for Id {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse().map(Id)
    }
}

/// A reference to a related object, as NetBox nests it (`"site": {"id": 1, "url": …}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NestedRef {
    /// The related object's id.
    pub id: Id,
    /// Its API URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Its name, for models that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its slug, for models that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A choice field as NetBox shows it: `{"value": "active", "label": "Active"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Choice<V> {
    /// The stored value.
    pub value: V,
    /// The human label.
    #[serde(default)]
    pub label: String,
}

/// An object's operational status (devices, sites, prefixes, addresses, VLANs …). A value
/// this crate does not know is kept in [`Status::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `active`
    Active,
    /// `offline`
    Offline,
    /// `planned`
    Planned,
    /// `staged`
    Staged,
    /// `staging` (sites)
    Staging,
    /// `failed`
    Failed,
    /// `inventory`
    Inventory,
    /// `decommissioning`
    Decommissioning,
    /// `retired` (sites)
    Retired,
    /// `container` (prefixes)
    Container,
    /// `reserved`
    Reserved,
    /// `deprecated`
    Deprecated,
    /// `dhcp` (addresses)
    Dhcp,
    /// `slaac` (addresses)
    Slaac,
    /// A value this crate does not know.
    Other(String),
}

const STATUS_VALUES: &[(&str, Status)] = &[
    ("active", Status::Active),
    ("offline", Status::Offline),
    ("planned", Status::Planned),
    ("staged", Status::Staged),
    ("staging", Status::Staging),
    ("failed", Status::Failed),
    ("inventory", Status::Inventory),
    ("decommissioning", Status::Decommissioning),
    ("retired", Status::Retired),
    ("container", Status::Container),
    ("reserved", Status::Reserved),
    ("deprecated", Status::Deprecated),
    ("dhcp", Status::Dhcp),
    ("slaac", Status::Slaac),
];

impl Status {
    /// The API value (`active`).
    pub fn as_str(&self) -> &str {
        match self {
            Status::Other(value) => value,
            known => STATUS_VALUES
                .iter()
                .find(|(_, s)| s == known)
                .map_or("", |(v, _)| v),
        }
    }
}

impl From<&str> for Status {
    fn from(value: &str) -> Self {
        STATUS_VALUES
            .iter()
            .find(|(v, _)| *v == value)
            .map_or_else(|| Status::Other(value.to_owned()), |(_, s)| s.clone())
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = String::deserialize(deserializer)?;
        Ok(Status::from(value.as_str()))
    }
}

/// An object with the `ETag` the server sent for it, to send back as `If-Match`.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged<T> {
    /// The object.
    pub object: T,
    /// The entity tag, when the server sent one.
    pub etag: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unknown_fields_and_choices_are_kept() {
        let device: Device = serde_json::from_value(json!({
            "id": 7,
            "name": "r1",
            "status": {"value": "quarantined", "label": "Quarantined"},
            "role": {"id": 1, "slug": "router", "_depth": 0},
            "custom_fields": {"rack_unit": 4},
        }))
        .unwrap();
        assert_eq!(device.id, Id(7));
        let status = device.status.as_ref().unwrap();
        assert_eq!(status.value, Status::Other("quarantined".into()));
        assert_eq!(device.role.as_ref().unwrap().extra["_depth"], 0);
        assert_eq!(device.extra["custom_fields"]["rack_unit"], 4);
        let back = serde_json::to_value(&device).unwrap();
        assert_eq!(back["status"]["value"], "quarantined");
        assert_eq!(back["custom_fields"]["rack_unit"], 4);
    }

    #[test]
    fn statuses_round_trip() {
        for (value, status) in STATUS_VALUES {
            assert_eq!(Status::from(*value), *status);
            assert_eq!(status.as_str(), *value);
        }
        assert_eq!("42".parse::<Id>().unwrap(), Id(42));
    }
}
