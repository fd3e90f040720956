//! `/o2-client/deployment-managers`: O2 DMS managers, NF descriptors and NF deployments. A new
//! deployment is `instantiating` for 10 s, then `instantiated`.

use std::collections::HashMap;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::errors::{self, FieldIssue};
use super::request::{json_object, paging};
use super::rules::{self, Check};
use super::store::{Timed, page, position};
use super::{Api, time};

/// How long an NF deployment instantiates.
const INSTANTIATING_FOR: Duration = Duration::from_secs(10);

fn render(t: &Timed) -> Value {
    let mut v = t.value.clone();
    if v["status"] == "instantiating" && t.created.elapsed() >= INSTANTIATING_FOR {
        v["status"] = json!("instantiated");
    }
    v
}

pub(super) async fn list_managers(
    State(mano): Api,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (limit, offset) = match paging(&query) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    Json(json!({ "deployment_managers": page(&store.managers, limit, offset) })).into_response()
}

pub(super) async fn list_descriptors(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(dm): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (limit, offset) = match paging(&query) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    if position(&store.managers, &dm).is_none() {
        return errors::not_found(&format!("Deployment manager {dm}"), uri.path());
    }
    let all: Vec<Value> = store
        .descriptors
        .iter()
        .filter(|(m, _)| *m == dm)
        .map(|(_, d)| d.clone())
        .collect();
    Json(json!({ "descriptors": page(&all, limit, offset) })).into_response()
}

pub(super) async fn list_deployments(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(dm): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let (limit, offset) = match paging(&query) {
        Ok(p) => p,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    if position(&store.managers, &dm).is_none() {
        return errors::not_found(&format!("Deployment manager {dm}"), uri.path());
    }
    let all: Vec<Value> = store
        .nf_deployments
        .iter()
        .filter(|(m, _)| *m == dm)
        .map(|(_, d)| render(d))
        .collect();
    Json(json!({ "deployments": page(&all, limit, offset) })).into_response()
}

pub(super) async fn create_deployment(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(dm): Path<String>,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let body = match json_object(&body, uri.path()) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    if position(&store.managers, &dm).is_none() {
        return errors::not_found(&format!("Deployment manager {dm}"), uri.path());
    }
    let mut check = Check::new(&body);
    rules::deployment_request(&mut check);
    let mut issues = check.into_issues();
    let descriptor = body["nf_deployment_descriptor_id"]
        .as_str()
        .unwrap_or_default();
    let known = store
        .descriptors
        .iter()
        .any(|(m, d)| *m == dm && d["id"] == descriptor);
    if issues.is_empty() && !known {
        issues.push(FieldIssue {
            field: "nf_deployment_descriptor_id".into(),
            message: format!("no descriptor {descriptor} on {dm}"),
            code: "NOT_FOUND",
        });
    }
    if !issues.is_empty() {
        return errors::validation(issues);
    }
    let now = time::now();
    let deployment = json!({
        "id": store.id("nfdep"),
        "name": body["name"],
        "description": body.get("description").cloned().unwrap_or(Value::Null),
        "nf_deployment_descriptor_id": descriptor,
        "status": "instantiating",
        "input_params": body.get("input_params").cloned().unwrap_or_else(|| json!({})),
        "location_constraints": body.get("location_constraints").cloned().unwrap_or_else(|| json!([])),
        "created_at": now,
        "updated_at": now,
    });
    store.nf_deployments.push((
        dm,
        Timed {
            value: deployment.clone(),
            created: Instant::now(),
        },
    ));
    (StatusCode::CREATED, Json(deployment)).into_response()
}

fn find(store: &super::store::Store, dm: &str, id: &str) -> Option<usize> {
    store
        .nf_deployments
        .iter()
        .position(|(m, d)| m == dm && d.value["id"] == id)
}

pub(super) async fn get_deployment(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path((dm, id)): Path<(String, String)>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    match find(&store, &dm, &id) {
        Some(i) => Json(render(&store.nf_deployments[i].1)).into_response(),
        None => errors::not_found(&format!("NF deployment {id}"), uri.path()),
    }
}

pub(super) async fn delete_deployment(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path((dm, id)): Path<(String, String)>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    match find(&store, &dm, &id) {
        Some(i) => {
            store.nf_deployments.remove(i);
            StatusCode::NO_CONTENT.into_response()
        }
        None => errors::not_found(&format!("NF deployment {id}"), uri.path()),
    }
}
