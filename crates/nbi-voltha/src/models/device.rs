//! `device.proto`: devices, their ports, PM configs and image downloads, device types.
//!
//! Every field has its protobuf default when absent, reads its proto name or its JSON
//! (lowerCamel) name, and fields this client does not model are kept in `extra`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::enums::{
    AdminState, ConnectStatus, ImageActivateState, ImageDownloadState, OperStatus, PmType, PortType,
};
use super::proto::{id_type, is_zero};

id_type!(
    /// A VOLTHA device id (an OLT's or an ONU's).
    DeviceId
);

/// A physical device: an OLT (`root`) or an ONU behind one of its PON ports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Device {
    /// VOLTHA's id of the device.
    #[serde(default)]
    pub id: DeviceId,
    /// The device type (`openolt`, `brcm_openomci_onu`, …).
    #[serde(default, rename = "type")]
    pub device_type: String,
    /// Whether the device is the root of a logical device (an OLT).
    #[serde(default)]
    pub root: bool,
    /// The parent: an ONU's OLT, or a root device's logical device.
    #[serde(default, alias = "parentId")]
    pub parent_id: String,
    /// The parent's port the device hangs off (an ONU's PON port on its OLT).
    #[serde(default, alias = "parentPortNo")]
    pub parent_port_no: u32,
    /// Vendor.
    #[serde(default)]
    pub vendor: String,
    /// Model.
    #[serde(default)]
    pub model: String,
    /// Hardware version.
    #[serde(default, alias = "hardwareVersion")]
    pub hardware_version: String,
    /// Firmware version.
    #[serde(default, alias = "firmwareVersion")]
    pub firmware_version: String,
    /// Serial number (`BRCM1234abcd` for an ONU).
    #[serde(default, alias = "serialNumber")]
    pub serial_number: String,
    /// The vendor id of an ONU's serial number.
    #[serde(default, alias = "vendorId", skip_serializing_if = "String::is_empty")]
    pub vendor_id: String,
    /// The adapter (older VOLTHA releases; newer ones name `adapter_endpoint`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adapter: Option<String>,
    /// The adapter instance that manages the device.
    #[serde(
        default,
        alias = "adapterEndpoint",
        skip_serializing_if = "String::is_empty"
    )]
    pub adapter_endpoint: String,
    /// VLAN the device is reached on (0 = none).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub vlan: u32,
    /// MAC address the device is reached at.
    #[serde(
        default,
        alias = "macAddress",
        skip_serializing_if = "String::is_empty"
    )]
    pub mac_address: String,
    /// IPv4 address the device is reached at.
    #[serde(
        default,
        alias = "ipv4Address",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv4_address: Option<String>,
    /// IPv6 address the device is reached at.
    #[serde(
        default,
        alias = "ipv6Address",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv6_address: Option<String>,
    /// `host:port` the device is reached at.
    #[serde(
        default,
        alias = "hostAndPort",
        skip_serializing_if = "Option::is_none"
    )]
    pub host_and_port: Option<String>,
    /// Device-specific arguments.
    #[serde(default, alias = "extraArgs", skip_serializing_if = "String::is_empty")]
    pub extra_args: String,
    /// How an ONU is reached through its OLT.
    #[serde(
        default,
        alias = "proxyAddress",
        skip_serializing_if = "Option::is_none"
    )]
    pub proxy_address: Option<Value>,
    /// Administrative state.
    #[serde(default, alias = "adminState")]
    pub admin_state: AdminState,
    /// Operational status.
    #[serde(default, alias = "operStatus")]
    pub oper_status: OperStatus,
    /// Connection status.
    #[serde(default, alias = "connectStatus")]
    pub connect_status: ConnectStatus,
    /// Why the device is in its state (set on failures, and by the ONU adapter).
    #[serde(default)]
    pub reason: String,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Device {
    /// Whether the device is an ONU (a child device).
    pub fn is_onu(&self) -> bool {
        !self.root
    }
}

/// A device with its ports and flows, read one after the other
/// ([`DevicesApi::snapshot`](crate::DevicesApi::snapshot)).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DeviceSnapshot {
    /// The device.
    pub device: Device,
    /// Its ports.
    pub ports: Vec<Port>,
    /// Its flows.
    pub flows: Vec<super::Flow>,
    /// Requests made for it (3).
    #[serde(skip)]
    pub requests: u32,
    /// Attempts made for those requests, retries included.
    #[serde(skip)]
    pub attempts: u32,
}

/// Another device's port this port connects to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PeerPort {
    /// The other device.
    #[serde(default, alias = "deviceId")]
    pub device_id: String,
    /// Its port.
    #[serde(default, alias = "portNo")]
    pub port_no: u32,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A port of a device. Traffic counters and `ofp_port` are kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Port {
    /// Device-unique port number.
    #[serde(default, alias = "portNo")]
    pub port_no: u32,
    /// Label (`pon-536870912`).
    #[serde(default)]
    pub label: String,
    /// Port type.
    #[serde(default, rename = "type")]
    pub port_type: PortType,
    /// Administrative state.
    #[serde(default, alias = "adminState")]
    pub admin_state: AdminState,
    /// Operational status.
    #[serde(default, alias = "operStatus")]
    pub oper_status: OperStatus,
    /// The device that owns the port.
    #[serde(default, alias = "deviceId")]
    pub device_id: String,
    /// The ports this one connects to.
    #[serde(default)]
    pub peers: Vec<PeerPort>,
    /// Every other field (counters, `ofp_port`), as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One metric's PM setting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PmConfig {
    /// Metric name.
    #[serde(default)]
    pub name: String,
    /// Metric type.
    #[serde(default, rename = "type")]
    pub pm_type: PmType,
    /// Whether it is collected.
    #[serde(default)]
    pub enabled: bool,
    /// Sample rate, in tenths of a second.
    #[serde(default, alias = "sampleFreq")]
    pub sample_freq: u32,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A group of metrics sampled together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PmGroupConfig {
    /// Group name.
    #[serde(default, alias = "groupName")]
    pub group_name: String,
    /// The group's sample rate.
    #[serde(default, alias = "groupFreq")]
    pub group_freq: u32,
    /// Whether the group is collected.
    #[serde(default)]
    pub enabled: bool,
    /// The group's metrics.
    #[serde(default)]
    pub metrics: Vec<PmConfig>,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A device's performance-monitoring configuration (`device.PmConfigs`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PmConfigs {
    /// The device's id.
    #[serde(default)]
    pub id: String,
    /// Default sample rate.
    #[serde(default, alias = "defaultFreq")]
    pub default_freq: u32,
    /// Whether metrics are grouped (then `groups` holds them).
    #[serde(default)]
    pub grouped: bool,
    /// Whether a metric may set its own sample rate.
    #[serde(default, alias = "freqOverride")]
    pub freq_override: bool,
    /// The groups, when grouped.
    #[serde(default)]
    pub groups: Vec<PmGroupConfig>,
    /// The metrics, when not grouped.
    #[serde(default)]
    pub metrics: Vec<PmConfig>,
    /// Allowed skew, in seconds.
    #[serde(default, alias = "maxSkew")]
    pub max_skew: u32,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A software image download record (`device.ImageDownload`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageDownload {
    /// The device's id.
    #[serde(default)]
    pub id: String,
    /// The image's name.
    #[serde(default)]
    pub name: String,
    /// Where the image is fetched from.
    #[serde(default)]
    pub url: String,
    /// Download state.
    #[serde(default, alias = "downloadState")]
    pub download_state: ImageDownloadState,
    /// The downloaded version.
    #[serde(default, alias = "imageVersion")]
    pub image_version: String,
    /// Activation state.
    #[serde(default, alias = "imageState")]
    pub image_state: ImageActivateState,
    /// Why a download failed (`NO_ERROR` …).
    #[serde(default)]
    pub reason: String,
    /// Every other field (sizes, CRC, local folder …), as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A device type an adapter handles (`device.DeviceType`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceType {
    /// The type's name.
    #[serde(default)]
    pub id: String,
    /// The ONU vendor id it matches.
    #[serde(default, alias = "vendorId")]
    pub vendor_id: String,
    /// Every ONU vendor id it matches.
    #[serde(default, alias = "vendorIds")]
    pub vendor_ids: Vec<String>,
    /// The adapter (deprecated in favour of `adapter_type`).
    #[serde(default)]
    pub adapter: String,
    /// The type of adapter that handles it.
    #[serde(default, alias = "adapterType")]
    pub adapter_type: String,
    /// Whether the adapter takes flow updates in bulk.
    #[serde(default, alias = "acceptsBulkFlowUpdate")]
    pub accepts_bulk_flow_update: bool,
    /// Whether the adapter takes incremental flow updates.
    #[serde(default, alias = "acceptsAddRemoveFlowUpdates")]
    pub accepts_add_remove_flow_updates: bool,
    /// Every other field, as received.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_and_states_survive_a_round_trip() {
        let json = r#"{"id":"0001","type":"openolt","root":true,"adminState":"ENABLED",
            "oper_status":"WARMING_UP","connect_status":2,"host_and_port":"10.0.0.1:9191",
            "custom":{"x":1},"future_field":[1,2]}"#;
        let device: Device = serde_json::from_str(json).unwrap();
        assert_eq!(device.id.as_str(), "0001");
        assert_eq!(device.admin_state, AdminState::Enabled);
        assert_eq!(device.oper_status, OperStatus::Other("WARMING_UP".into()));
        assert_eq!(device.connect_status, ConnectStatus::Reachable);
        assert_eq!(device.extra["future_field"], serde_json::json!([1, 2]));
        let again: Device = serde_json::from_value(serde_json::to_value(&device).unwrap()).unwrap();
        assert_eq!(again, device);
        let value = serde_json::to_value(&device).unwrap();
        assert_eq!(value["oper_status"], "WARMING_UP");
        assert!(
            value.get("ipv4_address").is_none(),
            "unset oneof members stay out"
        );
    }

    #[test]
    fn an_empty_message_is_all_defaults() {
        let port: Port = serde_json::from_str("{}").unwrap();
        assert_eq!(port.port_type, PortType::Unknown);
        assert!(port.peers.is_empty());
    }
}
