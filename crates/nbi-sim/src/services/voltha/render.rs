//! The JSON a gRPC–JSON gateway writes for voltha.proto messages: proto field names,
//! enums as their names, 64-bit integers as strings, unpopulated fields included.
//! Counters and durations grow with every read, as on a live system.

use serde_json::{Value, json};

use super::model::{Address, Device, Flow, LogicalDevice, NNI_BASE, Port, Tenant};

/// `device.Device`.
pub(super) fn device(d: &Device) -> Value {
    let mut v = json!({
        "id": d.id, "type": d.kind, "root": d.root, "parent_id": d.parent_id,
        "parent_port_no": d.parent_port_no, "vendor": d.vendor, "model": d.model,
        "hardware_version": d.hardware_version, "firmware_version": d.firmware_version,
        "images": {"image": []},
        "serial_number": d.serial_number, "vendor_id": d.vendor_id,
        "adapter_endpoint": d.adapter_endpoint, "vlan": d.vlan, "mac_address": d.mac_address,
        "extra_args": d.extra_args,
        "proxy_address": d.proxy.as_ref().map(|p| json!({
            "device_id": p.olt_id, "device_type": "openolt", "channel_id": p.intf,
            "channel_group_id": 0, "channel_termination": "", "onu_id": p.onu_id,
            "onu_session_id": p.onu_id, "adapter_endpoint": super::model::OLT_ADAPTER
        })),
        "admin_state": d.admin, "oper_status": d.oper, "reason": d.reason,
        "connect_status": d.connect, "custom": null, "pm_configs": null, "image_downloads": []
    });
    if let Value::Object(map) = &mut v {
        match &d.address {
            Address::None => {}
            Address::Ipv4(a) => {
                map.insert("ipv4_address".into(), json!(a));
            }
            Address::Ipv6(a) => {
                map.insert("ipv6_address".into(), json!(a));
            }
            Address::HostAndPort(a) => {
                map.insert("host_and_port".into(), json!(a));
            }
        }
    }
    v
}

/// `device.Port`; `reads` drives the traffic counters.
pub(super) fn port(device_id: &str, p: &Port, reads: u64) -> Value {
    let traffic = u64::from(p.port_no % 97 + 1) * (reads + 1);
    json!({
        "port_no": p.port_no, "label": p.label, "type": p.kind,
        "admin_state": p.admin, "oper_status": p.oper, "device_id": device_id,
        "peers": p.peers.iter().map(|(id, no)| json!({"device_id": id, "port_no": no})).collect::<Vec<_>>(),
        "rx_packets": (traffic * 10).to_string(), "rx_bytes": (traffic * 6_400).to_string(),
        "rx_errors": "0", "tx_packets": (traffic * 12).to_string(),
        "tx_bytes": (traffic * 7_700).to_string(), "tx_errors": "0",
        "ofp_port": if p.kind == "ETHERNET_UNI" || p.kind == "ETHERNET_NNI" {
            ofp_port(p.port_no, &p.label)
        } else {
            Value::Null
        }
    })
}

fn ofp_port(port_no: u32, name: &str) -> Value {
    json!({
        "port_no": port_no, "hw_addr": [0, 0, 0, 0, (port_no >> 8) & 0xff, port_no & 0xff],
        "name": name, "config": 0, "state": 4, "curr": 4128, "advertised": 4128,
        "peer": 4128, "supported": 4128, "curr_speed": 32, "max_speed": 32
    })
}

/// `openflow_13.ofp_flow_stats`; `reads` drives the counters and duration.
pub(super) fn flow(f: &Flow, reads: u64) -> Value {
    json!({
        "id": f.id.to_string(), "table_id": f.table_id, "duration_sec": reads * 30,
        "duration_nsec": (reads * 7_919) % 1_000_000_000, "priority": f.priority,
        "idle_timeout": 0, "hard_timeout": 0, "flags": 1, "cookie": f.cookie.to_string(),
        "packet_count": (reads * 3).to_string(), "byte_count": (reads * 192).to_string(),
        "match": f.matches, "instructions": f.instructions
    })
}

/// `logical_device.LogicalDevice` (without its child lists, as ListLogicalDevices answers).
pub(super) fn logical_device(l: &LogicalDevice) -> Value {
    json!({
        "id": l.id, "datapath_id": l.datapath_id.to_string(),
        "desc": {"mfr_desc": "VOLTHA Project", "hw_desc": "open_pon", "sw_desc": "open_pon",
                 "serial_num": l.serial_number, "dp_desc": "n/a"},
        "switch_features": {"n_buffers": 256, "n_tables": 2, "auxiliary_id": 0,
                            "capabilities": 15},
        "root_device_id": l.root_device_id
    })
}

/// `logical_device.LogicalPort`s: the OLT's NNI and every ONU's UNI.
pub(super) fn logical_ports(tenant: &Tenant, l: &LogicalDevice) -> Vec<Value> {
    let reads = tenant.reads;
    let olt_nni = tenant
        .device(&l.root_device_id)
        .into_iter()
        .flat_map(|d| d.ports.iter().map(move |p| (d, p)))
        .filter(|(_, p)| p.kind == "ETHERNET_NNI");
    let unis = tenant
        .devices
        .iter()
        .filter(|d| !d.root && d.parent_id == l.root_device_id)
        .flat_map(|d| d.ports.iter().map(move |p| (d, p)))
        .filter(|(_, p)| p.kind == "ETHERNET_UNI");
    olt_nni
        .chain(unis)
        .map(|(d, p)| {
            let root = p.port_no == NNI_BASE && d.root;
            json!({
                "id": p.label, "ofp_port": ofp_port(p.port_no, &p.label), "device_id": d.id,
                "device_port_no": p.port_no, "root_port": root,
                "ofp_port_stats": {"port_no": p.port_no,
                    "rx_packets": (reads * 11).to_string(), "tx_packets": (reads * 13).to_string(),
                    "duration_sec": reads * 30}
            })
        })
        .collect()
}
