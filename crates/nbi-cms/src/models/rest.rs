//! REST NBI models: `{"data": [...]}` lists of devices, regions, top links and profiles.
//! Fields this client does not model are kept in `extra`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The envelope of every REST NBI list.
#[derive(Debug, Deserialize)]
pub(crate) struct DataList<T> {
    pub(crate) data: Vec<T>,
}

/// A managed device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RestDevice {
    /// The device (node) name, without `NTWK-`.
    #[serde(rename = "deviceName")]
    pub name: String,
    /// The device type (`E7`, `C7`, …).
    #[serde(rename = "deviceType", default)]
    pub device_type: String,
    /// Management address.
    #[serde(rename = "ipAddress", default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Region {
    /// Its name.
    pub name: String,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A topology link between two devices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TopLink {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// Its id.
    pub id: Value,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
