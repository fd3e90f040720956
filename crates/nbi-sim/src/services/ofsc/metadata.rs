//! `/rest/ofscMetadata`: every collection keyed by label, served by the same handlers; each
//! collection's list shape and writable verbs come from [`COLLECTIONS`].

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::{Value, json};

use super::data::{Shape, TenantData, page};
use super::{Ofsc, bad_request, error, json_body, not_found};

type Q = Query<HashMap<String, String>>;

/// How a collection lists (`None` = not paged) and which writes it takes on one label.
struct Collection {
    name: &'static str,
    key: &'static str,
    shape: Option<Shape>,
    writes: &'static [Method],
}

const PUT: &[Method] = &[Method::PUT];
const PUT_DELETE: &[Method] = &[Method::PUT, Method::DELETE];

const COLLECTIONS: &[Collection] = &[
    Collection {
        name: "activityTypeGroups",
        key: "label",
        shape: Some(Shape::Total),
        writes: PUT,
    },
    Collection {
        name: "activityTypes",
        key: "label",
        shape: Some(Shape::HasMore),
        writes: PUT,
    },
    Collection {
        name: "properties",
        key: "label",
        shape: Some(Shape::Total),
        writes: &[Method::PUT, Method::PATCH],
    },
    Collection {
        name: "workSkills",
        key: "label",
        shape: Some(Shape::HasMore),
        writes: PUT_DELETE,
    },
    Collection {
        name: "workSkillGroups",
        key: "label",
        shape: Some(Shape::Total),
        writes: PUT_DELETE,
    },
    Collection {
        name: "workSkillConditions",
        key: "label",
        shape: None,
        writes: &[],
    },
    Collection {
        name: "workZones",
        key: "workZoneLabel",
        shape: Some(Shape::Total),
        writes: PUT,
    },
    Collection {
        name: "capacityAreas",
        key: "label",
        shape: None,
        writes: &[],
    },
    Collection {
        name: "capacityCategories",
        key: "label",
        shape: Some(Shape::Total),
        writes: PUT_DELETE,
    },
    Collection {
        name: "inventoryTypes",
        key: "label",
        shape: Some(Shape::HasMore),
        writes: PUT,
    },
    Collection {
        name: "timeSlots",
        key: "label",
        shape: Some(Shape::HasMore),
        writes: &[],
    },
    Collection {
        name: "resourceTypes",
        key: "label",
        shape: Some(Shape::HasMore),
        writes: &[],
    },
    Collection {
        name: "languages",
        key: "label",
        shape: Some(Shape::Total),
        writes: &[],
    },
    Collection {
        name: "nonWorkingReasons",
        key: "label",
        shape: Some(Shape::Total),
        writes: &[],
    },
    Collection {
        name: "organizations",
        key: "label",
        shape: None,
        writes: &[],
    },
    Collection {
        name: "shifts",
        key: "label",
        shape: Some(Shape::Total),
        writes: PUT_DELETE,
    },
];

pub(super) fn routes() -> Router<Ofsc> {
    const M: &str = "/rest/ofscMetadata/v1";
    Router::new()
        .route(&format!("{M}/workZoneKey"), get(work_zone_key))
        .route(&format!("{M}/{{collection}}"), any(collection))
        .route(&format!("{M}/{{collection}}/{{label}}"), any(one))
        .route(&format!("{M}/{{collection}}/{{label}}/{{sub}}"), any(sub))
        .route(
            "/rest/ofscMetadata/v2/capacityAreas/{label}/workZones",
            get(area_work_zones),
        )
}

fn find(name: &str) -> Result<&'static Collection, Response> {
    COLLECTIONS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| not_found(&format!("resource {name}")))
}

fn not_allowed() -> Response {
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        "OFS-000405",
        "The method is not allowed for this resource",
    )
}

fn items(data: &TenantData, name: &str) -> Vec<Value> {
    data.metadata
        .get(name)
        .map(|m| m.values().cloned().collect())
        .unwrap_or_default()
}

async fn collection(
    State(o): State<Ofsc>,
    h: HeaderMap,
    method: Method,
    Path(name): Path<String>,
    Query(q): Q,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let c = find(&name)?;
        match (method, c.name) {
            (Method::GET, _) => match c.shape {
                Some(shape) => page(items(data, c.name), &q, 100, shape).map(Json),
                None => {
                    let all = items(data, c.name);
                    Ok(Json(json!({ "items": all, "totalResults": all.len() })))
                }
            },
            (Method::POST, "workZones") => {
                let zone = json_body(&body)?;
                let label = zone[c.key]
                    .as_str()
                    .ok_or_else(|| bad_request("The 'workZoneLabel' field is required"))?
                    .to_owned();
                let zones = data.metadata.entry(c.name).or_default();
                if zones.contains_key(&label) {
                    return Err(error(
                        StatusCode::CONFLICT,
                        "OFS-000409",
                        &format!("The work zone {label} already exists"),
                    ));
                }
                zones.insert(label, zone.clone());
                Ok(Json(zone))
            }
            (Method::PUT | Method::PATCH, "workZones" | "workSkillConditions") => {
                let body = json_body(&body)?;
                let list = body["items"]
                    .as_array()
                    .ok_or_else(|| bad_request("The 'items' field is required"))?;
                let all = data.metadata.entry(c.name).or_default();
                if c.name == "workSkillConditions" {
                    all.clear();
                }
                for item in list {
                    let label = item[c.key]
                        .as_str()
                        .ok_or_else(|| bad_request(&format!("Every item needs '{}'", c.key)))?;
                    let entry = all.entry(label.to_owned()).or_insert_with(|| json!({}));
                    if let (Some(e), Some(i)) = (entry.as_object_mut(), item.as_object()) {
                        e.extend(i.clone());
                    }
                }
                let all = items(data, c.name);
                Ok(Json(json!({ "items": all, "totalResults": all.len() })))
            }
            _ => Err(not_allowed()),
        }
    })
}

async fn one(
    State(o): State<Ofsc>,
    h: HeaderMap,
    method: Method,
    Path((name, label)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let c = find(&name)?;
        if method != Method::GET && !c.writes.contains(&method) {
            return Err(not_allowed());
        }
        let all = data.metadata.entry(c.name).or_default();
        let missing = || not_found(&format!("{} {label}", c.name));
        Ok(match method {
            Method::GET => Json(all.get(&label).cloned().ok_or_else(missing)?).into_response(),
            Method::PUT => {
                let mut object = json_body(&body)?;
                if !object.is_object() {
                    return Err(bad_request("An object is expected"));
                }
                object[c.key] = json!(label);
                all.insert(label, object.clone());
                Json(object).into_response()
            }
            Method::PATCH => {
                let changes = json_body(&body)?;
                let object = all.get_mut(&label).ok_or_else(missing)?;
                if let (Some(e), Value::Object(ch)) = (object.as_object_mut(), changes) {
                    e.extend(ch);
                }
                Json(object.clone()).into_response()
            }
            _ => {
                all.remove(&label).ok_or_else(missing)?;
                StatusCode::NO_CONTENT.into_response()
            }
        })
    })
}

async fn sub(
    State(o): State<Ofsc>,
    h: HeaderMap,
    method: Method,
    Path((name, label, sub)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let c = find(&name)?;
        let object = data.metadata.get(c.name).and_then(|m| m.get(&label)).cloned().ok_or_else(|| not_found(&format!("{name} {label}")))?;
        match (c.name, sub.as_str(), method) {
            ("properties", "enumerationList", Method::GET) => Ok(Json(json!({ "items": object.get("enumerationList").cloned().unwrap_or(json!([])) }))),
            ("properties", "enumerationList", Method::PUT) => {
                let body = json_body(&body)?;
                let list = body["items"].clone();
                if let Some(p) = data.metadata.get_mut("properties").and_then(|m| m.get_mut(&label)) {
                    p["enumerationList"] = list.clone();
                }
                Ok(Json(json!({ "items": list })))
            }
            ("capacityAreas", "capacityCategories", Method::GET) => Ok(Json(json!({ "items": items(data, "capacityCategories").iter().map(|c| json!({"label": c["label"]})).collect::<Vec<_>>() }))),
            ("capacityAreas", "timeSlots", Method::GET) => Ok(Json(json!({ "items": items(data, "timeSlots") }))),
            ("capacityAreas", "timeIntervals", Method::GET) => Ok(Json(json!({ "items": [{"timeFrom": "08:00", "timeTo": "12:00"}, {"timeFrom": "13:00", "timeTo": "17:00"}] }))),
            ("capacityAreas", "organizations", Method::GET) => Ok(Json(json!({ "items": items(data, "organizations") }))),
            ("capacityAreas", "children", Method::GET) => Ok(Json(json!({ "items": [] }))),
            _ => Err(not_found(&format!("{name} {label} {sub}"))),
        }
    })
}

async fn area_work_zones(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path(label): Path<String>,
) -> Response {
    o.with(&h, |data| {
        let zones: Vec<Value> = items(data, "workZones")
            .into_iter()
            .filter(|z| z["travelArea"] == label.as_str())
            .map(|z| json!({"workZone": z["workZoneLabel"], "startDate": "2025-01-01"}))
            .collect();
        data.metadata
            .get("capacityAreas")
            .and_then(|m| m.get(&label))
            .ok_or_else(|| not_found(&format!("capacity area {label}")))?;
        Ok(Json(json!({ "items": zones })))
    })
}

async fn work_zone_key(State(o): State<Ofsc>, h: HeaderMap) -> Response {
    o.with(&h, |_| Ok(Json(json!({"current": [{"label": "postalCode", "length": 5, "function": "substring", "order": 1}], "pending": []}))))
}
