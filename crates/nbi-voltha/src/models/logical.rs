//! `logical_device.proto` and the `openflow_13.proto` messages it lists: logical devices,
//! their ports, flows and meters. OpenFlow match and instruction structures are kept as JSON.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::proto::{id_type, uint64};

id_type!(
    /// A VOLTHA logical device id.
    LogicalDeviceId
);

/// The OpenFlow switch VOLTHA presents for an OLT and its ONUs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogicalDevice {
    /// The logical device's id.
    #[serde(default)]
    pub id: LogicalDeviceId,
    /// The OpenFlow datapath id.
    #[serde(default, alias = "datapathId", with = "uint64")]
    pub datapath_id: u64,
    /// `ofp_desc`: manufacturer, hardware, software, serial number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<Value>,
    /// `ofp_switch_features`.
    #[serde(
        default,
        alias = "switchFeatures",
        skip_serializing_if = "Option::is_none"
    )]
    pub switch_features: Option<Value>,
    /// The OLT at its root.
    #[serde(default, alias = "rootDeviceId")]
    pub root_device_id: String,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A port of a logical device (an OLT's NNI or an ONU's UNI).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LogicalPort {
    /// The port's id.
    #[serde(default)]
    pub id: String,
    /// The physical device it belongs to.
    #[serde(default, alias = "deviceId")]
    pub device_id: String,
    /// The physical device's port number.
    #[serde(default, alias = "devicePortNo")]
    pub device_port_no: u32,
    /// Whether it is the root (NNI) port.
    #[serde(default, alias = "rootPort")]
    pub root_port: bool,
    /// `ofp_port`.
    #[serde(default, alias = "ofpPort", skip_serializing_if = "Option::is_none")]
    pub ofp_port: Option<Value>,
    /// Every other field (`ofp_port_stats` …), as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An OpenFlow flow entry (`ofp_flow_stats`). Counters and durations are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Flow {
    /// The flow's id.
    #[serde(default, with = "uint64")]
    pub id: u64,
    /// The flow table.
    #[serde(default, alias = "tableId")]
    pub table_id: u32,
    /// Priority.
    #[serde(default)]
    pub priority: u32,
    /// The controller's cookie.
    #[serde(default, with = "uint64")]
    pub cookie: u64,
    /// Idle timeout, in seconds.
    #[serde(default, alias = "idleTimeout")]
    pub idle_timeout: u32,
    /// Hard timeout, in seconds.
    #[serde(default, alias = "hardTimeout")]
    pub hard_timeout: u32,
    /// `OFPFF_*` flags.
    #[serde(default)]
    pub flags: u32,
    /// `ofp_match`, as received.
    #[serde(default, rename = "match")]
    pub matches: Value,
    /// `ofp_instruction`s, as received.
    #[serde(default)]
    pub instructions: Vec<Value>,
    /// Every other field (packet and byte counts, durations), as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A meter's configuration (`ofp_meter_config`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MeterConfig {
    /// `OFPMF_*` flags.
    #[serde(default)]
    pub flags: u32,
    /// The meter's id.
    #[serde(default, alias = "meterId")]
    pub meter_id: u32,
    /// Its bands, as received.
    #[serde(default)]
    pub bands: Vec<Value>,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A meter of a logical device (`ofp_meter_entry`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Meter {
    /// Its configuration.
    #[serde(default)]
    pub config: MeterConfig,
    /// Its statistics, as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<Value>,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_four_bit_fields_read_strings_and_numbers() {
        let flows: Vec<Flow> = serde_json::from_str(
            r#"[{"id":"18446744073709551615","cookie":7,"match":{"type":"OFPMT_OXM"},
                "packet_count":"12","table_id":1}]"#,
        )
        .unwrap();
        assert_eq!(flows[0].id, u64::MAX);
        assert_eq!(flows[0].cookie, 7);
        assert_eq!(flows[0].extra["packet_count"], "12");
        let value = serde_json::to_value(&flows[0]).unwrap();
        assert_eq!(value["id"], "18446744073709551615");
        assert_eq!(value["match"]["type"], "OFPMT_OXM");
        assert!(serde_json::from_str::<Flow>(r#"{"id":"x"}"#).is_err());
    }
}
