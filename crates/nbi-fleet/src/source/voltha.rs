//! The `voltha` source: a VOLTHA device's configuration is the device, its ports and its flows,
//! written as canonical text. The fleet's device id is VOLTHA's device id.
//!
//! The text starts with a `#` line (so the normalizer treats it as text, not JSON) and holds
//! three sections, `[device]`, `[ports]` and `[flows]`, each pretty JSON with sorted keys;
//! ports sort by number, flows by (table, id), peers by (device, port). What changes without
//! the configuration changing is left out: traffic counters and flow durations, and the
//! operational state (`oper_status`, `connect_status`, `reason`) — `admin_state`, which the
//! operator sets, stays. Two fetches of an unchanged device so give the same text.

use futures::future::BoxFuture;
use nbi_core::Transports;
use nbi_voltha::{Client, DeviceSnapshot};
use serde_json::{Map, Value};

use super::{ConfigSource, Fetched};
use crate::{Error, ErrorKind, Result};

/// Top-level device fields that describe what the device is doing, not how it is set up.
const DEVICE_VOLATILE: &[&str] = &["oper_status", "connect_status", "reason"];
/// Port fields that change with traffic or state.
const PORT_VOLATILE: &[&str] = &[
    "oper_status",
    "rx_packets",
    "rx_bytes",
    "rx_errors",
    "tx_packets",
    "tx_bytes",
    "tx_errors",
];
/// Flow fields that change with traffic and time.
const FLOW_VOLATILE: &[&str] = &[
    "duration_sec",
    "duration_nsec",
    "packet_count",
    "byte_count",
];

/// Fetches device, ports and flows through the VOLTHA client of the tenant.
#[derive(Clone, Debug)]
pub struct VolthaSource {
    client: Client,
}

impl VolthaSource {
    /// A source over `client`.
    pub fn new(client: Client) -> VolthaSource {
        VolthaSource { client }
    }

    /// The source configured as `[tenants.<tenant>.<source>]` (`kind = "voltha"`, or a table
    /// named `voltha`).
    pub fn from_settings(
        transports: &Transports,
        tenant: &str,
        source: &str,
    ) -> Result<VolthaSource> {
        Ok(VolthaSource::new(Client::from_transports(
            transports, tenant, source,
        )?))
    }
}

impl ConfigSource for VolthaSource {
    fn kind(&self) -> &'static str {
        "voltha"
    }

    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Fetched>> {
        Box::pin(async move {
            let snapshot = self.client.devices().snapshot(id).await?;
            let text = canonical_text(&snapshot)?;
            // The runner counts `attempts - 1` as retries: report one fetch plus the retries
            // its three requests needed.
            let retries = snapshot.attempts.saturating_sub(snapshot.requests);
            Ok(Fetched {
                body: text.into_bytes().into(),
                attempts: 1 + retries,
            })
        })
    }
}

/// The canonical text of a device snapshot.
pub fn canonical_text(snapshot: &DeviceSnapshot) -> Result<String> {
    let json = |what: &str, value: Value| {
        serde_json::to_string_pretty(&sorted(value))
            .map_err(|e| Error::new(ErrorKind::Decode, format!("writing the {what}: {e}")))
    };
    let device = without(to_value(&snapshot.device)?, DEVICE_VOLATILE);
    let mut ports: Vec<_> = snapshot.ports.iter().collect();
    ports.sort_by_key(|p| p.port_no);
    let ports = ports
        .into_iter()
        .map(|p| {
            let mut p = p.clone();
            p.peers
                .sort_by(|a, b| (&a.device_id, a.port_no).cmp(&(&b.device_id, b.port_no)));
            to_value(&p).map(|v| without(v, PORT_VOLATILE))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut flows: Vec<_> = snapshot.flows.iter().collect();
    flows.sort_by_key(|f| (f.table_id, f.id));
    let flows = flows
        .into_iter()
        .map(|f| to_value(f).map(|v| without(v, FLOW_VOLATILE)))
        .collect::<Result<Vec<_>>>()?;
    Ok(format!(
        "# VOLTHA device {} ({})\n[device]\n{}\n[ports]\n{}\n[flows]\n{}\n",
        snapshot.device.id,
        snapshot.device.device_type,
        json("device", device)?,
        json("ports", Value::Array(ports))?,
        json("flows", Value::Array(flows))?,
    ))
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value> {
    serde_json::to_value(value).map_err(|e| Error::new(ErrorKind::Decode, e.to_string()))
}

/// `value` without the top-level `keys`.
fn without(mut value: Value, keys: &[&str]) -> Value {
    if let Value::Object(map) = &mut value {
        for key in keys {
            map.remove(*key);
        }
    }
    value
}

/// `value` with every object's keys in sorted order, whatever map the JSON library uses.
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k, sorted(v)))
                    .collect::<Map<_, _>>(),
            )
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn snapshot(counter: u64, oper: &str, reversed: bool) -> DeviceSnapshot {
        let device = serde_json::from_value(json!({
            "id": "olt1", "type": "openolt", "root": true, "admin_state": "ENABLED",
            "oper_status": oper, "connect_status": "REACHABLE", "serial_number": "EC1",
            "zz_unknown": {"b": 1, "a": 2}
        }))
        .unwrap();
        let mut ports: Vec<nbi_voltha::Port> = vec![
            serde_json::from_value(json!({"port_no": 1, "label": "nni", "type": "ETHERNET_NNI",
                "rx_bytes": counter.to_string(), "admin_state": "ENABLED", "oper_status": oper}))
            .unwrap(),
            serde_json::from_value(json!({"port_no": 2, "label": "pon", "type": "PON_OLT",
                "peers": [{"device_id": "b", "port_no": 1}, {"device_id": "a", "port_no": 1}]}))
            .unwrap(),
        ];
        let mut flows: Vec<nbi_voltha::Flow> = vec![
            serde_json::from_value(
                json!({"id": "9", "table_id": 0, "packet_count": counter.to_string(),
                "duration_sec": counter, "match": {"type": "OFPMT_OXM"}}),
            )
            .unwrap(),
            serde_json::from_value(json!({"id": "3", "table_id": 1})).unwrap(),
        ];
        if reversed {
            ports.reverse();
            flows.reverse();
        }
        let mut s = DeviceSnapshot::default();
        s.device = device;
        s.ports = ports;
        s.flows = flows;
        s
    }

    #[test]
    fn unchanged_devices_give_the_same_text() {
        let first = canonical_text(&snapshot(10, "ACTIVE", false)).unwrap();
        let second = canonical_text(&snapshot(99, "ACTIVATING", true)).unwrap();
        assert_eq!(first, second);
        assert!(first.starts_with("# VOLTHA device olt1 (openolt)\n[device]\n"));
        assert!(!first.contains("rx_bytes") && !first.contains("packet_count"));
        assert!(!first.contains("oper_status"));
        assert!(first.contains("\"admin_state\": \"ENABLED\""));
        let a = first.find("\"device_id\": \"a\"").unwrap();
        let b = first.find("\"device_id\": \"b\"").unwrap();
        assert!(a < b, "peers sorted");
        let za = first.find("\"a\": 2").unwrap();
        assert!(za < first.find("\"b\": 1").unwrap(), "nested keys sorted");
    }

    #[test]
    fn a_configuration_change_changes_the_text() {
        let mut changed = snapshot(10, "ACTIVE", false);
        changed.device.admin_state = nbi_voltha::AdminState::Disabled;
        assert_ne!(
            canonical_text(&changed).unwrap(),
            canonical_text(&snapshot(10, "ACTIVE", false)).unwrap()
        );
    }
}
