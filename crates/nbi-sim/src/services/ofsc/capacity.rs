//! `/rest/ofscCapacity`: capacity computed from the tenant's technicians and booked
//! activities, quota (v1 and v2) with PATCHed overrides, booking options, closing schedule,
//! booking statuses and the booking grid.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::data::TenantData;
use super::seed::AREAS;
use super::{Ofsc, bad_request, json_body};

type Q = Query<HashMap<String, String>>;

/// Working minutes a technician has per day.
const DAY_MINUTES: i64 = 8 * 60;

pub(super) fn routes() -> Router<Ofsc> {
    const C: &str = "/rest/ofscCapacity/v1";
    Router::new()
        .route(&format!("{C}/capacity"), get(capacity))
        .route(&format!("{C}/quota"), get(quota_v1).patch(patch_quota_v1))
        .route(
            "/rest/ofscCapacity/v2/quota",
            get(quota_v2).patch(patch_quota_v2),
        )
        .route(&format!("{C}/activityBookingOptions"), get(booking_options))
        .route(
            &format!("{C}/bookingClosingSchedule"),
            get(closing_schedule).patch(patch_closing_schedule),
        )
        .route(
            &format!("{C}/bookingStatuses"),
            get(booking_statuses).patch(patch_booking_statuses),
        )
        .route(&format!("{C}/showBookingGrid"), post(booking_grid))
        .route(
            &format!("{C}/bookingFieldsDependencies"),
            get(fields_dependencies),
        )
}

fn list(q: &HashMap<String, String>, key: &str) -> Vec<String> {
    q.get(key)
        .map(|v| {
            v.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// The dates asked for (required, each `YYYY-MM-DD`).
fn dates(q: &HashMap<String, String>) -> Result<Vec<String>, Response> {
    let dates = list(q, "dates");
    let valid = |d: &String| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-';
    if dates.is_empty() || !dates.iter().all(valid) {
        return Err(bad_request(
            "The 'dates' parameter is required: dates as YYYY-MM-DD",
        ));
    }
    Ok(dates)
}

/// The areas asked for, known ones only (all when none are named).
fn areas(q: &HashMap<String, String>) -> Vec<String> {
    let asked = list(q, "areas");
    AREAS
        .iter()
        .filter(|a| asked.is_empty() || asked.iter().any(|x| x == *a))
        .map(|a| (*a).to_owned())
        .collect()
}

/// (technicians, booked activities, booked minutes) of `area` on `date`.
fn load(data: &TenantData, date: &str, area: &str) -> (i64, i64, i64) {
    let techs: Vec<&str> = data
        .resources
        .values()
        .filter(|r| r["parentResourceId"] == area)
        .filter_map(|r| r["resourceId"].as_str())
        .collect();
    let booked: Vec<&Value> = data
        .activities
        .values()
        .filter(|a| a["date"] == date && techs.iter().any(|t| a["resourceId"] == *t))
        .filter(|a| a["status"] != "cancelled")
        .collect();
    let minutes = booked
        .iter()
        .map(|a| a["duration"].as_i64().unwrap_or(0))
        .sum();
    (techs.len() as i64, booked.len() as i64, minutes)
}

fn quota_of(data: &TenantData, date: &str, area: &str, max: i64) -> i64 {
    data.quota
        .get(&(date.to_owned(), area.to_owned()))
        .copied()
        .unwrap_or(max * 9 / 10)
}

async fn capacity(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let items: Vec<Value> = dates(&q)?
            .iter()
            .map(|date| {
                let areas: Vec<Value> = areas(&q).iter().map(|area| {
                    let (techs, count, minutes) = load(data, date, area);
                    json!({"label": area, "name": format!("{area} area"),
                           "calendar": [{"count": techs, "minutes": techs * DAY_MINUTES}],
                           "available": [{"count": (techs * 8 - count).max(0), "minutes": (techs * DAY_MINUTES - minutes).max(0)}],
                           "categories": [{"label": "INSTALL", "calendar": {"minutes": techs * DAY_MINUTES / 2}}]})
                }).collect();
                json!({"date": date, "areas": areas})
            })
            .collect();
        Ok(Json(json!({ "items": items })))
    })
}

async fn quota_v1(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let items: Vec<Value> = dates(&q)?.iter().map(|date| {
            let areas: Vec<Value> = areas(&q).iter().map(|area| {
                let (techs, count, minutes) = load(data, date, area);
                let max = techs * DAY_MINUTES;
                json!({"label": area, "maxAvailable": max, "quota": quota_of(data, date, area, max),
                       "used": minutes, "bookedActivities": count, "quotaIsClosed": data.booking_closed.get(&(date.clone(), area.clone())).copied().unwrap_or(false)})
            }).collect();
            json!({"date": date, "areas": areas})
        }).collect();
        Ok(Json(json!({ "items": items })))
    })
}

async fn quota_v2(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let items: Vec<Value> = dates(&q)?.iter().map(|date| {
            let areas: Vec<Value> = areas(&q).iter().map(|area| {
                let (techs, count, minutes) = load(data, date, area);
                let max = techs * DAY_MINUTES;
                let quota = quota_of(data, date, area, max);
                let closed = data.booking_closed.get(&(date.clone(), area.clone())).copied().unwrap_or(false);
                json!({"label": area, "maxAvailable": max, "quota": quota,
                       "quotaPercent": if max == 0 { 0.0 } else { quota as f64 * 100.0 / max as f64 },
                       "minQuota": 0, "used": minutes, "bookedActivities": count,
                       "quotaIsClosed": closed, "quotaIsAutoClosed": false, "closeTime": format!("{date} 18:00:00")})
            }).collect();
            json!({"date": date, "areas": areas})
        }).collect();
        Ok(Json(json!({ "items": items })))
    })
}

/// Applies `{items: [{date, areas: [{label, quota}]}]}`; answers how many were changed.
fn apply_quota(data: &mut TenantData, body: &Value) -> Result<Vec<String>, Response> {
    let items = body["items"]
        .as_array()
        .ok_or_else(|| bad_request("The 'items' field is required"))?;
    let mut errors = Vec::new();
    for item in items {
        let Some(date) = item["date"].as_str() else {
            errors.push("an item has no date".to_owned());
            continue;
        };
        for area in item["areas"].as_array().into_iter().flatten() {
            match (area["label"].as_str(), area["quota"].as_i64()) {
                (Some(label), Some(quota)) if AREAS.contains(&label) => {
                    data.quota
                        .insert((date.to_owned(), label.to_owned()), quota);
                }
                (Some(label), _) => {
                    errors.push(format!("{date} {label}: unknown area or no quota"))
                }
                _ => errors.push(format!("{date}: an area has no label")),
            }
        }
    }
    Ok(errors)
}

async fn patch_quota_v1(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let errors = apply_quota(data, &json_body(&body)?)?;
        Ok(Json(json!({ "results": { "errors": errors } })))
    })
}

async fn patch_quota_v2(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let errors = apply_quota(data, &json_body(&body)?)?;
        Ok(Json(
            json!({ "errorsCount": errors.len(), "errors": errors }),
        ))
    })
}

async fn booking_options(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let dates = dates(&q)?;
        let Some(kind) = q.get("activityType") else {
            return Err(bad_request("The 'activityType' parameter is required"));
        };
        let duration = data.metadata.get("activityTypes").and_then(|t| t.get(kind)).and_then(|t| t["defaultDuration"].as_i64());
        let Some(duration) = duration else {
            return Err(bad_request(&format!("Unknown activity type '{kind}'")));
        };
        let days: Vec<Value> = dates.iter().map(|date| {
            let areas: Vec<Value> = areas(&q).iter().map(|area| {
                let (techs, _, minutes) = load(data, date, area);
                let remaining = (quota_of(data, date, area, techs * DAY_MINUTES) - minutes).max(0);
                json!({"label": area, "name": format!("{area} area"), "remainingQuota": remaining,
                       "timeSlots": [{"label": "08-12", "reason": if remaining >= duration { Value::Null } else { json!("quotaIsExceeded") }},
                                     {"label": "13-17", "reason": if remaining >= duration { Value::Null } else { json!("quotaIsExceeded") }}]})
            }).collect();
            json!({"date": date, "areas": areas})
        }).collect();
        Ok(Json(json!({"duration": duration, "travelTime": 20, "categories": ["INSTALL"],
                       "timeSlotsDictionary": [{"label": "08-12", "timeFrom": "08:00", "timeTo": "12:00"},
                                               {"label": "13-17", "timeFrom": "13:00", "timeTo": "17:00"}],
                       "dates": days})))
    })
}

async fn closing_schedule(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let asked = list(&q, "areas");
        if asked.is_empty() {
            return Err(bad_request("The 'areas' parameter is required"));
        }
        let items: Vec<Value> = data
            .closing_schedule
            .iter()
            .filter(|s| {
                s["area"]
                    .as_str()
                    .is_some_and(|a| asked.iter().any(|x| x == a))
            })
            .cloned()
            .collect();
        Ok(Json(json!({ "items": items })))
    })
}

async fn patch_closing_schedule(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let body = json_body(&body)?;
        let items = body["items"]
            .as_array()
            .ok_or_else(|| bad_request("The 'items' field is required"))?;
        for item in items {
            data.closing_schedule
                .retain(|s| s["area"] != item["area"] || s["dayOffset"] != item["dayOffset"]);
            data.closing_schedule.push(item.clone());
        }
        Ok(Json(json!({ "results": { "updated": items.len() } })))
    })
}

async fn booking_statuses(State(o): State<Ofsc>, h: HeaderMap, Query(q): Q) -> Response {
    o.with(&h, |data| {
        let date = dates(&q)?.remove(0);
        let items: Vec<Value> = areas(&q).iter().map(|area| {
            let closed = data.booking_closed.get(&(date.clone(), area.clone())).copied().unwrap_or(false);
            json!({"date": date, "area": area, "statuses": [{"type": "area", "status": if closed { "closed" } else { "open" }}]})
        }).collect();
        Ok(Json(json!({ "items": items })))
    })
}

async fn patch_booking_statuses(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let body = json_body(&body)?;
        let items = body["items"]
            .as_array()
            .ok_or_else(|| bad_request("The 'items' field is required"))?;
        for item in items {
            if let (Some(date), Some(area)) = (item["date"].as_str(), item["area"].as_str()) {
                let closed = item["status"] == "closed";
                data.booking_closed
                    .insert((date.to_owned(), area.to_owned()), closed);
            }
        }
        Ok(Json(json!({ "results": { "updated": items.len() } })))
    })
}

async fn booking_grid(State(o): State<Ofsc>, h: HeaderMap, body: Bytes) -> Response {
    o.with(&h, |data| {
        let body = json_body(&body)?;
        let dates: Vec<String> = body["dateFrom"].as_str().into_iter().chain(body["dateTo"].as_str()).map(str::to_owned).collect();
        if dates.is_empty() {
            return Err(bad_request("The 'dateFrom' field is required"));
        }
        let areas: Vec<Value> = AREAS.iter().map(|area| {
            let days: Vec<Value> = dates.iter().map(|d| {
                let (techs, _, minutes) = load(data, d, area);
                json!({"date": d, "remainingQuota": (quota_of(data, d, area, techs * DAY_MINUTES) - minutes).max(0)})
            }).collect();
            json!({"label": area, "dates": days})
        }).collect();
        Ok(Json(json!({"duration": 60, "travelTime": 20, "workZone": "ZONE-01",
                       "timeSlotsDictionary": [{"label": "08-12"}, {"label": "13-17"}],
                       "resourcesDictionary": [], "areas": areas})))
    })
}

async fn fields_dependencies(State(o): State<Ofsc>, h: HeaderMap) -> Response {
    o.with(&h, |_| Ok(Json(json!({"items": [{"field": "activityType", "dependsOn": []}, {"field": "postalCode", "dependsOn": ["workZone"]}]}))))
}
