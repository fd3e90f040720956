//! The device state machine: pre-provision, enable, disable, reboot, delete, and the ONU
//! operations, each refusing what VOLTHA's core refuses with the same gRPC code.

use serde_json::Value;

use super::grpc::GrpcError;
use super::model::{Address, Device, OLT_TYPE, ONU_TYPE, Tenant};
use super::seed;

type Outcome<T = ()> = Result<T, GrpcError>;

/// A string field by its proto name or its JSON (lowerCamel) name, as protojson accepts both.
fn text<'a>(body: &'a Value, proto: &str, json: &str) -> Option<&'a str> {
    body.get(proto)
        .or_else(|| body.get(json))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// A number that protojson may write as a number or a string.
fn number(value: Option<&Value>) -> Option<u64> {
    match value? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn not_found(id: &str) -> GrpcError {
    GrpcError::not_found(format!("device {id} not found"))
}

impl Tenant {
    /// `CreateDevice`: a new root device, PREPROVISIONED. Returns its id.
    pub(super) fn preprovision(&mut self, body: &Value) -> Outcome<String> {
        if !body.is_object() {
            return Err(GrpcError::invalid_argument(
                "the body must be a device.Device",
            ));
        }
        let kind = text(body, "type", "type")
            .ok_or_else(|| GrpcError::invalid_argument("device type is required"))?;
        if kind == ONU_TYPE {
            return Err(GrpcError::invalid_argument(
                "ONUs are discovered by their OLT, not pre-provisioned",
            ));
        }
        if kind != OLT_TYPE {
            return Err(GrpcError::invalid_argument(format!(
                "no adapter is registered for device type {kind}"
            )));
        }
        let address = if let Some(a) = text(body, "host_and_port", "hostAndPort") {
            Address::HostAndPort(a.to_owned())
        } else if let Some(a) = text(body, "ipv4_address", "ipv4Address") {
            Address::Ipv4(a.to_owned())
        } else if let Some(a) = text(body, "ipv6_address", "ipv6Address") {
            Address::Ipv6(a.to_owned())
        } else {
            Address::None
        };
        let mac = text(body, "mac_address", "macAddress").unwrap_or_default();
        if address == Address::None && mac.is_empty() {
            return Err(GrpcError::invalid_argument(
                "no-device-info-present; MAC or HOST_AND_PORT",
            ));
        }
        let taken = self.devices.iter().any(|d| {
            (address != Address::None && d.address == address)
                || (!mac.is_empty() && d.mac_address == mac)
        });
        if taken {
            return Err(GrpcError::already_exists(
                "device is already pre-provisioned",
            ));
        }
        let id = self.new_id();
        let mut device = seed::olt(id.clone(), String::new(), address);
        device.mac_address = mac.to_owned();
        device.extra_args = text(body, "extra_args", "extraArgs")
            .unwrap_or_default()
            .to_owned();
        device.vlan = number(body.get("vlan"))
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0);
        self.devices.push(device);
        Ok(id)
    }

    /// `EnableDevice`: PREPROVISIONED or DISABLED to ENABLED.
    pub(super) fn enable(&mut self, id: &str) -> Outcome {
        let device = self.device(id).ok_or_else(|| not_found(id))?;
        if device.admin == "ENABLED" || device.admin == "DOWNLOADING_IMAGE" {
            return Err(GrpcError::failed_precondition(format!(
                "device {id} is {}: it cannot be enabled",
                device.admin
            )));
        }
        if device.is_olt() {
            self.enable_olt(id);
        } else {
            self.activate_onu(id);
        }
        Ok(())
    }

    fn enable_olt(&mut self, id: &str) {
        let Some(olt) = self.device_mut(id) else {
            return;
        };
        seed::bring_up_olt(olt);
        for port in &mut olt.ports {
            port.admin = "ENABLED";
            port.oper = "ACTIVE";
        }
        olt.oper = "ACTIVATING";
        olt.settling = 1;
        if olt.serial_number.is_empty() {
            olt.serial_number = format!("EC{}", &olt.id[..10.min(olt.id.len())]).to_uppercase();
        }
        let olt = olt.clone();
        if !self.logical.iter().any(|l| l.root_device_id == id) {
            let n = self.logical.iter().map(|l| l.datapath_id & 0xffff).max();
            let logical = seed::logical_device(&olt, n.unwrap_or(0) + 1);
            if let Some(device) = self.device_mut(id) {
                device.parent_id = logical.id.clone();
            }
            self.logical.push(logical);
        }
        for onu in self.children_mut(id).filter(|d| d.admin == "ENABLED") {
            onu.oper = "ACTIVE";
            onu.connect = "REACHABLE";
        }
    }

    /// An ONU comes (back) up: ACTIVATING for one read, then ACTIVE, if its OLT is up.
    fn activate_onu(&mut self, id: &str) {
        let olt_up = self
            .device(id)
            .and_then(|onu| self.device(&onu.parent_id))
            .is_some_and(|olt| olt.admin == "ENABLED");
        if let Some(onu) = self.device_mut(id) {
            onu.admin = "ENABLED";
            onu.reason = "initial-mib-downloaded".into();
            if olt_up {
                onu.oper = "ACTIVATING";
                onu.connect = "REACHABLE";
                onu.settling = 1;
            }
        }
    }

    /// `DisableDevice`: ENABLED to DISABLED. An OLT's logical device goes; its ONUs go dark.
    pub(super) fn disable(&mut self, id: &str) -> Outcome {
        let device = self.device_mut(id).ok_or_else(|| not_found(id))?;
        if device.admin != "ENABLED" {
            return Err(GrpcError::failed_precondition(format!(
                "device {id} is {}: only an ENABLED device can be disabled",
                device.admin
            )));
        }
        device.admin = "DISABLED";
        device.oper = "UNKNOWN";
        device.settling = 0;
        if !device.is_olt() {
            device.reason = "omci-admin-lock".into();
            return Ok(());
        }
        device.parent_id.clear();
        for port in &mut device.ports {
            port.admin = "DISABLED";
            port.oper = "UNKNOWN";
        }
        self.logical.retain(|l| l.root_device_id != id);
        for onu in self.children_mut(id) {
            onu.oper = "UNKNOWN";
            onu.connect = "UNREACHABLE";
        }
        Ok(())
    }

    /// `RebootDevice`: an ENABLED device reports REBOOTED once, then ACTIVE.
    pub(super) fn reboot(&mut self, id: &str) -> Outcome {
        let device = self.device_mut(id).ok_or_else(|| not_found(id))?;
        if device.admin != "ENABLED" {
            return Err(GrpcError::failed_precondition(format!(
                "device {id} is {}: only an ENABLED device can be rebooted",
                device.admin
            )));
        }
        device.oper = "REBOOTED";
        device.settling = 1;
        Ok(())
    }

    /// `DeleteDevice` (an ENABLED device must be disabled first) and `ForceDeleteDevice`.
    /// An OLT takes its ONUs and logical device with it.
    pub(super) fn delete(&mut self, id: &str, force: bool) -> Outcome {
        let device = self.device(id).ok_or_else(|| not_found(id))?;
        if !force && device.admin == "ENABLED" {
            return Err(GrpcError::failed_precondition(format!(
                "device {id} is ENABLED: disable it before deleting it, or force the delete"
            )));
        }
        self.devices
            .retain(|d| d.id != id && (d.root || d.parent_id != id));
        self.logical.retain(|l| l.root_device_id != id);
        self.reconnect_peers();
        Ok(())
    }

    fn onu(&mut self, id: &str) -> Outcome<&mut Device> {
        let device = self.device_mut(id).ok_or_else(|| not_found(id))?;
        if device.is_olt() {
            return Err(GrpcError::invalid_argument(format!(
                "device {id} is an OLT, not an ONU"
            )));
        }
        Ok(device)
    }

    /// `EnableOnuDevice`.
    pub(super) fn enable_onu(&mut self, id: &str) -> Outcome {
        let onu = self.onu(id)?;
        if onu.admin == "ENABLED" {
            return Err(GrpcError::failed_precondition(format!(
                "ONU {id} is already enabled"
            )));
        }
        self.activate_onu(id);
        Ok(())
    }

    /// `DisableOnuDevice`.
    pub(super) fn disable_onu(&mut self, id: &str) -> Outcome {
        self.onu(id)?;
        self.disable(id)
    }
}
