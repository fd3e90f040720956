//! The objects every tenant starts with, the same for the same (tenant, device count).
//!
//! Devices are named like the NMS's (`r0001` …) so a NetBox inventory can name devices the
//! NMS serves; every fourth pair of roles is router, router, switch, olt.

use serde_json::{Value, json};

use super::models::by_path;
use super::store::Store;

/// The role of device `index` (0-based).
pub(super) fn role_of(index: usize) -> &'static str {
    match index % 4 {
        0 | 1 => "router",
        2 => "switch",
        _ => "olt",
    }
}

/// Devices that get a loopback address in the tenant's /24.
const ADDRESSED_DEVICES: usize = 250;

/// Fills `store` with tenant `tenant`'s (0-based) objects and `devices` devices.
pub(super) fn seed(store: &mut Store, tenant: usize, tenant_name: &str, devices: usize) {
    let octet = (tenant % 250) + 1;
    let add = |store: &mut Store, path: &str, body: Value| -> u64 {
        // The seed is built from valid bodies; a failure would be a bug in this table.
        by_path(path)
            .and_then(|model| store.create(model, &body).ok())
            .unwrap_or(0)
    };
    let org = add(
        store,
        "tenancy/tenants",
        json!({"name": tenant_name, "slug": tenant_name, "description": "Simulated tenant"}),
    );
    let sites = [
        add(
            store,
            "dcim/sites",
            json!({"name": "dc-1", "slug": "dc-1", "tenant": org, "status": "active", "description": "Primary data centre"}),
        ),
        add(
            store,
            "dcim/sites",
            json!({"name": "pop-2", "slug": "pop-2", "tenant": org, "status": "active", "description": "Access point of presence"}),
        ),
    ];
    let templates: Vec<(&str, u64)> = [
        ("router", "hostname {{ device.name }}\n{% for i in device.interfaces.all() %}interface {{ i.name }}\n{% endfor %}"),
        ("switch", "hostname {{ device.name }}\n{% for i in device.interfaces.all() %}interface {{ i.name }}\n{% endfor %}"),
        ("olt", "system name {{ device.name }}\n{% for i in device.interfaces.all() %}pon {{ i.name }}\n{% endfor %}"),
        ("legacy", "hostname {{ device.name }}\n{% if device.platform %}"),
    ]
    .into_iter()
    .map(|(name, code)| {
        let id = add(store, "extras/config-templates", json!({"name": format!("{name}-base"), "template_code": code, "description": format!("{name} baseline")}));
        (name, id)
    })
    .collect();
    let template = |role: &str| {
        templates
            .iter()
            .find(|(n, _)| *n == role)
            .map_or(0, |(_, id)| *id)
    };
    let roles: Vec<(&str, u64, u64)> = [
        ("router", "Router", "MX204", "mx204"),
        ("switch", "Switch", "EX4300-48T", "ex4300-48t"),
        ("olt", "OLT", "E7-2", "e7-2"),
    ]
    .into_iter()
    .map(|(slug, name, model, type_slug)| {
        let role = add(
            store,
            "dcim/device-roles",
            json!({"name": name, "slug": slug, "config_template": template(slug)}),
        );
        let device_type = add(
            store,
            "dcim/device-types",
            json!({"model": model, "slug": type_slug}),
        );
        (slug, role, device_type)
    })
    .collect();
    add(
        store,
        "ipam/prefixes",
        json!({"prefix": format!("10.{octet}.0.0/16"), "status": "container", "tenant": org, "description": "Tenant aggregate"}),
    );
    add(
        store,
        "ipam/prefixes",
        json!({"prefix": format!("10.{octet}.1.0/24"), "status": "active", "tenant": org, "description": "Loopbacks"}),
    );
    add(
        store,
        "ipam/prefixes",
        json!({"prefix": format!("10.{octet}.2.0/29"), "status": "active", "tenant": org, "description": "Management"}),
    );
    add(
        store,
        "ipam/ip-ranges",
        json!({"start_address": format!("10.{octet}.3.10/24"), "end_address": format!("10.{octet}.3.20/24"), "status": "active", "tenant": org, "description": "DHCP pool"}),
    );
    for host in 1..=2 {
        add(
            store,
            "ipam/ip-addresses",
            json!({"address": format!("10.{octet}.2.{host}/29"), "status": "active", "tenant": org, "description": "Management gateway"}),
        );
    }
    let group = add(
        store,
        "ipam/vlan-groups",
        json!({"name": "access", "slug": "access", "vid_ranges": [[100, 109]], "description": "Subscriber VLANs"}),
    );
    for (vid, name) in [(100, "mgmt"), (101, "voice")] {
        add(
            store,
            "ipam/vlans",
            json!({"vid": vid, "name": name, "group": group, "tenant": org, "status": "active"}),
        );
    }
    for index in 0..devices {
        let role = role_of(index);
        let (_, role_id, type_id) = roles
            .iter()
            .find(|(s, ..)| *s == role)
            .copied()
            .unwrap_or(("", 0, 0));
        let name = format!("r{:04}", index + 1);
        let device = add(
            store,
            "dcim/devices",
            json!({
                "name": name,
                "role": role_id,
                "device_type": type_id,
                "site": sites[index % 2],
                "tenant": org,
                "status": if index % 7 == 6 { "planned" } else { "active" },
                "serial": format!("SN{:02}{:05}", tenant + 1, index + 1),
            }),
        );
        let uplink = add(
            store,
            "dcim/interfaces",
            json!({"device": device, "name": "ge-0/0/0", "type": "10gbase-x-sfpp", "description": "uplink", "enabled": true, "mtu": 9000}),
        );
        add(
            store,
            "dcim/interfaces",
            json!({"device": device, "name": "ge-0/0/1", "type": "1000base-t", "description": "access", "enabled": index % 5 != 4}),
        );
        if index < ADDRESSED_DEVICES {
            let address = add(
                store,
                "ipam/ip-addresses",
                json!({
                    "address": format!("10.{octet}.1.{}/24", index + 1),
                    "status": "active",
                    "tenant": org,
                    "assigned_object_type": "dcim.interface",
                    "assigned_object_id": uplink,
                    "dns_name": format!("{name}.{tenant_name}.example"),
                }),
            );
            if let Some(devices) = by_path("dcim/devices") {
                let _ = store.update(devices, device, &json!({"primary_ip4": address}), true);
            }
        }
    }
}
