//! What configures CPEs: presets, provision scripts, virtual parameters and objects.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A preset: when (`precondition`, `events`, `schedule`) to run which provision, on which
/// channel and with which weight. `_id` comes from the path it is put at.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Preset {
    /// `_id`: the preset's name.
    #[serde(rename = "_id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The fault channel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Higher weights apply later and win.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// A cron-like schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    /// The events that trigger it (`{"0 BOOTSTRAP": true}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Map<String, Value>>,
    /// The devices it applies to, as a query (JSON text in GenieACS 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precondition: Option<String>,
    /// The provision it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// The provision's arguments (JSON text).
    #[serde(
        rename = "provisionArgs",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub provision_args: Option<String>,
    /// Fields this client does not name (1.1 `configurations` …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A provision script (JavaScript).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provision {
    /// `_id`: the provision's name.
    #[serde(rename = "_id")]
    pub id: String,
    /// The script.
    #[serde(default)]
    pub script: String,
    /// Fields this client does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A virtual parameter's script (JavaScript).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VirtualParameter {
    /// `_id`: the virtual parameter's name.
    #[serde(rename = "_id")]
    pub id: String,
    /// The script.
    #[serde(default)]
    pub script: String,
    /// Fields this client does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// An entry of the `objects` collection: any JSON object, named by `_id`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ObjectDefinition {
    /// `_id`: the object's name.
    #[serde(rename = "_id")]
    pub id: String,
    /// Every other field.
    #[serde(flatten)]
    pub fields: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn presets_keep_unknown_fields() {
        let p: Preset = serde_json::from_value(json!({
            "_id": "inform", "weight": 0, "precondition": "{}", "provision": "inform",
            "configurations": [{"type": "age"}]
        }))
        .unwrap();
        assert_eq!(p.provision.as_deref(), Some("inform"));
        assert_eq!(
            serde_json::to_value(&p).unwrap()["configurations"][0]["type"],
            "age"
        );
    }
}
