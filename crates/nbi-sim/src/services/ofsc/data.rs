//! One tenant's OFSC data, and the paging both list shapes share.

use std::collections::{BTreeMap, HashMap};

use axum::response::Response;
use serde_json::{Value, json};

use super::bad_request;

/// Everything one tenant's instance holds.
#[derive(Debug, Default)]
pub(crate) struct TenantData {
    /// Activities by id.
    pub(crate) activities: BTreeMap<i64, Value>,
    /// The next activity (or other object) id.
    pub(crate) next_id: i64,
    /// Resources by id.
    pub(crate) resources: BTreeMap<String, Value>,
    /// A resource's work skills, work zones, work schedules, locations: (resource, kind).
    pub(crate) resource_items: BTreeMap<(String, &'static str), Vec<Value>>,
    /// Users by login.
    pub(crate) users: BTreeMap<String, Value>,
    /// Event subscriptions by id.
    pub(crate) subscriptions: BTreeMap<String, Value>,
    /// Every event so far; a page cursor is an index into it.
    pub(crate) events: Vec<Value>,
    /// Metadata collections by name, objects by label.
    pub(crate) metadata: BTreeMap<&'static str, BTreeMap<String, Value>>,
    /// Quota changed by PATCH: (date, area) → minutes.
    pub(crate) quota: BTreeMap<(String, String), i64>,
    /// Booking closed by PATCH: (date, area) → closed.
    pub(crate) booking_closed: BTreeMap<(String, String), bool>,
    /// The booking closing schedule.
    pub(crate) closing_schedule: Vec<Value>,
    /// A per-tenant number mixed into computed capacity.
    pub(crate) salt: u64,
}

impl TenantData {
    /// A new id for a created object.
    pub(crate) fn new_id(&mut self) -> i64 {
        self.next_id += 1;
        self.next_id
    }

    /// Records an event for subscribers.
    pub(crate) fn event(&mut self, event_type: &str, activity: &Value) {
        let n = self.events.len();
        self.events.push(json!({
            "eventType": event_type,
            "time": format!("2025-06-25 10:{:02}:{:02}", (n / 60) % 60, n % 60),
            "user": "nbi",
            "activityDetails": {
                "activityId": activity["activityId"],
                "resourceId": activity["resourceId"],
                "status": activity["status"],
                "date": activity["date"],
            },
        }));
    }
}

/// Which of OFSC's two list shapes a collection answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `{items, totalResults, offset, limit}`
    Total,
    /// `{items, offset, limit, hasMore}`
    HasMore,
}

/// One page of `items` as `query`'s `offset`/`limit` ask (limit 1..=`max`, default `max`).
pub(crate) fn page(
    items: Vec<Value>,
    query: &HashMap<String, String>,
    max: usize,
    shape: Shape,
) -> Result<Value, Response> {
    let number = |key: &str| -> Result<Option<usize>, Response> {
        query
            .get(key)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| bad_request(&format!("Invalid value of the '{key}' parameter")))
            })
            .transpose()
    };
    let offset = number("offset")?.unwrap_or(0);
    let limit = number("limit")?.unwrap_or(max);
    if limit == 0 || limit > max {
        return Err(bad_request(&format!(
            "The 'limit' parameter must be between 1 and {max}"
        )));
    }
    let total = items.len();
    let slice: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
    let has_more = offset + slice.len() < total;
    Ok(match shape {
        Shape::Total => json!({
            "items": slice, "totalResults": total, "offset": offset, "limit": limit,
        }),
        Shape::HasMore => json!({
            "items": slice, "offset": offset, "limit": limit, "hasMore": has_more,
        }),
    })
}
