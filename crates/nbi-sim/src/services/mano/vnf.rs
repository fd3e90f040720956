//! `/vnf-operator/vnfs`: VNF create, read, update, delete and scale. A new VNF is `Creating`
//! for its first 5 s, then `Running` with one instance per replica.

use std::collections::HashMap;
use std::time::Duration;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::errors;
use super::request::{json_object, matches, paging};
use super::rules::{self, Check};
use super::store::{Timed, page};
use super::{Api, time};

/// How long a VNF stays `Creating`.
const CREATING_FOR: Duration = Duration::from_secs(5);
/// Where the replica count hides in the stored object.
const REPLICAS: &str = "_replicas";

/// The VNF as the API shows it now.
fn render(t: &Timed) -> Value {
    let mut v = t.value.clone();
    let replicas = v.get(REPLICAS).and_then(Value::as_u64).unwrap_or(1);
    if let Some(obj) = v.as_object_mut() {
        obj.remove(REPLICAS);
    }
    let running = t.created.elapsed() >= CREATING_FOR;
    v["status"] = json!(if running { "Running" } else { "Creating" });
    let name = v["name"].as_str().unwrap_or("vnf").to_owned();
    let cluster = v["target_clusters"][0]
        .as_str()
        .unwrap_or("cluster-1")
        .to_owned();
    let instances: Vec<Value> = (0..replicas)
        .map(|i| {
            json!({
                "cluster": cluster,
                "namespace": "oran-vnfs",
                "name": format!("{name}-{i}"),
                "status": if running { "Running" } else { "Pending" },
                "ip_address": format!("10.20.{}.{}", i / 250, i % 250 + 2),
                "endpoints": [{"name": "sbi", "protocol": "TCP", "port": 8080}],
            })
        })
        .collect();
    v["instances"] = json!(instances);
    v
}

fn checked(body: &Bytes, instance: &str) -> Result<Value, Response> {
    let body = json_object(body, instance)?;
    let mut check = Check::new(&body);
    rules::vnf_request(&mut check);
    check.finish().map_err(errors::validation)?;
    Ok(body)
}

fn find(items: &[Timed], id: &str) -> Option<usize> {
    items
        .iter()
        .position(|t| t.value.get("id").and_then(Value::as_str) == Some(id))
}

pub(super) async fn list(
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
    let selected: Vec<Value> = store
        .vnfs
        .iter()
        .map(render)
        .filter(|v| matches(&query, v, "type") && matches(&query, v, "status"))
        .collect();
    Json(json!({
        "vnfs": page(&selected, limit, offset),
        "total": selected.len(),
        "limit": limit,
        "offset": offset,
    }))
    .into_response()
}

pub(super) async fn create(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut vnf = match checked(&body, uri.path()) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    let now = time::now();
    vnf["id"] = json!(store.id("vnf"));
    vnf["created_at"] = json!(now);
    vnf["updated_at"] = json!(now);
    vnf[REPLICAS] = json!(1);
    let timed = Timed {
        value: vnf,
        created: Instant::now(),
    };
    let answer = render(&timed);
    store.vnfs.push(timed);
    (StatusCode::CREATED, Json(answer)).into_response()
}

pub(super) async fn get_one(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    match find(&store.vnfs, &id) {
        Some(i) => Json(render(&store.vnfs[i])).into_response(),
        None => errors::not_found(&format!("VNF {id}"), uri.path()),
    }
}

pub(super) async fn update(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    let Some(i) = find(&store.vnfs, &id) else {
        return errors::not_found(&format!("VNF {id}"), uri.path());
    };
    let mut vnf = match checked(&body, uri.path()) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let old = &store.vnfs[i].value;
    for kept in ["id", "created_at", REPLICAS] {
        vnf[kept] = old[kept].clone();
    }
    vnf["updated_at"] = json!(time::now());
    store.vnfs[i].value = vnf;
    Json(render(&store.vnfs[i])).into_response()
}

pub(super) async fn delete(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    match find(&store.vnfs, &id) {
        Some(i) => {
            store.vnfs.remove(i);
            StatusCode::NO_CONTENT.into_response()
        }
        None => errors::not_found(&format!("VNF {id}"), uri.path()),
    }
}

pub(super) async fn scale(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<String>,
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
    let mut check = Check::new(&body);
    check.integer("replicas", 0, Some(100), true);
    if let Err(issues) = check.finish() {
        return errors::validation(issues);
    }
    let mut store = mano.store(tenant);
    let Some(i) = find(&store.vnfs, &id) else {
        return errors::not_found(&format!("VNF {id}"), uri.path());
    };
    let replicas = body["replicas"].as_u64().unwrap_or(0);
    store.vnfs[i].value[REPLICAS] = json!(replicas);
    let operation = store.id("op");
    let now = time::now();
    let answer = json!({
        "operation_id": operation,
        "status": "completed",
        "message": format!("VNF {id} scaled to {replicas} replica(s)"),
        "started_at": now,
        "completed_at": now,
    });
    (StatusCode::ACCEPTED, Json(answer)).into_response()
}
