//! What a CPE does in a session: informs, and runs tasks against its parameter tree.

use serde_json::{Map, Value};

use super::clock::iso;

/// Why a CPE refused a task: a CWMP fault code and message.
#[derive(Debug)]
pub(super) struct CpeFault {
    pub(super) code: &'static str,
    pub(super) message: String,
}

impl CpeFault {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        CpeFault {
            code,
            message: message.into(),
        }
    }

    fn invalid_name(path: &str) -> Self {
        CpeFault::new("cwmp.9005", format!("Invalid parameter name: {path}"))
    }
}

/// The data model root the CPE speaks (`InternetGatewayDevice` or `Device`).
fn root(doc: &Value) -> &'static str {
    if doc.get("Device").is_some() {
        "Device"
    } else {
        "InternetGatewayDevice"
    }
}

fn node_mut<'a>(doc: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.')
        .try_fold(doc, |node, segment| node.as_object_mut()?.get_mut(segment))
}

fn set_leaf(doc: &mut Value, path: &str, value: Value, at: &str) {
    if let Some(Value::Object(leaf)) = node_mut(doc, path) {
        leaf.insert("_value".into(), value);
        leaf.insert("_timestamp".into(), Value::from(at));
    }
}

/// Stamps `_timestamp` on the node at `node` and everything below it.
fn touch(node: &mut Value, at: &str) {
    if let Value::Object(map) = node {
        map.insert("_timestamp".into(), Value::from(at));
        for (key, child) in map.iter_mut() {
            if !key.starts_with('_') {
                touch(child, at);
            }
        }
    }
}

/// A periodic inform: `_lastInform`, the uptime and the clock move on.
pub(super) fn inform(doc: &mut Value, now_ms: u64) {
    let at = iso(now_ms);
    let root = root(doc);
    let last_boot = doc
        .get("_lastBoot")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(map) = doc.as_object_mut() {
        map.insert("_lastInform".into(), Value::from(at.clone()));
    }
    let booted_ms = last_boot
        .as_deref()
        .and_then(parse_iso_ms)
        .unwrap_or(now_ms);
    let uptime = now_ms.saturating_sub(booted_ms) / 1000;
    set_leaf(
        doc,
        &format!("{root}.DeviceInfo.UpTime"),
        Value::from(uptime),
        &at,
    );
    set_leaf(
        doc,
        &format!("{root}.Time.CurrentLocalTime"),
        Value::from(at.clone()),
        &at,
    );
}

/// Someone renamed the Wi-Fi on the CPE itself.
pub(super) fn rename_wifi(doc: &mut Value, now_ms: u64) {
    let at = iso(now_ms);
    let path = match root(doc) {
        "Device" => "Device.WiFi.SSID.1.SSID",
        _ => "InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID",
    };
    let current = node_mut(doc, path)
        .and_then(|leaf| leaf.get("_value"))
        .and_then(Value::as_str)
        .unwrap_or("wifi")
        .to_owned();
    let renamed = match current.rsplit_once("-v") {
        Some((name, n)) if n.parse::<u32>().is_ok() => {
            format!("{name}-v{}", n.parse::<u32>().unwrap_or(0) + 1)
        }
        _ => format!("{current}-v2"),
    };
    set_leaf(doc, path, Value::from(renamed), &at);
}

/// Runs one task on the CPE's tree. `files` is the ACS's file collection (for downloads).
pub(super) fn run(
    task: &Value,
    doc: &mut Value,
    files: &[Value],
    now_ms: u64,
) -> Result<(), CpeFault> {
    let at = iso(now_ms);
    let name = task.get("name").and_then(Value::as_str).unwrap_or("");
    match name {
        "getParameterValues" => {
            let names = strings(task.get("parameterNames"));
            for path in &names {
                node_mut(doc, path).ok_or_else(|| CpeFault::invalid_name(path))?;
            }
            for path in &names {
                if let Some(node) = node_mut(doc, path) {
                    touch(node, &at);
                }
            }
            Ok(())
        }
        "refreshObject" => {
            let path = task.get("objectName").and_then(Value::as_str).unwrap_or("");
            let node = if path.is_empty() {
                node_mut(doc, root(doc))
            } else {
                node_mut(doc, path.trim_end_matches('.'))
            };
            touch(node.ok_or_else(|| CpeFault::invalid_name(path))?, &at);
            Ok(())
        }
        "setParameterValues" => set_values(doc, task.get("parameterValues"), &at),
        "addObject" => add_object(doc, task, &at),
        "deleteObject" => {
            let path = task.get("objectName").and_then(Value::as_str).unwrap_or("");
            let path = path.trim_end_matches('.');
            let (parent, instance) = path
                .rsplit_once('.')
                .filter(|(_, i)| i.parse::<u32>().is_ok())
                .ok_or_else(|| CpeFault::invalid_name(path))?;
            let removed = node_mut(doc, parent)
                .and_then(Value::as_object_mut)
                .and_then(|p| p.remove(instance));
            removed
                .map(drop)
                .ok_or_else(|| CpeFault::invalid_name(path))
        }
        "reboot" => {
            if let Some(map) = doc.as_object_mut() {
                map.insert("_lastBoot".into(), Value::from(at.clone()));
            }
            inform(doc, now_ms);
            Ok(())
        }
        "factoryReset" => Err(CpeFault::new(
            "cwmp.9001",
            "Request denied: factory reset is disabled on this CPE",
        )),
        "download" => download(doc, task, files, &at),
        other => Err(CpeFault::new(
            "cwmp.9000",
            format!("Method not supported: {other}"),
        )),
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn set_values(doc: &mut Value, values: Option<&Value>, at: &str) -> Result<(), CpeFault> {
    let entries = values
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut writes = Vec::new();
    for entry in &entries {
        let Some(path) = entry.get(0).and_then(Value::as_str) else {
            return Err(CpeFault::new("cwmp.9003", "Invalid arguments"));
        };
        let leaf = node_mut(doc, path)
            .and_then(Value::as_object_mut)
            .filter(|leaf| leaf.contains_key("_value"))
            .ok_or_else(|| CpeFault::invalid_name(path))?;
        if leaf.get("_writable") != Some(&Value::Bool(true)) {
            return Err(CpeFault::new(
                "cwmp.9008",
                format!("Attempt to set a non-writable parameter: {path}"),
            ));
        }
        let kind = entry
            .get(2)
            .and_then(Value::as_str)
            .or_else(|| leaf.get("_type").and_then(Value::as_str))
            .unwrap_or("xsd:string")
            .to_owned();
        let value =
            coerce(entry.get(1).cloned().unwrap_or(Value::Null), &kind).ok_or_else(|| {
                CpeFault::new("cwmp.9007", format!("Invalid parameter value: {path}"))
            })?;
        writes.push((path.to_owned(), value, kind));
    }
    // All or nothing, as a CPE applies one SetParameterValues.
    for (path, value, kind) in writes {
        if let Some(Value::Object(leaf)) = node_mut(doc, &path) {
            leaf.insert("_value".into(), value);
            leaf.insert("_type".into(), Value::from(kind));
            leaf.insert("_timestamp".into(), Value::from(at));
        }
    }
    Ok(())
}

/// A value as the CPE stores a parameter of `kind`.
fn coerce(value: Value, kind: &str) -> Option<Value> {
    match kind {
        "xsd:boolean" => match &value {
            Value::Bool(_) => Some(value),
            Value::String(s) if matches!(s.as_str(), "true" | "1") => Some(Value::Bool(true)),
            Value::String(s) if matches!(s.as_str(), "false" | "0") => Some(Value::Bool(false)),
            Value::Number(n) => Some(Value::Bool(n.as_f64() != Some(0.0))),
            _ => None,
        },
        "xsd:unsignedInt" | "xsd:int" | "xsd:long" | "xsd:unsignedLong" => match &value {
            Value::Number(n) if n.is_i64() || n.is_u64() => Some(value),
            Value::String(s) => s.trim().parse::<i64>().ok().map(Value::from),
            _ => None,
        },
        _ => Some(match value {
            Value::String(_) => value,
            other => Value::from(other.to_string()),
        }),
    }
}

fn add_object(doc: &mut Value, task: &Value, at: &str) -> Result<(), CpeFault> {
    let path = task.get("objectName").and_then(Value::as_str).unwrap_or("");
    let path = path.trim_end_matches('.');
    let parent = node_mut(doc, path)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| CpeFault::invalid_name(path))?;
    let instances: Vec<u32> = parent.keys().filter_map(|k| k.parse().ok()).collect();
    let Some(template) = instances
        .iter()
        .min()
        .and_then(|i| parent.get(&i.to_string()))
    else {
        return Err(CpeFault::new(
            "cwmp.9005",
            format!("Not a multi-instance object: {path}"),
        ));
    };
    let mut instance = template.clone();
    touch(&mut instance, at);
    let next = instances.iter().max().copied().unwrap_or(0) + 1;
    parent.insert(next.to_string(), instance);
    let prefixed: Vec<Value> = task
        .get("parameterValues")
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(|v| {
                    let mut v = v.as_array()?.clone();
                    let name = v.first()?.as_str()?.to_owned();
                    v[0] = Value::from(format!("{path}.{next}.{name}"));
                    Some(Value::Array(v))
                })
                .collect()
        })
        .unwrap_or_default();
    set_values(doc, Some(&Value::Array(prefixed)), at)
}

fn download(doc: &mut Value, task: &Value, files: &[Value], at: &str) -> Result<(), CpeFault> {
    let name = task.get("fileName").and_then(Value::as_str).unwrap_or("");
    let file = files
        .iter()
        .find(|f| f.get("_id").and_then(Value::as_str) == Some(name))
        .ok_or_else(|| {
            CpeFault::new(
                "cwmp.9016",
                format!("File transfer failure: no file {name}"),
            )
        })?;
    let metadata = file
        .get("metadata")
        .cloned()
        .unwrap_or(Value::Object(Map::new()));
    let is_firmware = task
        .get("fileType")
        .and_then(Value::as_str)
        .is_some_and(|t| t.starts_with('1'));
    if is_firmware && let Some(version) = metadata.get("version").and_then(Value::as_str) {
        let path = format!("{}.DeviceInfo.SoftwareVersion", root(doc));
        set_leaf(doc, &path, Value::from(version), at);
    }
    Ok(())
}

/// Milliseconds since the epoch of a date this simulator wrote (`2025-06-01T00:00:00.000Z`).
fn parse_iso_ms(text: &str) -> Option<u64> {
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, min, s, ms) = (
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
        num(20..23).unwrap_or(0),
    );
    // Days from civil, proleptic Gregorian.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let total = ((days * 86_400 + h * 3600 + min * 60 + s) * 1000) + ms;
    u64::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for ms in [0, 1_748_736_000_123, 951_782_400_000] {
            assert_eq!(parse_iso_ms(&iso(ms)), Some(ms));
        }
    }
}
