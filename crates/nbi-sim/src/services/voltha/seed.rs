//! The starting state of each tenant, and the parts VOLTHA creates as devices come up: ports,
//! flows, meters, PM configs and logical devices. Everything derives from (seed, tenant, index).

use serde_json::{Value, json};

use super::model::{
    Address, Device, Flow, LogicalDevice, NNI_BASE, OLT_ADAPTER, OLT_TYPE, ONU_ADAPTER, ONU_TYPE,
    PON_BASE, PONS, Port, Proxy, Tenant,
};
use crate::fault::mix;

/// ONUs each seeded OLT starts with (on PON ports 0 and 1).
pub(super) const ONUS_PER_OLT: u32 = 2;

/// Tenant `index` with `olts` active OLTs, each with [`ONUS_PER_OLT`] active ONUs.
pub(super) fn tenant(seed: u64, index: usize, olts: usize) -> Tenant {
    let mut tenant = Tenant {
        index,
        seed,
        devices: Vec::new(),
        logical: Vec::new(),
        issued: 0,
        reads: 0,
        unavailable: 0,
    };
    for n in 0..olts {
        let id = tenant.new_id();
        let mut olt = olt(
            id.clone(),
            format!("EC{:02}{:08}", (index + 1) % 100, n + 1),
            Address::HostAndPort(format!(
                "10.{}.{}.{}:9191",
                10 + index % 200,
                n / 250,
                1 + n % 250
            )),
        );
        bring_up_olt(&mut olt);
        let logical = logical_device(&olt, n as u64 + 1);
        // A root device's parent is its logical device.
        olt.parent_id = logical.id.clone();
        tenant.logical.push(logical);
        tenant.devices.push(olt);
        for pon in 0..ONUS_PER_OLT {
            let onu_id = tenant.new_id();
            let serial = serial(seed, index, n, pon);
            let mut onu = onu(onu_id, &id, PON_BASE + pon, 1, serial);
            onu.settling = 0;
            onu.oper = "ACTIVE";
            tenant.devices.push(onu);
        }
    }
    tenant.reconnect_peers();
    tenant
}

/// `BRCM` and 8 lowercase hex digits.
fn serial(seed: u64, tenant: usize, olt: usize, pon: u32) -> String {
    let n = mix(
        seed ^ 0x0005_E121,
        (tenant as u64) << 40 | (olt as u64) << 8 | pon as u64,
    );
    format!("BRCM{:08x}", n as u32)
}

/// A pre-provisioned OLT: no ports until enabled.
pub(super) fn olt(id: String, serial_number: String, address: Address) -> Device {
    Device {
        pm_configs: olt_pm_configs(&id),
        id,
        kind: OLT_TYPE.into(),
        root: true,
        parent_id: String::new(),
        parent_port_no: 0,
        vendor: "EdgeCore".into(),
        model: "asgvolt64".into(),
        hardware_version: "ASGvOLT64-R01".into(),
        firmware_version: "BAL.3.10.2.2__Openolt.2023.05.24".into(),
        serial_number,
        vendor_id: String::new(),
        adapter_endpoint: OLT_ADAPTER.into(),
        vlan: 0,
        mac_address: String::new(),
        address,
        extra_args: String::new(),
        proxy: None,
        admin: "PREPROVISIONED",
        oper: "UNKNOWN",
        connect: "UNKNOWN",
        reason: String::new(),
        settling: 0,
        ports: Vec::new(),
        flows: Vec::new(),
        image_downloads: Vec::new(),
    }
}

/// An OLT as it is once enabled and connected: NNI and PON ports, trap flows, ACTIVE.
pub(super) fn bring_up_olt(olt: &mut Device) {
    olt.admin = "ENABLED";
    olt.oper = "ACTIVE";
    olt.connect = "REACHABLE";
    olt.reason = String::new();
    if olt.ports.is_empty() {
        olt.ports.push(port(NNI_BASE, "nni", "ETHERNET_NNI"));
        for p in 0..PONS {
            olt.ports.push(port(PON_BASE + p, "pon", "PON_OLT"));
        }
    }
    if olt.flows.is_empty() {
        olt.flows = trap_flows(olt.ports.first().map_or(NNI_BASE, |p| p.port_no));
    }
}

fn port(port_no: u32, prefix: &str, kind: &'static str) -> Port {
    Port {
        port_no,
        label: format!("{prefix}-{port_no}"),
        kind,
        admin: "ENABLED",
        oper: "ACTIVE",
        peers: Vec::new(),
    }
}

/// An ONU discovered on PON port `pon_port` of `olt_id`, activating.
pub(super) fn onu(id: String, olt_id: &str, pon_port: u32, onu_id: u32, serial: String) -> Device {
    let intf = pon_port.saturating_sub(PON_BASE);
    let uni = intf << 12 | onu_id << 4;
    let mut ports = vec![port(1, "pon", "PON_ONU"), port(uni, "uni", "ETHERNET_UNI")];
    ports[0].peers.push((olt_id.to_owned(), pon_port));
    Device {
        pm_configs: onu_pm_configs(&id),
        image_downloads: vec![json!({
            "id": id, "name": "onu-sw-v1.0.0",
            "url": "http://images.example/onu/v1.0.0.bin",
            "crc": 0, "download_state": "DOWNLOAD_SUCCEEDED", "image_version": "v1.0.0",
            "downloaded_bytes": 4_194_304, "reason": "NO_ERROR", "additional_info": "",
            "save_config": false, "local_dir": "/tmp", "image_state": "IMAGE_ACTIVE",
            "file_size": 4_194_304
        })],
        flows: onu_flows(uni),
        id,
        kind: ONU_TYPE.into(),
        root: false,
        parent_id: olt_id.to_owned(),
        parent_port_no: pon_port,
        vendor: "BRCM".into(),
        model: "BRCM-ONT".into(),
        hardware_version: "v1".into(),
        firmware_version: "v1.0.0".into(),
        vendor_id: serial.get(..4).unwrap_or("BRCM").to_owned(),
        serial_number: serial,
        adapter_endpoint: ONU_ADAPTER.into(),
        vlan: 0,
        mac_address: String::new(),
        address: Address::None,
        extra_args: String::new(),
        proxy: Some(Proxy {
            olt_id: olt_id.to_owned(),
            intf,
            onu_id,
        }),
        admin: "ENABLED",
        oper: "ACTIVATING",
        connect: "REACHABLE",
        reason: "initial-mib-downloaded".into(),
        settling: 1,
        ports,
    }
}

/// The logical device over `olt`; `n` makes its datapath id unique in the tenant.
pub(super) fn logical_device(olt: &Device, n: u64) -> LogicalDevice {
    let datapath_id = 0x0000_0a0a_0000_0000 | n;
    LogicalDevice {
        id: format!("{datapath_id:016x}"),
        datapath_id,
        root_device_id: olt.id.clone(),
        serial_number: olt.serial_number.clone(),
        flows: olt.flows.clone(),
        meters: vec![meter(1, 1_000, 1_000), meter(2, 10_000, 2_000)],
    }
}

fn meter(meter_id: u32, rate: u32, burst: u32) -> Value {
    json!({
        "config": {"flags": 6, "meter_id": meter_id, "bands": [
            {"type": "OFPMBT_DROP", "rate": rate, "burst_size": burst},
            {"type": "OFPMBT_DROP", "rate": rate * 2, "burst_size": burst}
        ]},
        "stats": {"meter_id": meter_id, "flow_count": 1, "packet_in_count": "0",
                  "byte_in_count": "0", "duration_sec": 0, "duration_nsec": 0, "band_stats": []}
    })
}

fn oxm(field: &str, key: &str, value: Value) -> Value {
    json!({"oxm_class": "OFPXMC_OPENFLOW_BASIC", "ofb_field": {"type": field, key: value}})
}

fn output(port: u64) -> Value {
    json!([{"type": "OFPIT_APPLY_ACTIONS", "actions": {"actions": [
        {"type": "OFPAT_OUTPUT", "output": {"port": port, "max_len": 65535}}
    ]}}])
}

/// LLDP, DHCP and EAPOL traps to the controller.
fn trap_flows(nni: u32) -> Vec<Flow> {
    const CONTROLLER: u64 = 0xffff_fffd;
    [(0x88cc_u32, 10_000_u32), (0x0800, 10_000), (0x888e, 10_000)]
        .into_iter()
        .enumerate()
        .map(|(i, (eth_type, priority))| Flow {
            id: 0x1000 + i as u64,
            table_id: 0,
            priority,
            cookie: 0x2000 + i as u64,
            matches: json!({"type": "OFPMT_OXM", "oxm_fields": [
                oxm("OFPXMT_OFB_IN_PORT", "port", json!(nni)),
                oxm("OFPXMT_OFB_ETH_TYPE", "eth_type", json!(eth_type)),
            ]}),
            instructions: output(CONTROLLER),
        })
        .collect()
}

/// Upstream (UNI to PON, VLAN pushed) and downstream subscriber flows.
fn onu_flows(uni: u32) -> Vec<Flow> {
    vec![
        Flow {
            id: 0x3000 + u64::from(uni),
            table_id: 0,
            priority: 1_000,
            cookie: 0x4000 + u64::from(uni),
            matches: json!({"type": "OFPMT_OXM", "oxm_fields": [
                oxm("OFPXMT_OFB_IN_PORT", "port", json!(uni)),
                oxm("OFPXMT_OFB_VLAN_VID", "vlan_vid", json!(4096)),
            ]}),
            instructions: output(1),
        },
        Flow {
            id: 0x5000 + u64::from(uni),
            table_id: 1,
            priority: 1_000,
            cookie: 0x6000 + u64::from(uni),
            matches: json!({"type": "OFPMT_OXM", "oxm_fields": [
                oxm("OFPXMT_OFB_IN_PORT", "port", json!(1)),
                oxm("OFPXMT_OFB_VLAN_VID", "vlan_vid", json!(4196)),
            ]}),
            instructions: output(u64::from(uni)),
        },
    ]
}

fn metric(name: &str, kind: &str) -> Value {
    json!({"name": name, "type": kind, "enabled": true, "sample_freq": 0})
}

fn olt_pm_configs(id: &str) -> Value {
    let group = |name: &str| {
        json!({"group_name": name, "group_freq": 150, "enabled": true, "metrics": [
            metric("rx_bytes", "COUNTER"), metric("tx_bytes", "COUNTER"),
            metric("oper_status", "STATE")
        ]})
    };
    json!({"id": id, "default_freq": 150, "grouped": true, "freq_override": false,
           "groups": [group("nni"), group("pon")], "metrics": [], "max_skew": 0})
}

fn onu_pm_configs(id: &str) -> Value {
    json!({"id": id, "default_freq": 60, "grouped": true, "freq_override": true,
           "groups": [{"group_name": "PON_Optical", "group_freq": 60, "enabled": true,
                       "metrics": [metric("transmit_power_dBm", "GAUGE"),
                                   metric("receive_power_dBm", "GAUGE")]},
                      {"group_name": "UNI_Status", "group_freq": 60, "enabled": true,
                       "metrics": [metric("ethernet_type", "CONTEXT"),
                                   metric("oper_status", "STATE")]}],
           "metrics": [], "max_skew": 5})
}

impl Tenant {
    /// Points every OLT PON port's peers at the ONUs behind it.
    pub(super) fn reconnect_peers(&mut self) {
        let links: Vec<(String, u32, String)> = self
            .devices
            .iter()
            .filter(|d| !d.root)
            .map(|d| (d.parent_id.clone(), d.parent_port_no, d.id.clone()))
            .collect();
        for olt in self.devices.iter_mut().filter(|d| d.root) {
            for port in olt.ports.iter_mut().filter(|p| p.kind == "PON_OLT") {
                port.peers = links
                    .iter()
                    .filter(|(parent, pon, _)| *parent == olt.id && *pon == port.port_no)
                    .map(|(_, _, onu)| (onu.clone(), 1))
                    .collect();
            }
        }
    }
}
