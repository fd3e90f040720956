//! Deterministic, realistic device configs (Cisco IOS, Arista EOS, Juniper JunOS flavours), with
//! `@@SLOT@@` markers where the volatile values go (see `template`).

use serde_json::{Value, json};

use crate::fault::mix;

/// A device's vendor flavour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Flavor {
    Ios,
    Eos,
    Junos,
}

impl Flavor {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Flavor::Ios => "cisco_ios",
            Flavor::Eos => "arista_eos",
            Flavor::Junos => "juniper_junos",
        }
    }
}

/// Who a config is for: (seed, tenant index, device index) fix everything but the revision.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DeviceKey {
    pub(crate) seed: u64,
    pub(crate) tenant: usize,
    pub(crate) index: usize,
}

impl DeviceKey {
    fn rng(self, salt: u64) -> fastrand::Rng {
        fastrand::Rng::with_seed(mix(
            self.seed ^ salt,
            (self.tenant as u64) << 32 | self.index as u64,
        ))
    }

    pub(crate) fn flavor(self) -> Flavor {
        match self.rng(0xF1A).u8(0..3) {
            0 => Flavor::Ios,
            1 => Flavor::Eos,
            _ => Flavor::Junos,
        }
    }

    pub(crate) fn name(self) -> String {
        const SITES: [&str; 6] = ["ams", "fra", "lon", "par", "nyc", "sin"];
        let site = SITES[self.rng(0x517E).usize(0..SITES.len())];
        let role = match self.flavor() {
            Flavor::Ios => "pe",
            Flavor::Eos => "leaf",
            Flavor::Junos => "core",
        };
        format!("{site}-{role}-{:04}", self.index + 1)
    }
}

/// The config body for `data`: a JSON string (`running_config`) or object (`configuration`),
/// already serialised, with slot markers.
pub(crate) fn data_json(key: DeviceKey, revision: u32) -> String {
    match key.flavor() {
        Flavor::Ios | Flavor::Eos => {
            let text = text_config(key, revision);
            format!("{{\"running_config\":{}}}", Value::String(text))
        }
        Flavor::Junos => format!("{{\"configuration\":{}}}", junos(key, revision)),
    }
}

fn ip(rng: &mut fastrand::Rng) -> String {
    format!(
        "10.{}.{}.{}",
        rng.u8(0..=255),
        rng.u8(0..=255),
        rng.u8(1..=254) & 0xfc | 1
    )
}

fn text_config(key: DeviceKey, revision: u32) -> String {
    let mut rng = key.rng(0xC0F);
    let ios = key.flavor() == Flavor::Ios;
    let crlf = rng.u8(0..4) == 0;
    let trailing_blanks = rng.bool();
    let name = key.name();
    let interfaces = rng.usize(8..=150);
    let mut lines: Vec<String> = Vec::new();
    let mut push = |s: String| lines.push(s);
    if ios {
        push("Building configuration...".into());
        push(String::new());
        // Filled in below, once the length is known.
        push("Current configuration : @@LEN@@ bytes".into());
        push("!".into());
        push("! Last configuration change at @@LAST_CHANGE@@ by admin".into());
        push("! NVRAM config last updated at @@LAST_CHANGE@@ by admin".into());
        push("!".into());
        push(format!(
            "version {}",
            ["15.9", "16.12", "17.3"][rng.usize(0..3)]
        ));
        for s in [
            "service timestamps debug datetime msec",
            "service timestamps log datetime msec",
            "service password-encryption",
        ] {
            push(s.into());
        }
    } else {
        push("! Command: show running-config".into());
        push(format!(
            "! device: {name} (DCS-7280SR-48C6, EOS-4.30.{}F)",
            rng.u8(1..6)
        ));
        push("!".into());
        push("! Last configuration change at @@LAST_CHANGE@@ by admin".into());
        push("!".into());
        push("transceiver qsfp default-mode 4x10G".into());
    }
    push("!".into());
    push(format!("hostname {name}"));
    push(format!(
        "ip domain name tenant-{}.example.net",
        key.tenant + 1
    ));
    push("ip name-server 10.0.0.53".into());
    push("!".into());
    push(format!(
        "username admin privilege 15 secret 9 $9${}",
        (0..43).map(|_| rng.alphanumeric()).collect::<String>()
    ));
    push("!".into());
    push("interface Loopback0".into());
    push(format!(
        " ip address 10.255.{}.{} 255.255.255.255",
        key.tenant % 256,
        key.index % 256
    ));
    push("!".into());
    let indent = if ios { " " } else { "   " };
    for i in 0..interfaces {
        let interface = if ios {
            format!("GigabitEthernet0/{}/{}", i / 48, i % 48)
        } else {
            format!("Ethernet{}", i + 1)
        };
        push(format!("interface {interface}"));
        let blank = if trailing_blanks && i % 3 == 0 {
            " "
        } else {
            ""
        };
        push(format!(
            "{indent}description link to {}-{:04} port {}{blank}",
            ["pe", "ce", "leaf", "spine"][rng.usize(0..4)],
            rng.u16(1..9999),
            rng.u8(1..48)
        ));
        if revision > 0 && i == 0 {
            push(format!(
                "{indent}description changed in revision {revision}"
            ));
        }
        if !ios {
            push(format!("{indent}no switchport"));
        }
        push(format!(
            "{indent}ip address {} 255.255.255.252",
            ip(&mut rng)
        ));
        push(format!("{indent}ip ospf cost {}", rng.u16(1..1000)));
        if rng.u8(0..5) == 0 {
            push(format!("{indent}shutdown"))
        } else {
            push(format!("{indent}no shutdown"))
        }
        push("!".into());
    }
    push("router ospf 1".into());
    push(format!(
        "{indent}router-id 10.255.{}.{}",
        key.tenant % 256,
        key.index % 256
    ));
    push(format!("{indent}network 10.0.0.0 0.255.255.255 area 0"));
    push("!".into());
    push(format!("router bgp {}", 64_512 + key.tenant));
    for _ in 0..rng.usize(2..12) {
        push(format!(
            "{indent}neighbor {} remote-as {}",
            ip(&mut rng),
            64_512 + rng.u16(0..1000) as u32
        ));
    }
    push("!".into());
    push("ip access-list extended MGMT-IN".into());
    push(format!("{indent}permit tcp 10.0.0.0 0.0.255.255 any eq 22"));
    for r in 1..=revision {
        push(format!(
            "{indent}permit tcp host 192.0.2.{} any eq 443",
            r % 250 + 1
        ));
    }
    push(format!("{indent}deny ip any any log"));
    push("!".into());
    push(format!(
        "snmp-server community {} RO",
        (0..16).map(|_| rng.alphanumeric()).collect::<String>()
    ));
    push("ntp server 10.0.0.123".into());
    if ios {
        push("ntp clock-period @@CLOCK_PERIOD@@".into());
    }
    push("!".into());
    for s in [
        "line con 0",
        "line vty 0 4",
        " transport input ssh",
        "!",
        "end",
        "",
    ] {
        push(s.into());
    }
    let eol = if crlf { "\r\n" } else { "\n" };
    let text = lines.join(eol);
    let len = text.len().to_string();
    text.replacen("@@LEN@@", &len, 1)
}

fn junos(key: DeviceKey, revision: u32) -> String {
    let mut rng = key.rng(0x7A0);
    let interfaces: Vec<Value> = (0..rng.usize(8..=110))
        .map(|i| {
            json!({
                "name": format!("ge-0/0/{i}"),
                "description": format!("to {}-{:04}", ["pe", "core", "agg"][rng.usize(0..3)], rng.u16(1..9999)),
                "unit": [{"name": 0, "family": {"inet": {"address": [{"name": format!("{}/30", ip(&mut rng))}]}}}],
            })
        })
        .collect();
    let ospf: Vec<Value> = (0..interfaces.len().min(20))
        .map(|i| json!({"name": format!("ge-0/0/{i}.0"), "metric": rng.u16(1..1000)}))
        .collect();
    let neighbors: Vec<Value> = (0..rng.usize(2..12)).map(|_| json!({"name": ip(&mut rng), "peer-as": (64_512 + rng.u16(0..1000) as u32).to_string()})).collect();
    let mut terms = vec![
        json!({"name": "ssh", "from": {"source-address": [{"name": "10.0.0.0/16"}], "protocol": ["tcp"], "destination-port": ["ssh"]}, "then": {"accept": [null]}}),
    ];
    for r in 1..=revision {
        terms.push(json!({"name": format!("change-{r}"), "from": {"source-address": [{"name": format!("192.0.2.{}/32", r % 250 + 1)}]}, "then": {"accept": [null]}}));
    }
    let config = json!({
        "@": {"junos:changed-seconds": "@@EPOCH@@", "junos:changed-localtime": "@@COMMIT_TIME@@"},
        "version": format!("21.4R3-S{}", rng.u8(1..6)),
        "system": {
            "host-name": key.name(),
            "domain-name": format!("tenant-{}.example.net", key.tenant + 1),
            "time-zone": "UTC",
            "name-server": [{"name": "10.0.0.53"}],
            "ntp": {"server": [{"name": "10.0.0.123"}]},
            "login": {"user": [{"name": "admin", "class": "super-user", "authentication": {"encrypted-password": format!("$6${}", (0..86).map(|_| rng.alphanumeric()).collect::<String>())}}]},
        },
        "interfaces": {"interface": interfaces},
        "protocols": {
            "ospf": {"area": [{"name": "0.0.0.0", "interface": ospf}]},
            "bgp": {"group": [{"name": "ibgp", "type": "internal", "neighbor": neighbors}]},
        },
        "firewall": {"family": {"inet": {"filter": [{"name": "PROTECT-RE", "term": terms}]}}},
    });
    config.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configs_are_deterministic_and_sized() {
        let mut flavors = std::collections::HashSet::new();
        for index in 0..60 {
            let key = DeviceKey {
                seed: 3,
                tenant: 0,
                index,
            };
            flavors.insert(key.flavor());
            let data = data_json(key, 0);
            assert_eq!(data, data_json(key, 0));
            assert!(
                (2_000..=40_000).contains(&data.len()),
                "{} bytes",
                data.len()
            );
            assert_ne!(data, data_json(key, 1));
        }
        assert_eq!(flavors.len(), 3);
    }

    #[test]
    fn some_configs_use_crlf() {
        let crlf = (0..40)
            .filter(|index| {
                data_json(
                    DeviceKey {
                        seed: 1,
                        tenant: 0,
                        index: *index,
                    },
                    0,
                )
                .contains("\\r\\n")
            })
            .count();
        assert!(crlf > 0 && crlf < 40);
    }
}
