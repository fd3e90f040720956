//! Each tenant's starting state, derived from (seed, tenant): CPEs with TR-098 or TR-181
//! parameter trees, GenieACS's default presets and provisions, a firmware file, and a queued
//! task or two that already faulted.

use serde_json::{Map, Value, json};

use super::clock::iso;
use crate::fault::mix;

/// A CPE model: OUI, product class (may need escaping in the id), maker, data model.
struct Model {
    oui: &'static str,
    product_class: &'static str,
    manufacturer: &'static str,
    tr181: bool,
}

const MODELS: [Model; 4] = [
    Model {
        oui: "202BC1",
        product_class: "BM632w",
        manufacturer: "Broadmodem",
        tr181: false,
    },
    Model {
        oui: "E8F1B0",
        product_class: "AX3000",
        manufacturer: "Sagemcom",
        tr181: true,
    },
    // A product class with a space: GenieACS escapes it, so the id holds `%20`.
    Model {
        oui: "A4B1E9",
        product_class: "FAST 5670",
        manufacturer: "Sagemcom",
        tr181: false,
    },
    Model {
        oui: "00259E",
        product_class: "HG8245Q2",
        manufacturer: "Huawei",
        tr181: false,
    },
];

/// One seeded CPE.
pub(super) struct SeedDevice {
    pub(super) document: Value,
    pub(super) online: bool,
}

/// Escapes an id part as GenieACS does: everything but ASCII letters, digits and `_`
/// becomes `%XX` (UTF-8 bytes, upper-case hex).
pub(super) fn escape_id_part(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The `index`-th CPE of `tenant`: every fourth one is offline.
pub(super) fn device(seed: u64, tenant: usize, index: usize, base_ms: u64) -> SeedDevice {
    let model = &MODELS[index % MODELS.len()];
    let serial = format!("{tenant:02}{:04}", index + 1);
    let id = format!(
        "{}-{}-{}",
        escape_id_part(model.oui),
        escape_id_part(model.product_class),
        escape_id_part(&serial)
    );
    let r = mix(seed ^ 0x6E1E_AC55, ((tenant as u64) << 32) | index as u64);
    // Devices informed within the last day before the base time, each at its own minute.
    let last_inform = base_ms - (r % 1440) * 60_000;
    let registered = last_inform - (30 + r % 300) * 86_400_000;
    let last_boot = last_inform - (1 + r % 20) * 86_400_000;
    let at = iso(last_inform);
    let info = Info {
        model,
        serial: &serial,
        software: format!("{}.{}.{}", 1 + r % 3, r % 10, (r >> 8) % 20),
        hardware: format!("HW-{}", 1 + (r >> 16) % 4),
        uptime: (last_inform - last_boot) / 1000,
        ssid: format!("{}-{}", model.manufacturer.to_uppercase(), &serial[2..]),
        channel: [1, 6, 11, 36, 44][(r >> 24) as usize % 5],
        ip: format!(
            "10.{}.{}.{}",
            tenant % 250,
            index / 250 % 250,
            2 + index % 250
        ),
        inform_interval: [300, 600, 3600][(r >> 32) as usize % 3],
        local_time: iso(last_inform),
    };
    let root = if model.tr181 {
        ("Device", tr181(&info, &at))
    } else {
        ("InternetGatewayDevice", tr098(&info, &at))
    };
    let mut tags = Vec::new();
    if index.is_multiple_of(3) {
        tags.push(json!("lab"));
    }
    if index.is_multiple_of(2) {
        tags.push(json!(if tenant.is_multiple_of(2) {
            "north"
        } else {
            "south"
        }));
    }
    let mut document = json!({
        "_id": id,
        "_deviceId": {
            "_Manufacturer": model.manufacturer,
            "_OUI": model.oui,
            "_ProductClass": model.product_class,
            "_SerialNumber": serial,
        },
        "_registered": iso(registered),
        "_lastInform": at,
        "_lastBoot": iso(last_boot),
        "_lastBootstrap": iso(registered),
    });
    if let Some(map) = document.as_object_mut() {
        map.insert(root.0.to_owned(), root.1);
        if !tags.is_empty() {
            map.insert("_tags".to_owned(), Value::Array(tags));
        }
    }
    SeedDevice {
        document,
        online: index % 4 != 3,
    }
}

/// The values a tree is built from.
struct Info<'a> {
    model: &'a Model,
    serial: &'a str,
    software: String,
    hardware: String,
    uptime: u64,
    ssid: String,
    channel: u64,
    ip: String,
    inform_interval: u64,
    local_time: String,
}

fn leaf(value: Value, kind: &str, writable: bool, at: &str) -> Value {
    json!({"_value": value, "_type": kind, "_timestamp": at, "_writable": writable})
}

/// An object node holding `children`.
pub(super) fn object(writable: bool, at: &str, children: Vec<(&str, Value)>) -> Value {
    let mut map = Map::new();
    map.insert("_object".into(), Value::Bool(true));
    map.insert("_writable".into(), Value::Bool(writable));
    map.insert("_timestamp".into(), Value::from(at));
    for (key, child) in children {
        map.insert(key.to_owned(), child);
    }
    Value::Object(map)
}

fn string(v: &str, writable: bool, at: &str) -> Value {
    leaf(Value::from(v), "xsd:string", writable, at)
}

fn device_info(i: &Info<'_>, at: &str) -> Value {
    object(
        false,
        at,
        vec![
            ("Manufacturer", string(i.model.manufacturer, false, at)),
            ("ManufacturerOUI", string(i.model.oui, false, at)),
            ("ProductClass", string(i.model.product_class, false, at)),
            ("SerialNumber", string(i.serial, false, at)),
            ("HardwareVersion", string(&i.hardware, false, at)),
            ("SoftwareVersion", string(&i.software, false, at)),
            (
                "UpTime",
                leaf(json!(i.uptime), "xsd:unsignedInt", false, at),
            ),
            ("ProvisioningCode", string("", true, at)),
        ],
    )
}

fn management_server(i: &Info<'_>, at: &str) -> Value {
    object(
        false,
        at,
        vec![
            ("URL", string("http://acs.example.net:7547/", true, at)),
            (
                "PeriodicInformEnable",
                leaf(json!(true), "xsd:boolean", true, at),
            ),
            (
                "PeriodicInformInterval",
                leaf(json!(i.inform_interval), "xsd:unsignedInt", true, at),
            ),
            (
                "ConnectionRequestURL",
                string(&format!("http://{}:7547/", i.ip), false, at),
            ),
        ],
    )
}

fn time(i: &Info<'_>, at: &str) -> Value {
    object(
        false,
        at,
        vec![(
            "CurrentLocalTime",
            leaf(json!(i.local_time), "xsd:dateTime", false, at),
        )],
    )
}

fn tr098(i: &Info<'_>, at: &str) -> Value {
    let wlan = object(
        false,
        at,
        vec![
            ("Enable", leaf(json!(true), "xsd:boolean", true, at)),
            ("SSID", string(&i.ssid, true, at)),
            (
                "Channel",
                leaf(json!(i.channel), "xsd:unsignedInt", true, at),
            ),
            ("BeaconType", string("11i", true, at)),
        ],
    );
    let lan = object(
        false,
        at,
        vec![("WLANConfiguration", object(true, at, vec![("1", wlan)]))],
    );
    let wan_ip = object(
        false,
        at,
        vec![
            ("ConnectionStatus", string("Connected", false, at)),
            ("ExternalIPAddress", string(&i.ip, false, at)),
        ],
    );
    let wan = object(
        false,
        at,
        vec![(
            "WANConnectionDevice",
            object(
                false,
                at,
                vec![(
                    "1",
                    object(
                        false,
                        at,
                        vec![("WANIPConnection", object(true, at, vec![("1", wan_ip)]))],
                    ),
                )],
            ),
        )],
    );
    object(
        false,
        at,
        vec![
            ("DeviceInfo", device_info(i, at)),
            ("ManagementServer", management_server(i, at)),
            ("LANDevice", object(false, at, vec![("1", lan)])),
            ("WANDevice", object(false, at, vec![("1", wan)])),
            ("Time", time(i, at)),
        ],
    )
}

fn tr181(i: &Info<'_>, at: &str) -> Value {
    let ssid = object(
        false,
        at,
        vec![
            ("Enable", leaf(json!(true), "xsd:boolean", true, at)),
            ("SSID", string(&i.ssid, true, at)),
        ],
    );
    let radio = object(
        false,
        at,
        vec![(
            "Channel",
            leaf(json!(i.channel), "xsd:unsignedInt", true, at),
        )],
    );
    let wifi = object(
        false,
        at,
        vec![
            ("SSID", object(true, at, vec![("1", ssid)])),
            ("Radio", object(false, at, vec![("1", radio)])),
        ],
    );
    let address = object(false, at, vec![("IPAddress", string(&i.ip, true, at))]);
    let interface = object(
        false,
        at,
        vec![("IPv4Address", object(true, at, vec![("1", address)]))],
    );
    object(
        false,
        at,
        vec![
            ("DeviceInfo", device_info(i, at)),
            ("ManagementServer", management_server(i, at)),
            ("WiFi", wifi),
            (
                "IP",
                object(
                    false,
                    at,
                    vec![("Interface", object(true, at, vec![("1", interface)]))],
                ),
            ),
            ("Time", time(i, at)),
        ],
    )
}

/// GenieACS's default presets.
pub(super) fn presets() -> Vec<Value> {
    vec![
        json!({"_id": "bootstrap", "channel": "bootstrap", "weight": 0,
               "events": {"0 BOOTSTRAP": true}, "precondition": "",
               "provision": "bootstrap", "provisionArgs": ""}),
        json!({"_id": "default", "channel": "default", "weight": 0,
               "events": {"1 BOOT": true, "2 PERIODIC": true}, "precondition": "",
               "provision": "default", "provisionArgs": ""}),
        json!({"_id": "inform", "channel": "inform", "weight": 0,
               "events": {"1 BOOT": true, "2 PERIODIC": true, "6 CONNECTION REQUEST": true},
               "precondition": "", "provision": "inform", "provisionArgs": ""}),
    ]
}

/// GenieACS's default provisions.
pub(super) fn provisions() -> Vec<Value> {
    vec![
        json!({"_id": "bootstrap", "script": "const now = Date.now();\n\n// Clear cached data model to force a refresh\nclear(\"Device\", now);\nclear(\"InternetGatewayDevice\", now);\n"}),
        json!({"_id": "default", "script": "const hourly = Date.now(3600000);\n\n// Refresh basic parameters hourly\ndeclare(\"InternetGatewayDevice.DeviceInfo.HardwareVersion\", {path: hourly, value: hourly});\ndeclare(\"InternetGatewayDevice.DeviceInfo.SoftwareVersion\", {path: hourly, value: hourly});\n"}),
        json!({"_id": "inform", "script": "// Device ID as user name\nconst username = declare(\"DeviceID.ID\", {value: 1}).value[0];\ndeclare(\"InternetGatewayDevice.ManagementServer.ConnectionRequestUsername\", {value: 1}, {value: username});\n"}),
    ]
}

/// A virtual parameter: the Wi-Fi name whichever data model the CPE speaks.
pub(super) fn virtual_parameters() -> Vec<Value> {
    vec![
        json!({"_id": "wlan_ssid", "script": "let m = \"\";\nlet d = declare(\"Device.WiFi.SSID.1.SSID\", {value: Date.now(3600000)});\nlet igd = declare(\"InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID\", {value: Date.now(3600000)});\nif (d.size) m = d.value[0];\nelse if (igd.size) m = igd.value[0];\nreturn {writable: false, value: [m, \"xsd:string\"]};\n"}),
    ]
}
