//! One tenant's VOLTHA: OLTs with PON ports, ONUs as their child devices, a logical device per
//! enabled OLT, flows and meters.

use serde_json::Value;

use crate::fault::mix;

/// The openolt adapter's endpoint, as devices name it.
pub(super) const OLT_ADAPTER: &str = "voltha-openolt-adapter:50060";
/// The OpenONU adapter's endpoint.
pub(super) const ONU_ADAPTER: &str = "voltha-openonu-adapter:50060";
/// The OLT device type.
pub(super) const OLT_TYPE: &str = "openolt";
/// The ONU device type.
pub(super) const ONU_TYPE: &str = "brcm_openomci_onu";
/// openolt numbers NNI ports from 2^20 and PON ports from 2^29.
pub(super) const NNI_BASE: u32 = 1 << 20;
pub(super) const PON_BASE: u32 = 1 << 29;
/// PON ports per OLT.
pub(super) const PONS: u32 = 4;

/// How a device is reached: the `address` oneof of `device.Device`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Address {
    None,
    Ipv4(String),
    Ipv6(String),
    HostAndPort(String),
}

/// A port of a device.
#[derive(Debug, Clone)]
pub(super) struct Port {
    pub(super) port_no: u32,
    pub(super) label: String,
    pub(super) kind: &'static str,
    pub(super) admin: &'static str,
    pub(super) oper: &'static str,
    pub(super) peers: Vec<(String, u32)>,
}

/// An OpenFlow flow entry.
#[derive(Debug, Clone)]
pub(super) struct Flow {
    pub(super) id: u64,
    pub(super) table_id: u32,
    pub(super) priority: u32,
    pub(super) cookie: u64,
    pub(super) matches: Value,
    pub(super) instructions: Value,
}

/// An ONU's place behind its OLT (`proxy_address`).
#[derive(Debug, Clone)]
pub(super) struct Proxy {
    pub(super) olt_id: String,
    pub(super) intf: u32,
    pub(super) onu_id: u32,
}

/// A physical device: an OLT (root) or an ONU (child of an OLT's PON port).
#[derive(Debug, Clone)]
pub(super) struct Device {
    pub(super) id: String,
    pub(super) kind: String,
    pub(super) root: bool,
    pub(super) parent_id: String,
    pub(super) parent_port_no: u32,
    pub(super) vendor: String,
    pub(super) model: String,
    pub(super) hardware_version: String,
    pub(super) firmware_version: String,
    pub(super) serial_number: String,
    pub(super) vendor_id: String,
    pub(super) adapter_endpoint: String,
    pub(super) vlan: u32,
    pub(super) mac_address: String,
    pub(super) address: Address,
    pub(super) extra_args: String,
    pub(super) proxy: Option<Proxy>,
    pub(super) admin: &'static str,
    pub(super) oper: &'static str,
    pub(super) connect: &'static str,
    pub(super) reason: String,
    /// Reads left before a transitional `oper` (ACTIVATING, REBOOTED) becomes ACTIVE.
    pub(super) settling: u8,
    pub(super) ports: Vec<Port>,
    pub(super) flows: Vec<Flow>,
    pub(super) pm_configs: Value,
    pub(super) image_downloads: Vec<Value>,
}

impl Device {
    pub(super) fn is_olt(&self) -> bool {
        self.root
    }

    /// Counts one read: a transitional state shows once, then settles to ACTIVE.
    pub(super) fn observe(&mut self) {
        if self.settling > 0 {
            self.settling -= 1;
        } else if matches!(self.oper, "ACTIVATING" | "REBOOTED" | "DISCOVERED") {
            self.oper = "ACTIVE";
        }
    }

    /// The PON port numbers of an OLT.
    pub(super) fn pon_ports(&self) -> impl Iterator<Item = u32> + '_ {
        self.ports
            .iter()
            .filter(|p| p.kind == "PON_OLT")
            .map(|p| p.port_no)
    }
}

/// The logical (OpenFlow) switch VOLTHA builds over an enabled OLT.
#[derive(Debug, Clone)]
pub(super) struct LogicalDevice {
    pub(super) id: String,
    pub(super) datapath_id: u64,
    pub(super) root_device_id: String,
    pub(super) serial_number: String,
    pub(super) flows: Vec<Flow>,
    pub(super) meters: Vec<Value>,
}

/// Everything one tenant sees.
#[derive(Debug)]
pub(super) struct Tenant {
    pub(super) index: usize,
    pub(super) seed: u64,
    pub(super) devices: Vec<Device>,
    pub(super) logical: Vec<LogicalDevice>,
    /// Ids handed out so far (ids derive from the seed, tenant and this counter).
    pub(super) issued: u64,
    /// Reads served, which drive the counters that change on every read.
    pub(super) reads: u64,
    /// Requests still to be refused with UNAVAILABLE (set through the admin route).
    pub(super) unavailable: u32,
}

impl Tenant {
    /// A fresh, deterministic device id: 16 hex digits.
    pub(super) fn new_id(&mut self) -> String {
        self.issued += 1;
        format!(
            "{:016x}",
            mix(
                self.seed ^ 0x7011_A000,
                (self.index as u64) << 32 | self.issued
            )
        )
    }

    pub(super) fn device(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }

    pub(super) fn device_mut(&mut self, id: &str) -> Option<&mut Device> {
        self.devices.iter_mut().find(|d| d.id == id)
    }

    /// The ONUs of OLT `olt_id`.
    pub(super) fn children_mut<'a>(
        &'a mut self,
        olt_id: &'a str,
    ) -> impl Iterator<Item = &'a mut Device> + 'a {
        self.devices
            .iter_mut()
            .filter(move |d| !d.root && d.parent_id == olt_id)
    }
}
