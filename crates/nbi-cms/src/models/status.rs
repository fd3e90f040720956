//! `show-ont`: an ONT's operational status.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::ont::OntId;

/// What `show-ont` reports. Values this client does not model are kept in `extra`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OntStatus {
    /// The ONT.
    pub id: OntId,
    /// Operational state (`enabled`, `disabled`, `missing`, …).
    pub op_stat: String,
    /// Alarm counts by severity: critical, major, minor, warning, info.
    pub alarms: AlarmCounts,
    /// The serial number seen on the PON.
    pub serial: String,
    /// Model.
    pub model: String,
    /// Vendor.
    pub vendor: String,
    /// Running software version.
    pub software_version: String,
    /// Received optical level at the ONU, dBm.
    pub rx_level_dbm: Option<f64>,
    /// Everything else, by element name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Alarm counts by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlarmCounts {
    /// Critical.
    pub critical: u32,
    /// Major.
    pub major: u32,
    /// Minor.
    pub minor: u32,
    /// Warning.
    pub warning: u32,
    /// Info.
    pub info: u32,
}
