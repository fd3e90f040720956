//! `/rest/ofscCore/v1`: activities and their custom actions, resources and their items,
//! users, event subscriptions and events.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Map, Value, json};

use super::data::{Shape, TenantData, page};
use super::{Ofsc, bad_request, error, json_body, not_found};

type Q = Query<HashMap<String, String>>;

pub(super) fn routes() -> Router<Ofsc> {
    const A: &str = "/rest/ofscCore/v1/activities";
    const R: &str = "/rest/ofscCore/v1/resources";
    const U: &str = "/rest/ofscCore/v1/users";
    const E: &str = "/rest/ofscCore/v1/events";
    Router::new()
        .route(A, get(search_activities).post(create_activity))
        .route(&format!("{A}/custom-actions/search"), get(find_activities))
        .route(
            &format!("{A}/{{id}}"),
            get(get_activity)
                .patch(update_activity)
                .delete(delete_activity),
        )
        .route(&format!("{A}/{{id}}/{{sub}}"), get(activity_sub))
        .route(
            &format!("{A}/{{id}}/custom-actions/{{action}}"),
            post(activity_action),
        )
        .route(R, get(list_resources))
        .route(
            &format!("{R}/{{id}}"),
            get(get_resource).put(put_resource).patch(update_resource),
        )
        .route(
            &format!("{R}/{{id}}/{{sub}}"),
            get(resource_sub).post(add_resource_item),
        )
        .route(
            &format!("{R}/{{id}}/{{sub}}/{{item}}"),
            get(get_resource_item)
                .patch(update_resource_item)
                .delete(delete_resource_item),
        )
        .route(U, get(list_users))
        .route(
            &format!("{U}/{{login}}"),
            get(get_user)
                .put(put_user)
                .patch(update_user)
                .delete(delete_user),
        )
        .route(
            &format!("{E}/subscriptions"),
            get(list_subscriptions).post(subscribe),
        )
        .route(
            &format!("{E}/subscriptions/{{id}}"),
            get(get_subscription).delete(unsubscribe),
        )
        .route(E, get(events))
}

fn list(query: &HashMap<String, String>, key: &str) -> Vec<String> {
    query
        .get(key)
        .map(|v| {
            v.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn merge(target: &mut Value, changes: Value) {
    if let (Some(t), Value::Object(c)) = (target.as_object_mut(), changes) {
        t.extend(c);
    }
}

fn only_fields(mut item: Value, fields: &[String]) -> Value {
    if fields.is_empty() {
        return item;
    }
    if let Some(map) = item.as_object_mut() {
        map.retain(|k, _| fields.iter().any(|f| f == k));
    }
    item
}

fn activity_id(id: &str) -> Result<i64, Response> {
    id.parse().map_err(|_| not_found(&format!("activity {id}")))
}

fn activity<'a>(data: &'a mut TenantData, id: &str) -> Result<&'a mut Value, Response> {
    let key = activity_id(id)?;
    data.activities
        .get_mut(&key)
        .ok_or_else(|| not_found(&format!("activity {id}")))
}

/// The resources `ids` stand for: themselves, and their children when `include_children`.
fn route_owners(data: &TenantData, ids: &[String], include_children: bool) -> Vec<String> {
    let mut owners = ids.to_vec();
    if include_children {
        for r in data.resources.values() {
            if let (Some(id), Some(parent)) =
                (r["resourceId"].as_str(), r["parentResourceId"].as_str())
                && ids.iter().any(|i| i == parent)
            {
                owners.push(id.to_owned());
            }
        }
    }
    owners
}

async fn search_activities(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let resources = list(&q, "resources");
        if resources.is_empty() {
            return Err(bad_request("The 'resources' parameter is required"));
        }
        let (from, to) = (q.get("dateFrom"), q.get("dateTo"));
        let scheduled_only = q.get("includeNonScheduled").map(String::as_str) != Some("true");
        if scheduled_only && (from.is_none() || to.is_none()) {
            return Err(bad_request(
                "The 'dateFrom' and 'dateTo' parameters are required",
            ));
        }
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(bad_request("'dateFrom' must not be after 'dateTo'"));
        }
        let children = q.get("includeChildren").is_some_and(|v| v != "none");
        let owners = route_owners(data, &resources, children);
        let status = q
            .get("q")
            .and_then(|q| q.strip_prefix("status=="))
            .map(|s| s.trim_matches('\''));
        let fields = list(&q, "fields");
        let items: Vec<Value> = data
            .activities
            .values()
            .filter(|a| owners.iter().any(|o| a["resourceId"] == o.as_str()))
            .filter(|a| match (a["date"].as_str(), from, to) {
                (Some(d), Some(f), Some(t)) => d >= f.as_str() && d <= t.as_str(),
                (None, _, _) => !scheduled_only,
                _ => true,
            })
            .filter(|a| status.is_none_or(|s| a["status"] == s))
            .map(|a| only_fields(a.clone(), &fields))
            .collect();
        page(items, &q, 100_000, Shape::HasMore).map(Json)
    })
}

async fn find_activities(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let (Some(field), Some(value)) = (q.get("searchInField"), q.get("searchForValue")) else {
            return Err(bad_request(
                "'searchInField' and 'searchForValue' are required",
            ));
        };
        let items: Vec<Value> = data
            .activities
            .values()
            .filter(|a| {
                a[field.as_str()].as_str() == Some(value.as_str())
                    || a[field.as_str()]
                        .as_i64()
                        .is_some_and(|n| n.to_string() == *value)
            })
            .take(10)
            .cloned()
            .collect();
        Ok(Json(json!({ "items": items })))
    })
}

async fn create_activity(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let mut activity = json_body(&body)?;
        if activity
            .get("activityType")
            .and_then(Value::as_str)
            .is_none()
        {
            return Err(bad_request("The 'activityType' field is required"));
        }
        let id = data.new_id();
        merge(
            &mut activity,
            json!({"activityId": id, "status": "pending"}),
        );
        data.activities.insert(id, activity.clone());
        data.event("activityCreated", &activity);
        Ok((StatusCode::CREATED, Json(activity)))
    })
}

async fn get_activity(State(o): State<Ofsc>, h: HeaderMap, Path(id): Path<String>) -> Response {
    o.with(&h, |data| Ok(Json(activity(data, &id)?.clone())))
}

async fn update_activity(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let mut changes = json_body(&body)?;
        if let Some(map) = changes.as_object_mut() {
            map.remove("activityId");
        }
        let a = activity(data, &id)?;
        merge(a, changes);
        let a = a.clone();
        data.event("activityUpdated", &a);
        Ok(Json(a))
    })
}

async fn delete_activity(State(o): State<Ofsc>, h: HeaderMap, Path(id): Path<String>) -> Response {
    o.with(&h, |data| {
        let removed = data
            .activities
            .remove(&activity_id(&id)?)
            .ok_or_else(|| not_found(&format!("activity {id}")))?;
        data.event("activityDeleted", &removed);
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn activity_sub(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, sub)): Path<(String, String)>,
) -> Response {
    o.with(&h, |data| {
        let a = activity(data, &id)?.clone();
        Ok(Json(match sub.as_str() {
            "multidaySegments"
            | "linkedActivities"
            | "resourcePreferences"
            | "requiredInventories" => {
                json!({ "items": [] })
            }
            "capacityCategories" => json!({ "items": [{"label": a["activityType"]}] }),
            label => match a.get(label) {
                Some(v) => v.clone(),
                None => return Err(not_found(&format!("property {label}"))),
            },
        }))
    })
}

/// Which statuses an action may start from, and the status it leaves.
fn transition(action: &str) -> Option<(&'static [&'static str], Option<&'static str>)> {
    const PENDING: &[&str] = &["pending"];
    const STARTED: &[&str] = &["started"];
    Some(match action {
        "start" => (PENDING, Some("started")),
        "complete" => (STARTED, Some("completed")),
        "notDone" => (STARTED, Some("notdone")),
        "suspend" => (STARTED, Some("suspended")),
        "cancel" => (PENDING, Some("cancelled")),
        "reopen" => (&["completed", "notdone", "cancelled"], Some("pending")),
        "startPrework" | "enroute" | "stopTravel" | "delay" | "move" => (PENDING, None),
        _ => return None,
    })
}

async fn activity_action(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let Some((from, to)) = transition(&action) else {
            return Err(not_found(&format!("custom action {action}")));
        };
        let body = if body.is_empty() {
            json!({})
        } else {
            json_body(&body)?
        };
        let a = activity(data, &id)?;
        let status = a["status"].as_str().unwrap_or_default().to_owned();
        if !from.contains(&status.as_str()) {
            return Err(error(
                StatusCode::CONFLICT,
                "OFS-000409",
                &format!(
                    "The activity is {status}; '{action}' needs one of: {}",
                    from.join(", ")
                ),
            ));
        }
        if let Some(to) = to {
            a["status"] = json!(to);
        }
        if action == "move" {
            if let Some(r) = body.pointer("/setResource/resourceId") {
                a["resourceId"] = r.clone();
            }
            if let Some(d) = body.pointer("/setDate/date") {
                a["date"] = d.clone();
            }
        }
        let a = a.clone();
        data.event(&format!("activity{}", capitalized(&action)), &a);
        Ok(Json(a))
    })
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

async fn list_resources(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let fields = list(&q, "fields");
        let items = data
            .resources
            .values()
            .map(|r| only_fields(r.clone(), &fields))
            .collect();
        page(items, &q, 100, Shape::Total).map(Json)
    })
}

fn resource<'a>(data: &'a mut TenantData, id: &str) -> Result<&'a mut Value, Response> {
    data.resources
        .get_mut(id)
        .ok_or_else(|| not_found(&format!("resource {id}")))
}

async fn get_resource(State(o): State<Ofsc>, h: HeaderMap, Path(id): Path<String>) -> Response {
    o.with(&h, |data| Ok(Json(resource(data, &id)?.clone())))
}

async fn put_resource(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let mut r = json_body(&body)?;
        merge(&mut r, json!({ "resourceId": id }));
        let created = data.resources.insert(id.clone(), r.clone()).is_none();
        for kind in ["workSkills", "workZones", "workSchedules", "locations"] {
            data.resource_items.entry((id.clone(), kind)).or_default();
        }
        let status = if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        };
        Ok((status, Json(r)))
    })
}

async fn update_resource(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let changes = json_body(&body)?;
        let r = resource(data, &id)?;
        merge(r, changes);
        Ok(Json(r.clone()))
    })
}

fn item_key(sub: &str) -> Option<(&'static str, &'static str)> {
    Some(match sub {
        "workSkills" => ("workSkills", "workSkill"),
        "workZones" => ("workZones", "workZoneItemId"),
        "workSchedules" => ("workSchedules", "scheduleItemId"),
        "locations" => ("locations", "locationId"),
        _ => return None,
    })
}

async fn resource_sub(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, sub)): Path<(String, String)>,
    Query(q): Q,
) -> Response {
    o.with(&h, |data| {
        resource(data, &id)?;
        let children = |all: bool| -> Vec<Value> {
            let mut found = vec![id.clone()];
            let mut out = Vec::new();
            while let Some(parent) = found.pop() {
                for r in data.resources.values() {
                    if r["parentResourceId"] == parent.as_str() {
                        out.push(r.clone());
                        if all && let Some(child) = r["resourceId"].as_str() {
                            found.push(child.to_owned());
                        }
                    }
                }
            }
            out
        };
        if sub == "children" || sub == "descendants" {
            return page(children(sub == "descendants"), &q, 100, Shape::Total).map(Json);
        }
        if sub == "users" {
            let items: Vec<Value> = data
                .users
                .values()
                .filter(|u| u["mainResourceId"] == id.as_str())
                .map(|u| json!({ "login": u["login"] }))
                .collect();
            return Ok(Json(json!({ "items": items, "totalResults": items.len() })));
        }
        let Some((kind, _)) = item_key(&sub) else {
            return Err(not_found(&format!("resource property {sub}")));
        };
        let items = data
            .resource_items
            .get(&(id.clone(), kind))
            .cloned()
            .unwrap_or_default();
        Ok(Json(json!({ "items": items, "totalResults": items.len() })))
    })
}

async fn add_resource_item(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, sub)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        resource(data, &id)?;
        let Some((kind, key)) = item_key(&sub) else {
            return Err(not_found(&format!("resource property {sub}")));
        };
        let body = json_body(&body)?;
        let new_id = data.new_id();
        let items = data.resource_items.entry((id.clone(), kind)).or_default();
        match (kind, body) {
            ("workSkills", Value::Array(skills)) => {
                for skill in skills {
                    items.retain(|s| s["workSkill"] != skill["workSkill"]);
                    items.push(skill);
                }
                Ok((StatusCode::OK, Json(json!({ "items": items.clone() }))))
            }
            ("workSkills", _) => Err(bad_request("A list of work skills is expected")),
            (_, mut item @ Value::Object(_)) => {
                merge(&mut item, json!({ key: new_id }));
                items.push(item.clone());
                if kind == "workSchedules" {
                    return Ok((StatusCode::OK, Json(json!({ "items": items.clone() }))));
                }
                Ok((StatusCode::CREATED, Json(item)))
            }
            _ => Err(bad_request("An object is expected")),
        }
    })
}

fn find_item<'a>(
    data: &'a mut TenantData,
    id: &str,
    sub: &str,
    item: &str,
) -> Result<(&'a mut Vec<Value>, usize), Response> {
    let (kind, key) =
        item_key(sub).ok_or_else(|| not_found(&format!("resource property {sub}")))?;
    let items = data
        .resource_items
        .get_mut(&(id.to_owned(), kind))
        .ok_or_else(|| not_found(&format!("resource {id}")))?;
    let index = items
        .iter()
        .position(|v| {
            v[key].as_str() == Some(item) || v[key].as_i64().is_some_and(|n| n.to_string() == item)
        })
        .ok_or_else(|| not_found(&format!("{sub} item {item}")))?;
    Ok((items, index))
}

async fn get_resource_item(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, sub, item)): Path<(String, String, String)>,
) -> Response {
    o.with(&h, |data| {
        let (items, i) = find_item(data, &id, &sub, &item)?;
        Ok(Json(items[i].clone()))
    })
}

async fn update_resource_item(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, sub, item)): Path<(String, String, String)>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let changes = json_body(&body)?;
        let (items, i) = find_item(data, &id, &sub, &item)?;
        merge(&mut items[i], changes);
        Ok(Json(items[i].clone()))
    })
}

async fn delete_resource_item(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path((id, sub, item)): Path<(String, String, String)>,
) -> Response {
    o.with(&h, |data| {
        let (items, i) = find_item(data, &id, &sub, &item)?;
        items.remove(i);
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn list_users(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        page(
            data.users.values().cloned().collect(),
            &q,
            100,
            Shape::Total,
        )
        .map(Json)
    })
}

async fn get_user(State(o): State<Ofsc>, h: HeaderMap, Path(login): Path<String>) -> Response {
    o.with(&h, |data| {
        data.users
            .get(&login)
            .cloned()
            .map(Json)
            .ok_or_else(|| not_found(&format!("user {login}")))
    })
}

async fn put_user(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path(login): Path<String>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let mut user = json_body(&body)?;
        if let Some(map) = user.as_object_mut() {
            // Passwords are write-only.
            map.remove("password");
            map.insert("login".into(), json!(login));
            map.entry("status").or_insert(json!("active"));
        }
        if data.users.contains_key(&login) {
            return Err(error(
                StatusCode::CONFLICT,
                "OFS-000409",
                &format!("The user {login} already exists"),
            ));
        }
        data.users.insert(login, user.clone());
        Ok((StatusCode::CREATED, Json(user)))
    })
}

async fn update_user(
    State(o): State<Ofsc>,
    h: HeaderMap,
    Path(login): Path<String>,
    body: Bytes,
) -> Response {
    o.with(&h, |data| {
        let mut changes = json_body(&body)?;
        if let Some(map) = changes.as_object_mut() {
            map.remove("password");
            map.remove("login");
        }
        let user = data
            .users
            .get_mut(&login)
            .ok_or_else(|| not_found(&format!("user {login}")))?;
        merge(user, changes);
        Ok(Json(user.clone()))
    })
}

async fn delete_user(State(o): State<Ofsc>, h: HeaderMap, Path(login): Path<String>) -> Response {
    o.with(&h, |data| {
        data.users
            .remove(&login)
            .ok_or_else(|| not_found(&format!("user {login}")))?;
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn list_subscriptions(State(o): State<Ofsc>, h: HeaderMap) -> Response {
    o.with(&h, |data| {
        let items: Vec<Value> = data.subscriptions.values().cloned().collect();
        Ok(Json(json!({ "items": items, "totalResults": items.len() })))
    })
}

async fn subscribe(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let body = json_body(&body)?;
        if body["events"].as_array().is_none_or(|e| e.is_empty()) {
            return Err(bad_request("The 'events' field is required"));
        }
        let id = format!("sub-{}", data.new_id());
        let mut sub = Map::new();
        sub.insert("subscriptionId".into(), json!(id));
        for key in ["events", "subscriptionTitle", "fields"] {
            if let Some(v) = body.get(key) {
                sub.insert(key.into(), v.clone());
            }
        }
        data.subscriptions.insert(id.clone(), Value::Object(sub));
        Ok((
            StatusCode::CREATED,
            Json(json!({ "subscriptionId": id, "nextPage": data.events.len().to_string() })),
        ))
    })
}

async fn get_subscription(State(o): State<Ofsc>, h: HeaderMap, Path(id): Path<String>) -> Response {
    o.with(&h, |data| {
        data.subscriptions
            .get(&id)
            .cloned()
            .map(Json)
            .ok_or_else(|| not_found(&format!("subscription {id}")))
    })
}

async fn unsubscribe(State(o): State<Ofsc>, h: HeaderMap, Path(id): Path<String>) -> Response {
    o.with(&h, |data| {
        data.subscriptions
            .remove(&id)
            .ok_or_else(|| not_found(&format!("subscription {id}")))?;
        Ok(StatusCode::NO_CONTENT)
    })
}

async fn events(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let id = q
            .get("subscriptionId")
            .ok_or_else(|| bad_request("The 'subscriptionId' parameter is required"))?;
        let sub = data
            .subscriptions
            .get(id)
            .ok_or_else(|| not_found(&format!("subscription {id}")))?;
        let wanted: Vec<&str> = sub["events"]
            .as_array()
            .map(|e| e.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let start: usize = match q.get("page") {
            Some(p) => p
                .parse()
                .map_err(|_| bad_request("Invalid value of the 'page' parameter"))?,
            None => data.events.len(),
        };
        let limit: usize = q
            .get("limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(1000)
            .clamp(1, 1000);
        let end = (start + limit).min(data.events.len()).max(start);
        let items: Vec<Value> = data
            .events
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter(|e| e["eventType"].as_str().is_some_and(|t| wanted.contains(&t)))
            .cloned()
            .collect();
        Ok(
            Json(
                json!({ "found": !items.is_empty(), "nextPage": end.to_string(), "items": items }),
            )
            .into_response(),
        )
    })
}
