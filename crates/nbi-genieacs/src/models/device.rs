//! A CPE as GenieACS stores it: `_id`, `_deviceId`, `_lastInform`, `_tags` … and the
//! parameter tree (TR-098 `InternetGatewayDevice…` or TR-181 `Device…`), each leaf
//! `{_value, _type, _timestamp, _writable}` and each object `{_object, _timestamp, …}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::DeviceId;

/// One device document, kept whole as JSON with typed accessors for the fields GenieACS
/// itself maintains. Whatever the projection left out reads as `None`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Device {
    document: Map<String, Value>,
}

/// `_deviceId`: who made the device and which one it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceIdentity {
    /// `_Manufacturer`.
    #[serde(
        rename = "_Manufacturer",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub manufacturer: Option<String>,
    /// `_OUI`.
    #[serde(rename = "_OUI", default, skip_serializing_if = "Option::is_none")]
    pub oui: Option<String>,
    /// `_ProductClass`.
    #[serde(
        rename = "_ProductClass",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub product_class: Option<String>,
    /// `_SerialNumber`.
    #[serde(
        rename = "_SerialNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub serial_number: Option<String>,
}

/// One parameter of the tree: a leaf with a value, or an object node.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Parameter {
    /// The dotted path (`InternetGatewayDevice.DeviceInfo.SoftwareVersion`).
    pub path: String,
    /// `_value` (absent for objects and for leaves never read).
    pub value: Option<Value>,
    /// `_type` (`xsd:string`, `xsd:unsignedInt` …).
    pub value_type: Option<String>,
    /// `_timestamp`: when GenieACS last read it.
    pub timestamp: Option<String>,
    /// `_writable`.
    pub writable: Option<bool>,
    /// `_object`: true for an object node.
    pub object: Option<bool>,
}

impl Device {
    /// A device from its JSON document.
    pub fn from_document(document: Map<String, Value>) -> Self {
        Device { document }
    }

    /// `_id`.
    pub fn id(&self) -> Option<DeviceId> {
        self.document
            .get("_id")
            .and_then(Value::as_str)
            .map(DeviceId::from)
    }

    /// `_deviceId`.
    pub fn identity(&self) -> Option<DeviceIdentity> {
        serde_json::from_value(self.document.get("_deviceId")?.clone()).ok()
    }

    /// `_lastInform`: the last time the CPE contacted the ACS.
    pub fn last_inform(&self) -> Option<jiff::Timestamp> {
        self.timestamp_field("_lastInform")
    }

    /// `_lastBoot`.
    pub fn last_boot(&self) -> Option<jiff::Timestamp> {
        self.timestamp_field("_lastBoot")
    }

    /// `_lastBootstrap`.
    pub fn last_bootstrap(&self) -> Option<jiff::Timestamp> {
        self.timestamp_field("_lastBootstrap")
    }

    /// `_registered`: when the CPE first contacted the ACS.
    pub fn registered(&self) -> Option<jiff::Timestamp> {
        self.timestamp_field("_registered")
    }

    /// `_tags` (empty when untagged).
    pub fn tags(&self) -> Vec<&str> {
        self.document
            .get("_tags")
            .and_then(Value::as_array)
            .map(|tags| tags.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether the device carries `tag`.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags().contains(&tag)
    }

    /// The parameter or object at dotted `path`.
    pub fn parameter(&self, path: &str) -> Option<Parameter> {
        let node = self.node(path)?.as_object()?;
        Some(parameter_of(path, node))
    }

    /// The `_value` of the leaf at `path`.
    pub fn value(&self, path: &str) -> Option<&Value> {
        self.node(path)?.as_object()?.get("_value")
    }

    /// The `_value` of the leaf at `path`, when it is text.
    pub fn value_str(&self, path: &str) -> Option<&str> {
        self.value(path)?.as_str()
    }

    /// Every parameter and object of the tree, sorted by path. GenieACS's own fields
    /// (`_id`, `_tags` …) are not parameters.
    pub fn parameters(&self) -> Vec<Parameter> {
        let mut out = Vec::new();
        for (key, value) in &self.document {
            if key.starts_with('_') {
                continue;
            }
            if let Value::Object(node) = value {
                walk(key, node, &mut out);
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// The whole document.
    pub fn document(&self) -> &Map<String, Value> {
        &self.document
    }

    /// The whole document, owned.
    pub fn into_document(self) -> Map<String, Value> {
        self.document
    }

    fn node(&self, path: &str) -> Option<&Value> {
        let mut segments = path.split('.');
        let mut node = self.document.get(segments.next()?)?;
        for segment in segments {
            node = node.as_object()?.get(segment)?;
        }
        Some(node)
    }

    fn timestamp_field(&self, key: &str) -> Option<jiff::Timestamp> {
        self.document.get(key)?.as_str()?.parse().ok()
    }
}

fn parameter_of(path: &str, node: &Map<String, Value>) -> Parameter {
    Parameter {
        path: path.to_owned(),
        value: node.get("_value").cloned(),
        value_type: node.get("_type").and_then(Value::as_str).map(str::to_owned),
        timestamp: node
            .get("_timestamp")
            .and_then(Value::as_str)
            .map(str::to_owned),
        writable: node.get("_writable").and_then(Value::as_bool),
        object: node.get("_object").and_then(Value::as_bool),
    }
}

fn walk(path: &str, node: &Map<String, Value>, out: &mut Vec<Parameter>) {
    out.push(parameter_of(path, node));
    for (key, child) in node {
        if key.starts_with('_') {
            continue;
        }
        if let Value::Object(child) = child {
            walk(&format!("{path}.{key}"), child, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Device {
        serde_json::from_value(json!({
            "_id": "202BC1-BM632w-000001",
            "_deviceId": {"_Manufacturer": "ACME", "_OUI": "202BC1", "_ProductClass": "BM632w",
                          "_SerialNumber": "000001", "_Future": 1},
            "_lastInform": "2025-03-04T05:06:07.000Z",
            "_tags": ["lab", "north"],
            "_vendorField": {"kept": true},
            "InternetGatewayDevice": {
                "_object": true, "_writable": false, "_timestamp": "2025-03-04T05:06:07.000Z",
                "DeviceInfo": {
                    "_object": true,
                    "SoftwareVersion": {"_value": "1.2.3", "_type": "xsd:string",
                                        "_writable": false, "_timestamp": "2025-03-04T05:06:07.000Z"}
                }
            }
        }))
        .unwrap()
    }

    #[test]
    fn accessors_read_genieacs_fields() {
        let d = sample();
        assert_eq!(d.id().unwrap().as_str(), "202BC1-BM632w-000001");
        assert_eq!(d.identity().unwrap().oui.as_deref(), Some("202BC1"));
        assert_eq!(d.last_inform().unwrap().as_second(), 1_741_064_767);
        assert!(d.has_tag("lab"));
        assert_eq!(
            d.value_str("InternetGatewayDevice.DeviceInfo.SoftwareVersion"),
            Some("1.2.3")
        );
        let p = d
            .parameter("InternetGatewayDevice.DeviceInfo.SoftwareVersion")
            .unwrap();
        assert_eq!(p.value_type.as_deref(), Some("xsd:string"));
        assert_eq!(p.writable, Some(false));
        assert!(d.registered().is_none());
    }

    #[test]
    fn parameters_walk_the_tree_sorted_and_unknown_fields_survive() {
        let d = sample();
        let paths: Vec<_> = d.parameters().into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [
                "InternetGatewayDevice",
                "InternetGatewayDevice.DeviceInfo",
                "InternetGatewayDevice.DeviceInfo.SoftwareVersion"
            ]
        );
        let back = serde_json::to_value(&d).unwrap();
        assert_eq!(back["_vendorField"]["kept"], true);
        assert_eq!(back["_deviceId"]["_Future"], 1);
    }
}
