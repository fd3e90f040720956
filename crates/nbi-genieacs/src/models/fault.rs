//! Faults: what went wrong in a CPE session (a refused task, a failed provision).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{DeviceId, FaultId};

/// A fault, `_id` = `<device>:<channel>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fault {
    /// `_id`.
    #[serde(rename = "_id")]
    pub id: FaultId,
    /// The device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceId>,
    /// The channel (`task_<task id>`, `default`, a preset's channel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The fault code (`cwmp.9005`, `script.TypeError` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A one-line message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Details as the CPE or script gave them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Value>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// How many times it was retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    /// Fields this client does not name (`provisions`, `expiry` …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn faults_keep_unknown_fields() {
        let f: Fault = serde_json::from_value(json!({
            "_id": "d1:task_1", "device": "d1", "channel": "task_1", "code": "cwmp.9005",
            "message": "Invalid parameter name", "retries": 0, "provisions": [["x"]]
        }))
        .unwrap();
        assert_eq!(f.code.as_deref(), Some("cwmp.9005"));
        assert_eq!(serde_json::to_value(&f).unwrap()["provisions"][0][0], "x");
    }
}
