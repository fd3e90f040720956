//! The CMS REST NBI (`/restnbi/...`), with HTTP basic auth: devices, regions, top links and
//! profiles, answered as `{"data": [...]}`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::CmsState;
use super::store::{self, NODES};
use crate::config::Service;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeviceQuery {
    device_type: Option<String>,
    limit: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ProfileQuery {
    profile_type: Option<String>,
}

/// The error body the REST NBI answers with.
fn rest_error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "errorCode": code, "errorMessage": message })),
    )
        .into_response()
}

fn tenant(state: &CmsState, headers: &HeaderMap) -> Result<usize, Box<Response>> {
    state
        .shared
        .authenticate(Service::Cms, headers)
        .map_err(|p| Box::new(p.into_response()))
}

pub(crate) async fn devices(
    State(state): State<CmsState>,
    headers: HeaderMap,
    Query(query): Query<DeviceQuery>,
) -> Response {
    let t = match tenant(&state, &headers) {
        Ok(t) => t,
        Err(r) => return *r,
    };
    if let Some(kind) = &query.device_type
        && !kind.eq_ignore_ascii_case("e7")
    {
        return Json(json!({ "data": [] })).into_response();
    }
    let limit = query.limit.unwrap_or(usize::MAX);
    let data: Vec<Value> = NODES
        .iter()
        .enumerate()
        .take(limit)
        .map(|(n, name)| {
            json!({
                "deviceName": name.trim_start_matches("NTWK-"),
                "deviceType": "E7",
                "ipAddress": format!("10.{}.0.{}", t + 1, n + 1),
                "region": format!("region-{}", n % 2 + 1),
                "softwareVersion": "R3.1.5",
                "status": "connected",
            })
        })
        .collect();
    Json(json!({ "data": data })).into_response()
}

pub(crate) async fn regions(State(state): State<CmsState>, headers: HeaderMap) -> Response {
    if let Err(r) = tenant(&state, &headers) {
        return *r;
    }
    Json(json!({ "data": [
        {"name": "region-1", "description": "North"},
        {"name": "region-2", "description": "South"},
    ]}))
    .into_response()
}

pub(crate) async fn toplinks(State(state): State<CmsState>, headers: HeaderMap) -> Response {
    if let Err(r) = tenant(&state, &headers) {
        return *r;
    }
    Json(json!({ "data": [{
        "name": "olt-1:olt-2",
        "fromDevice": "olt-1", "fromPort": "1/g1",
        "toDevice": "olt-2", "toPort": "1/g1",
        "status": "up",
    }]}))
    .into_response()
}

pub(crate) async fn profiles(
    State(state): State<CmsState>,
    headers: HeaderMap,
    Query(query): Query<ProfileQuery>,
) -> Response {
    if let Err(r) = tenant(&state, &headers) {
        return *r;
    }
    let kind = query.profile_type.unwrap_or_default();
    let table: &[(u32, &str)] = match kind.as_str() {
        "OntProf" => &store::ONT_PROFILES,
        "OntPwe3Prof" => &store::PWE3_PROFILES,
        "BwProf" => &store::BW_PROFILES,
        "SvcTagAction" => &store::TAG_ACTIONS,
        _ => {
            return rest_error(
                StatusCode::BAD_REQUEST,
                "INVALID_PARAMETER",
                "profileType must be OntProf, OntPwe3Prof, BwProf or SvcTagAction",
            );
        }
    };
    let data: Vec<Value> = table
        .iter()
        .map(|(id, name)| json!({"id": id, "name": name, "profileType": kind}))
        .collect();
    Json(json!({ "data": data })).into_response()
}
