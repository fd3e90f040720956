//! Typed events: what the MANO (and any Standard Webhooks sender) reports.
//!
//! The type is read from the payload's `type` (Standard Webhooks) or `event` (the MANO guide).
//! Fields are looked up at the top level first, then under `data`, so both
//! `{"event": "slice.deployed", "slice_id": …}` and
//! `{"type": "slice.deployed", "data": {"slice_id": …}}` are understood. A type nbi does not
//! know stays [`Event::Unknown`] with the whole payload.

use serde_json::Value;

/// A deployment's status change (`deployment.*`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeploymentEvent {
    /// `deployment_id`.
    pub deployment_id: Option<String>,
    /// `status`, as the sender wrote it.
    pub status: Option<String>,
    /// `message`, e.g. why it failed.
    pub message: Option<String>,
}

/// A network slice's status change (`slice.*`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SliceEvent {
    /// `slice_id`.
    pub slice_id: Option<String>,
    /// `status`, as the sender wrote it.
    pub status: Option<String>,
    /// `metrics`, when the sender included them (e.g. on `slice.deployed`).
    pub metrics: Option<Value>,
}

/// One event, by type.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `deployment.started`.
    DeploymentStarted(DeploymentEvent),
    /// `deployment.completed`.
    DeploymentCompleted(DeploymentEvent),
    /// `deployment.failed`.
    DeploymentFailed(DeploymentEvent),
    /// `slice.created`.
    SliceCreated(SliceEvent),
    /// `slice.deployed`.
    SliceDeployed(SliceEvent),
    /// `slice.failed`.
    SliceFailed(SliceEvent),
    /// `slice.deleted`.
    SliceDeleted(SliceEvent),
    /// Any other type (or none): the payload as received.
    Unknown(Value),
}

impl Event {
    /// The event type a payload names (`type`, else `event`), if any.
    pub fn type_of(payload: &Value) -> Option<&str> {
        payload
            .get("type")
            .or_else(|| payload.get("event"))
            .and_then(Value::as_str)
    }

    /// The typed event of a payload.
    ///
    /// ```
    /// use nbi_webhooks::Event;
    /// let payload = serde_json::json!({"event": "deployment.failed", "deployment_id": "dep-43",
    ///                                  "message": "image pull failed"});
    /// let Event::DeploymentFailed(failed) = Event::from_payload(&payload) else { panic!() };
    /// assert_eq!(failed.deployment_id.as_deref(), Some("dep-43"));
    /// ```
    pub fn from_payload(payload: &Value) -> Event {
        let deployment = || DeploymentEvent {
            deployment_id: text(payload, "deployment_id"),
            status: text(payload, "status"),
            message: text(payload, "message"),
        };
        let slice = || SliceEvent {
            slice_id: text(payload, "slice_id"),
            status: text(payload, "status"),
            metrics: field(payload, "metrics").cloned(),
        };
        match Event::type_of(payload) {
            Some("deployment.started") => Event::DeploymentStarted(deployment()),
            Some("deployment.completed") => Event::DeploymentCompleted(deployment()),
            Some("deployment.failed") => Event::DeploymentFailed(deployment()),
            Some("slice.created") => Event::SliceCreated(slice()),
            Some("slice.deployed") => Event::SliceDeployed(slice()),
            Some("slice.failed") => Event::SliceFailed(slice()),
            Some("slice.deleted") => Event::SliceDeleted(slice()),
            _ => Event::Unknown(payload.clone()),
        }
    }

    /// The event's type name; `unknown` for [`Event::Unknown`].
    pub fn name(&self) -> &'static str {
        match self {
            Event::DeploymentStarted(_) => "deployment.started",
            Event::DeploymentCompleted(_) => "deployment.completed",
            Event::DeploymentFailed(_) => "deployment.failed",
            Event::SliceCreated(_) => "slice.created",
            Event::SliceDeployed(_) => "slice.deployed",
            Event::SliceFailed(_) => "slice.failed",
            Event::SliceDeleted(_) => "slice.deleted",
            Event::Unknown(_) => "unknown",
        }
    }
}

/// The field at the top level, else under `data`.
fn field<'v>(payload: &'v Value, name: &str) -> Option<&'v Value> {
    payload
        .get(name)
        .or_else(|| payload.get("data").and_then(|d| d.get(name)))
}

/// A string field; a number is taken as its text (ids are sometimes numeric).
fn text(payload: &Value, name: &str) -> Option<String> {
    match field(payload, name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_every_known_type_in_both_shapes() {
        for name in [
            "deployment.started",
            "deployment.completed",
            "deployment.failed",
            "slice.created",
            "slice.deployed",
            "slice.failed",
            "slice.deleted",
        ] {
            assert_eq!(Event::from_payload(&json!({ "event": name })).name(), name);
            assert_eq!(Event::from_payload(&json!({ "type": name })).name(), name);
        }
        let nested = json!({"type": "slice.deployed",
                            "data": {"slice_id": "s-1", "metrics": {"latency_ms": 4}}});
        let Event::SliceDeployed(slice) = Event::from_payload(&nested) else {
            panic!("not a slice event")
        };
        assert_eq!(slice.slice_id.as_deref(), Some("s-1"));
        assert_eq!(slice.metrics, Some(json!({"latency_ms": 4})));
        let numeric = json!({"event": "deployment.started", "deployment_id": 42});
        let Event::DeploymentStarted(dep) = Event::from_payload(&numeric) else {
            panic!("not a deployment event")
        };
        assert_eq!(dep.deployment_id.as_deref(), Some("42"));
    }

    #[test]
    fn keeps_unknown_and_untyped_payloads_whole() {
        let payload = json!({"type": "vnf.scaled", "data": {"replicas": 3}});
        assert_eq!(
            Event::from_payload(&payload),
            Event::Unknown(payload.clone())
        );
        let untyped = json!([1, 2, 3]);
        assert_eq!(
            Event::from_payload(&untyped),
            Event::Unknown(untyped.clone())
        );
        assert_eq!(Event::type_of(&json!({"type": 7})), None);
    }
}
