//! `EnableOnuSerialNumber` / `DisableOnuSerialNumber` (`device.OnuSerialNumberOnOLTPon`) and
//! the PM config update.

use serde_json::Value;

use super::grpc::GrpcError;
use super::model::Tenant;
use super::seed;

/// The request: `{"olt_device_id": {"id": …}, "port": {"port_no": …}, "serial_number": …}`.
#[derive(Debug)]
struct OnOltPon<'a> {
    olt: &'a str,
    port_no: u32,
    serial: &'a str,
}

fn field<'a>(body: &'a Value, proto: &str, json: &str) -> Option<&'a Value> {
    body.get(proto).or_else(|| body.get(json))
}

fn parse(body: &Value) -> Result<OnOltPon<'_>, GrpcError> {
    let olt = field(body, "olt_device_id", "oltDeviceId")
        .and_then(|o| o.get("id"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| GrpcError::invalid_argument("olt_device_id.id is required"))?;
    let port_no = field(body, "port", "port")
        .and_then(|p| field(p, "port_no", "portNo"))
        .and_then(|n| match n {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        })
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| GrpcError::invalid_argument("port.port_no is required"))?;
    let serial = field(body, "serial_number", "serialNumber")
        .and_then(Value::as_str)
        .ok_or_else(|| GrpcError::invalid_argument("serial_number is required"))?;
    let well_formed = serial.len() == 12
        && serial.is_char_boundary(4)
        && serial[..4].bytes().all(|b| b.is_ascii_uppercase())
        && serial[4..].bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return Err(GrpcError::invalid_argument(format!(
            "serial number {serial:?} is not a vendor id and 8 hex digits (e.g. BRCM1234abcd)"
        )));
    }
    Ok(OnOltPon {
        olt,
        port_no,
        serial,
    })
}

impl Tenant {
    /// Checks the OLT is an enabled OLT with that PON port.
    fn check_pon(&self, req: &OnOltPon<'_>) -> Result<(), GrpcError> {
        let olt = self
            .device(req.olt)
            .ok_or_else(|| GrpcError::not_found(format!("OLT {} not found", req.olt)))?;
        if !olt.is_olt() {
            return Err(GrpcError::invalid_argument(format!(
                "device {} is not an OLT",
                req.olt
            )));
        }
        if olt.admin != "ENABLED" {
            return Err(GrpcError::failed_precondition(format!(
                "OLT {} is {}",
                req.olt, olt.admin
            )));
        }
        if !olt.pon_ports().any(|p| p == req.port_no) {
            return Err(GrpcError::invalid_argument(format!(
                "port {} is not a PON port of OLT {}",
                req.port_no, req.olt
            )));
        }
        Ok(())
    }

    /// Lets the ONU with this serial number onto the PON: an ONU device appears (ACTIVATING,
    /// ACTIVE from its second read), or a disabled one comes back.
    pub(super) fn enable_serial(&mut self, body: &Value) -> Result<(), GrpcError> {
        let req = parse(body)?;
        self.check_pon(&req)?;
        if let Some(other) = self
            .devices
            .iter()
            .find(|d| !d.root && d.serial_number == req.serial && d.parent_id != req.olt)
        {
            return Err(GrpcError::already_exists(format!(
                "serial number {} is in use behind OLT {}",
                req.serial, other.parent_id
            )));
        }
        let existing = self
            .devices
            .iter()
            .find(|d| !d.root && d.serial_number == req.serial)
            .map(|d| (d.id.clone(), d.admin));
        match existing {
            Some((id, "DISABLED")) => self.enable(&id),
            Some(_) => Ok(()),
            None => {
                let onu_id = 1 + self
                    .devices
                    .iter()
                    .filter(|d| d.parent_id == req.olt && d.parent_port_no == req.port_no)
                    .filter_map(|d| d.proxy.as_ref().map(|p| p.onu_id))
                    .max()
                    .unwrap_or(0);
                let id = self.new_id();
                let onu = seed::onu(id, req.olt, req.port_no, onu_id, req.serial.to_owned());
                self.devices.push(onu);
                self.reconnect_peers();
                Ok(())
            }
        }
    }

    /// Keeps the ONU with this serial number off the PON.
    pub(super) fn disable_serial(&mut self, body: &Value) -> Result<(), GrpcError> {
        let req = parse(body)?;
        self.check_pon(&req)?;
        let id = self
            .devices
            .iter()
            .find(|d| !d.root && d.parent_id == req.olt && d.serial_number == req.serial)
            .map(|d| d.id.clone())
            .ok_or_else(|| {
                GrpcError::not_found(format!(
                    "no ONU with serial number {} behind OLT {}",
                    req.serial, req.olt
                ))
            })?;
        self.disable(&id)
    }

    /// `UpdateDevicePmConfigs`: replaces the device's PM configs.
    pub(super) fn update_pm_configs(&mut self, id: &str, mut body: Value) -> Result<(), GrpcError> {
        let device = self
            .device_mut(id)
            .ok_or_else(|| GrpcError::not_found(format!("device {id} not found")))?;
        let Some(map) = body.as_object_mut() else {
            return Err(GrpcError::invalid_argument(
                "the body must be a device.PmConfigs",
            ));
        };
        match map.get("id").and_then(Value::as_str) {
            Some(other) if !other.is_empty() && other != id => {
                return Err(GrpcError::invalid_argument(format!(
                    "PM configs of device {other} sent for device {id}"
                )));
            }
            _ => {}
        }
        let freq = map.get("default_freq").or_else(|| map.get("defaultFreq"));
        if freq
            .is_some_and(|f| !(f.is_u64() || f.as_str().is_some_and(|s| s.parse::<u32>().is_ok())))
        {
            return Err(GrpcError::invalid_argument(
                "default_freq must be an unsigned integer",
            ));
        }
        map.insert("id".into(), Value::from(id));
        device.pm_configs = body;
        Ok(())
    }
}
