use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An HTTP problem status, which some servers send as a number and others as a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ProblemStatus {
    /// `"status": 404`
    Number(u16),
    /// `"status": "404"` (Oracle Field Service does this)
    Text(String),
}

impl ProblemStatus {
    /// The status as a number, when it is one or a string holding one.
    pub fn as_u16(&self) -> Option<u16> {
        match self {
            ProblemStatus::Number(n) => Some(*n),
            ProblemStatus::Text(s) => s.trim().parse().ok(),
        }
    }
}

/// One field's complaint in a validation error (422, or NetBox's 400).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field, as the server names it (`bandwidth`, `body.latency`, `interfaces[0].name`).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// An error body in RFC 7807 terms, plus vendor codes and field errors.
///
/// [`ProblemDetails::from_json`] reads RFC 7807 bodies, the MANO `errors: [{field, message}]`
/// list, FastAPI's `detail: [{loc, msg}]` and NetBox's `{field: [messages]}` shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProblemDetails {
    /// A URI naming the problem type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_uri: Option<String>,
    /// A short summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The status the server put in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProblemStatus>,
    /// A longer explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// A URI naming this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// The vendor's own error code (`code`, `errorCode`, `o:errorCode`, a gRPC status, a CMS
    /// rpc-error tag …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_code: Option<String>,
    /// Field errors of a validation failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_errors: Vec<FieldError>,
}

/// Keys under which vendors put their own error code.
const VENDOR_CODE_KEYS: &[&str] = &["o:errorCode", "errorCode", "error_code", "code"];

impl ProblemDetails {
    /// A problem with only a title.
    pub fn titled(title: impl Into<String>) -> Self {
        ProblemDetails {
            title: Some(title.into()),
            ..ProblemDetails::default()
        }
    }

    /// Reads an error body; `None` when it is not a JSON object.
    pub fn from_json(body: &[u8]) -> Option<Self> {
        let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) else {
            return None;
        };
        Some(Self::from_map(&map))
    }

    fn from_map(map: &Map<String, Value>) -> Self {
        let text = |key: &str| map.get(key).and_then(value_text);
        let mut problem = ProblemDetails {
            type_uri: text("type"),
            title: text("title")
                .or_else(|| text("message"))
                .or_else(|| text("error")),
            status: map.get("status").and_then(|v| match v {
                Value::Number(n) => n
                    .as_u64()
                    .and_then(|n| u16::try_from(n).ok())
                    .map(ProblemStatus::Number),
                Value::String(s) => Some(ProblemStatus::Text(s.clone())),
                _ => None,
            }),
            detail: map
                .get("detail")
                .and_then(|v| v.as_str().map(str::to_owned))
                .or_else(|| text("error_description")),
            instance: text("instance"),
            vendor_code: VENDOR_CODE_KEYS.iter().find_map(|k| text(k)),
            field_errors: Vec::new(),
        };
        problem.field_errors = field_errors(map);
        problem
    }
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Collects field errors from the shapes servers use.
fn field_errors(map: &Map<String, Value>) -> Vec<FieldError> {
    // MANO and many others: "errors": [{"field": "...", "message": "..."}]
    if let Some(Value::Array(items)) = map.get("errors") {
        let found: Vec<_> = items
            .iter()
            .filter_map(|item| {
                let field = item.get("field").and_then(value_text)?;
                let message = item
                    .get("message")
                    .or_else(|| item.get("msg"))
                    .and_then(value_text)
                    .unwrap_or_default();
                Some(FieldError { field, message })
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    // FastAPI: "detail": [{"loc": ["body", "x"], "msg": "..."}]
    if let Some(Value::Array(items)) = map.get("detail") {
        return items
            .iter()
            .filter_map(|item| {
                let loc = item.get("loc")?.as_array()?;
                let field = loc
                    .iter()
                    .filter_map(value_text)
                    .collect::<Vec<_>>()
                    .join(".");
                let message = item.get("msg").and_then(value_text).unwrap_or_default();
                Some(FieldError { field, message })
            })
            .collect();
    }
    // NetBox/DRF: {"name": ["This field is required."], "site": ["..."]}
    let looks_like_drf = !map.is_empty()
        && map.values().all(|v| {
            v.as_array()
                .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string))
        });
    if looks_like_drf {
        return map
            .iter()
            .map(|(field, v)| FieldError {
                field: field.clone(),
                message: v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default(),
            })
            .collect();
    }
    Vec::new()
}

impl fmt::Display for ProblemDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.title, &self.detail) {
            (Some(t), Some(d)) => write!(f, "{t}: {d}")?,
            (Some(t), None) => f.write_str(t)?,
            (None, Some(d)) => f.write_str(d)?,
            (None, None) => f.write_str("problem")?,
        }
        for fe in &self.field_errors {
            write!(f, "; {}: {}", fe.field, fe.message)?;
        }
        Ok(())
    }
}
