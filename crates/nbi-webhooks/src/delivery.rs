//! One accepted delivery, as handlers see it and as `out` records it.

use jiff::Timestamp;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::event::Event;
use crate::verify::hex;

/// Longest payload `id` used as a delivery id; a longer one falls back to the body's hash.
const MAX_PAYLOAD_ID_LEN: usize = 256;

/// A verified, first-seen delivery.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// The delivery id deduplication uses: `webhook-id` (standard), else the payload's `id`,
    /// else the body's SHA-256 in hex (MANO).
    pub id: String,
    /// The payload's `type` (or `event`); `unknown` when it names none.
    pub event_type: String,
    /// When the receiver accepted it.
    pub received_at: Timestamp,
    /// The body, parsed.
    pub payload: Value,
}

/// The JSON line `out` gets for each accepted event: `{id, type, received_at, payload}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventLine<'d> {
    /// [`Delivery::id`].
    pub id: &'d str,
    /// [`Delivery::event_type`].
    #[serde(rename = "type")]
    pub event_type: &'d str,
    /// RFC 3339, UTC.
    pub received_at: String,
    /// The payload as received.
    pub payload: &'d Value,
}

impl Delivery {
    /// A delivery of `payload`, its id taken from the sender's delivery id when there is one.
    pub fn new(
        delivery_id: Option<String>,
        body: &[u8],
        payload: Value,
        received_at: Timestamp,
    ) -> Delivery {
        let id = delivery_id
            .or_else(|| payload_id(&payload))
            .unwrap_or_else(|| hex::encode(&Sha256::digest(body)));
        let event_type = Event::type_of(&payload).unwrap_or("unknown").to_string();
        Delivery {
            id,
            event_type,
            received_at,
            payload,
        }
    }

    /// The typed event.
    pub fn event(&self) -> Event {
        Event::from_payload(&self.payload)
    }

    /// The line `out` records.
    pub fn line(&self) -> EventLine<'_> {
        EventLine {
            id: &self.id,
            event_type: &self.event_type,
            received_at: rfc3339(self.received_at),
            payload: &self.payload,
        }
    }
}

/// RFC 3339 in UTC, to the millisecond at most (`2025-06-15T15:06:40.123Z`).
pub(crate) fn rfc3339(at: Timestamp) -> String {
    Timestamp::from_millisecond(at.as_millisecond())
        .unwrap_or(at)
        .to_string()
}

/// The payload's `id` (a string or a number), when short enough to be a key.
fn payload_id(payload: &Value) -> Option<String> {
    let id = match payload.get("id")? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    (!id.is_empty() && id.len() <= MAX_PAYLOAD_ID_LEN).then_some(id)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn id_comes_from_the_header_then_the_payload_then_the_hash() {
        let at = Timestamp::from_second(1_750_000_000).unwrap();
        let body = br#"{"id":"evt-1","event":"slice.created"}"#;
        let payload: Value = serde_json::from_slice(body).unwrap();
        let standard = Delivery::new(Some("msg_1".into()), body, payload.clone(), at);
        assert_eq!(standard.id, "msg_1");
        assert_eq!(Delivery::new(None, body, payload, at).id, "evt-1");
        let anonymous = Delivery::new(None, b"{}", json!({}), at);
        assert_eq!(
            anonymous.id,
            "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
        );
        assert_eq!(anonymous.event_type, "unknown");
        let line = serde_json::to_value(standard.line()).unwrap();
        assert_eq!(
            line,
            json!({"id": "msg_1", "type": "slice.created", "received_at": "2025-06-15T15:06:40Z",
                   "payload": {"id": "evt-1", "event": "slice.created"}})
        );
    }
}
