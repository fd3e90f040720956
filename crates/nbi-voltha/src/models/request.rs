//! Request bodies: a device to pre-provision, and an ONU serial number on an OLT's PON port.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use nbi_core::{Error, Result};

use super::proto::is_zero;

/// A device to pre-provision (`CreateDevice`'s `device.Device`): its type and how VOLTHA
/// reaches it, a `host_and_port`, an IP address or a MAC address.
///
/// ```
/// use nbi_voltha::NewDevice;
/// let olt = NewDevice::new("openolt").host_and_port("10.1.1.1:9191");
/// assert_eq!(serde_json::to_value(&olt)?["host_and_port"], "10.1.1.1:9191");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewDevice {
    /// The device type (`openolt`).
    #[serde(default, rename = "type")]
    pub device_type: String,
    /// `host:port` of the device.
    #[serde(
        default,
        alias = "hostAndPort",
        skip_serializing_if = "Option::is_none"
    )]
    pub host_and_port: Option<String>,
    /// IPv4 address of the device.
    #[serde(
        default,
        alias = "ipv4Address",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv4_address: Option<String>,
    /// IPv6 address of the device.
    #[serde(
        default,
        alias = "ipv6Address",
        skip_serializing_if = "Option::is_none"
    )]
    pub ipv6_address: Option<String>,
    /// MAC address of the device.
    #[serde(default, alias = "macAddress", skip_serializing_if = "Option::is_none")]
    pub mac_address: Option<String>,
    /// Device-specific arguments.
    #[serde(default, alias = "extraArgs", skip_serializing_if = "String::is_empty")]
    pub extra_args: String,
    /// VLAN the device is reached on.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub vlan: u32,
    /// Any other `device.Device` field, sent as given.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NewDevice {
    /// A device of type `device_type` (give it an address next).
    pub fn new(device_type: impl Into<String>) -> Self {
        NewDevice {
            device_type: device_type.into(),
            ..NewDevice::default()
        }
    }

    /// Reached at `host:port`.
    #[must_use]
    pub fn host_and_port(mut self, address: impl Into<String>) -> Self {
        self.host_and_port = Some(address.into());
        self
    }

    /// Reached at an IPv4 address.
    #[must_use]
    pub fn ipv4_address(mut self, address: impl Into<String>) -> Self {
        self.ipv4_address = Some(address.into());
        self
    }

    /// Reached at a MAC address.
    #[must_use]
    pub fn mac_address(mut self, address: impl Into<String>) -> Self {
        self.mac_address = Some(address.into());
        self
    }

    /// Device-specific arguments.
    #[must_use]
    pub fn extra_args(mut self, args: impl Into<String>) -> Self {
        self.extra_args = args.into();
        self
    }

    /// Refuses, before anything is sent, a device VOLTHA would refuse: no type, no address,
    /// or more than one of the `address` oneof.
    pub fn validate(&self) -> Result<()> {
        if self.device_type.trim().is_empty() {
            return Err(Error::validation("a device to pre-provision needs a type"));
        }
        let oneof = [&self.host_and_port, &self.ipv4_address, &self.ipv6_address]
            .iter()
            .filter(|a| a.as_deref().is_some_and(|a| !a.is_empty()))
            .count();
        if oneof > 1 {
            return Err(Error::validation(
                "give one of host_and_port, ipv4_address and ipv6_address",
            ));
        }
        if oneof == 0 && self.mac_address.as_deref().is_none_or(str::is_empty) {
            return Err(Error::validation(
                "a device to pre-provision needs host_and_port, an IP address or mac_address",
            ));
        }
        Ok(())
    }
}

/// `{"id": …}`, `common.ID`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdRef {
    /// The id.
    #[serde(default)]
    pub id: String,
}

/// The port part of an [`OnuSerialNumber`]: only its number matters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PonPortRef {
    /// The OLT's PON port number.
    #[serde(default, alias = "portNo")]
    pub port_no: u32,
}

/// An ONU serial number on an OLT's PON port (`device.OnuSerialNumberOnOLTPon`).
///
/// ```
/// use nbi_voltha::OnuSerialNumber;
/// let onu = OnuSerialNumber::new("0001aabbccdd0011", 536870912, "BRCM1234abcd");
/// assert_eq!(
///     serde_json::to_value(&onu)?,
///     serde_json::json!({"olt_device_id": {"id": "0001aabbccdd0011"},
///                        "port": {"port_no": 536870912}, "serial_number": "BRCM1234abcd"})
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnuSerialNumber {
    /// The OLT.
    #[serde(default, alias = "oltDeviceId")]
    pub olt_device_id: IdRef,
    /// The OLT's PON port.
    #[serde(default)]
    pub port: PonPortRef,
    /// The ONU's serial number (`BRCM1234abcd`).
    #[serde(default, alias = "serialNumber")]
    pub serial_number: String,
}

impl OnuSerialNumber {
    /// Serial number `serial` on PON port `pon_port` of OLT `olt_id`.
    pub fn new(olt_id: impl Into<String>, pon_port: u32, serial: impl Into<String>) -> Self {
        OnuSerialNumber {
            olt_device_id: IdRef { id: olt_id.into() },
            port: PonPortRef { port_no: pon_port },
            serial_number: serial.into(),
        }
    }

    /// Refuses, before anything is sent, an empty OLT id or serial number.
    pub fn validate(&self) -> Result<()> {
        if self.olt_device_id.id.trim().is_empty() {
            return Err(Error::validation("the OLT's device id is required"));
        }
        if self.serial_number.trim().is_empty() {
            return Err(Error::validation("the ONU's serial number is required"));
        }
        Ok(())
    }
}

/// `{"items": […]}`, the shape of every list message (empty lists may be left out).
#[derive(Debug, Deserialize)]
pub(crate) struct Items<T> {
    #[serde(default = "Vec::new")]
    pub(crate) items: Vec<T>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_needs_a_type_and_one_address() {
        assert!(NewDevice::new("openolt").validate().is_err());
        assert!(
            NewDevice::default()
                .host_and_port("h:1")
                .validate()
                .is_err()
        );
        assert!(
            NewDevice::new("openolt")
                .host_and_port("h:1")
                .ipv4_address("10.0.0.1")
                .validate()
                .is_err()
        );
        assert!(
            NewDevice::new("openolt")
                .mac_address("00:0c:e2:31:40:00")
                .validate()
                .is_ok()
        );
        let parsed: NewDevice =
            serde_json::from_str(r#"{"type":"openolt","hostAndPort":"h:1","custom":1}"#).unwrap();
        assert_eq!(parsed.host_and_port.as_deref(), Some("h:1"));
        assert_eq!(serde_json::to_value(&parsed).unwrap()["custom"], 1);
    }
}
