//! `/orchestrator/*`: QoS intents, plans, deployments (and `GET
//! /orchestrator/deployments/{id}`, the guide's deployment status, which the spec leaves out).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::errors::{self, FieldIssue};
use super::request::{json_object, matches, paging};
use super::rules::{self, Check};
use super::store::{Deployment, position};
use super::{Api, Mano, time, webhooks};

/// The fields of a `QoSIntentRequest` an intent keeps.
const QOS_FIELDS: &[&str] = &[
    "bandwidth",
    "latency",
    "slice_type",
    "jitter",
    "packet_loss",
    "reliability",
];

pub(super) async fn list_intents(
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
        .intents
        .iter()
        .filter(|i| matches(&query, i, "slice_type") && matches(&query, i, "status"))
        .cloned()
        .collect();
    Json(json!({
        "intents": super::store::page(&selected, limit, offset),
        "total": selected.len(),
        "limit": limit,
        "offset": offset,
    }))
    .into_response()
}

/// The QoS fields of `body`, or the 422 answer.
fn qos_request(body: &Value) -> Result<serde_json::Map<String, Value>, Response> {
    let mut check = Check::new(body);
    rules::qos_intent(&mut check);
    check.finish().map_err(errors::validation)?;
    Ok(QOS_FIELDS
        .iter()
        .filter_map(|f| Some(((*f).to_owned(), body.get(*f)?.clone())))
        .collect())
}

pub(super) async fn create_intent(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let fields = match json_object(&body, uri.path()).and_then(|b| qos_request(&b)) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    let now = time::now();
    let mut intent = Value::Object(fields);
    intent["id"] = json!(store.id("intent"));
    intent["status"] = json!("planned");
    intent["created_at"] = json!(now);
    intent["updated_at"] = json!(now);
    store.intents.push(intent.clone());
    (StatusCode::CREATED, Json(intent)).into_response()
}

pub(super) async fn get_intent(
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
    match position(&store.intents, &id) {
        Some(i) => Json(store.intents[i].clone()).into_response(),
        None => errors::not_found(&format!("Intent {id}"), uri.path()),
    }
}

pub(super) async fn update_intent(
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
    let Some(i) = position(&store.intents, &id) else {
        return errors::not_found(&format!("Intent {id}"), uri.path());
    };
    let fields = match json_object(&body, uri.path()).and_then(|b| qos_request(&b)) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let intent = &mut store.intents[i];
    for field in QOS_FIELDS {
        if let Some(obj) = intent.as_object_mut() {
            obj.remove(*field);
        }
    }
    for (k, v) in fields {
        intent[k] = v;
    }
    intent["updated_at"] = json!(time::now());
    Json(intent.clone()).into_response()
}

pub(super) async fn delete_intent(
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
    let Some(i) = position(&store.intents, &id) else {
        return errors::not_found(&format!("Intent {id}"), uri.path());
    };
    if store.intents[i].get("status").and_then(Value::as_str) == Some("deployed") {
        return errors::conflict(
            &format!("Cannot delete intent {id} with active deployments"),
            uri.path(),
        );
    }
    store.intents.remove(i);
    StatusCode::NO_CONTENT.into_response()
}

/// Where a slice of this latency goes, and its score.
fn placement(latency: f64, n: usize) -> Value {
    let (cloud, region) = match latency {
        l if l < 10.0 => ("edge", "edge-zone"),
        l if l < 50.0 => ("regional", "metro"),
        _ => ("central", "core"),
    };
    json!({
        "site_id": format!("{cloud}-site-{}", n % 2 + 1),
        "cloud_type": cloud,
        "region": region,
        "zone": format!("{region}-{}", n % 3 + 1),
        "score": 100.0 - (latency / 10.0).min(50.0),
        "constraints_met": true,
        "reasons": [format!("latency {latency} ms fits the {cloud} cloud")],
    })
}

pub(super) async fn plan(State(mano): Api, headers: HeaderMap, uri: Uri, body: Bytes) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let body = match json_object(&body, uri.path()) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let Some(requests) = body.get("intents").and_then(Value::as_array) else {
        return errors::validation(vec![FieldIssue {
            field: "intents".into(),
            message: "intents must list at least one QoS intent".into(),
            code: "REQUIRED",
        }]);
    };
    let mut issues = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        let mut check = Check::at(request, format!("intents[{i}]."));
        rules::qos_intent(&mut check);
        issues.extend(check.into_issues());
    }
    if !issues.is_empty() || requests.is_empty() {
        return errors::validation(issues);
    }
    let deploy_s = mano.knobs(tenant).deploy_s;
    let mut store = mano.store(tenant);
    let plan_id = store.id("plan");
    let mut allocations = Vec::new();
    let mut cost = 0.0;
    for (n, request) in requests.iter().enumerate() {
        let bandwidth = request["bandwidth"].as_f64().unwrap_or(1.0);
        let latency = request["latency"].as_f64().unwrap_or(1.0);
        cost += bandwidth * 0.1 + 1000.0 / latency;
        let mut qos = request.clone();
        qos["id"] = json!(format!("{plan_id}-intent-{}", n + 1));
        allocations.push(json!({
            "slice_id": store.id("slice"),
            "qos": qos,
            "placement": placement(latency, n),
            "resources": {
                "ran_resources": {"cpu_cores": 2.0, "memory_mb": 4096.0, "antennas": 4, "frequency_mhz": 3500.0},
                "cn_resources": {"cpu_cores": 4.0, "memory_mb": 8192.0, "storage_gb": 50.0, "upf_capacity": bandwidth},
                "tn_resources": {"bandwidth_mbps": bandwidth, "vlan_id": 100 + n, "qos_class": request["slice_type"], "latency_budget_ms": latency},
            },
            "status": "planned",
        }));
    }
    let plan = json!({
        "id": plan_id,
        "timestamp": time::now(),
        "allocations": allocations,
        "total_slices": requests.len(),
        "estimated_cost": (cost * 100.0).round() / 100.0,
        "estimated_time": deploy_s,
    });
    store.plans.push(plan.clone());
    Json(plan).into_response()
}

/// Why a plan's deployment will fail: a uRLLC slice asking for less than 2 ms.
fn failure_of(plan: &Value) -> Option<String> {
    plan["allocations"].as_array()?.iter().find_map(|a| {
        let latency = a["qos"]["latency"].as_f64()?;
        (a["qos"]["slice_type"] == "uRLLC" && latency < 2.0).then(|| {
            format!(
                "latency budget of {latency} ms cannot be met at {}",
                a["placement"]["site_id"].as_str().unwrap_or("any site")
            )
        })
    })
}

pub(super) async fn deploy(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
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
    let Some(plan_id) = body.get("plan_id").and_then(Value::as_str) else {
        return errors::validation(vec![FieldIssue {
            field: "plan_id".into(),
            message: "plan_id is required".into(),
            code: "REQUIRED",
        }]);
    };
    let force = body.get("force").and_then(Value::as_bool).unwrap_or(false);
    let duration = Duration::from_secs(mano.knobs(tenant).deploy_s);
    let deployment = {
        let mut store = mano.store(tenant);
        let Some(p) = position(&store.plans, plan_id) else {
            return errors::not_found(&format!("Plan {plan_id}"), uri.path());
        };
        let plan = store.plans[p].clone();
        let busy = store
            .deployments
            .iter()
            .any(|d| d.plan_id == plan_id && (d.failure.is_none() || is_running(d)));
        if busy && !force {
            return errors::conflict(
                &format!("Plan {plan_id} is already deployed or deploying; use force"),
                uri.path(),
            );
        }
        let deployment = Deployment {
            id: store.id("deploy"),
            plan_id: plan_id.to_owned(),
            started: Instant::now(),
            started_wall: SystemTime::now(),
            duration,
            failure: failure_of(&plan),
            slices: plan["allocations"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s["slice_id"].as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        };
        store.deployments.push(deployment.clone());
        deployment
    };
    announce(&mano, tenant, &deployment);
    (StatusCode::ACCEPTED, Json(status_of(&deployment))).into_response()
}

/// Sends the start events now and the end events when the deployment finishes.
fn announce(mano: &Arc<Mano>, tenant: usize, d: &Deployment) {
    let started = status_of(d);
    webhooks::deployment_event(mano, tenant, "deployment.started", &started);
    for slice in &d.slices {
        webhooks::slice_event(mano, tenant, "slice.created", slice, "created");
    }
    let (mano, d) = (mano.clone(), d.clone());
    tokio::spawn(async move {
        tokio::time::sleep_until(d.started + d.duration).await;
        let end = status_of(&d);
        let (event, slice_event, slice_status) = match d.failure {
            Some(_) => ("deployment.failed", "slice.failed", "failed"),
            None => ("deployment.completed", "slice.deployed", "deployed"),
        };
        webhooks::deployment_event(&mano, tenant, event, &end);
        for slice in &d.slices {
            webhooks::slice_event(&mano, tenant, slice_event, slice, slice_status);
        }
    });
}

fn is_running(d: &Deployment) -> bool {
    d.started.elapsed() < d.duration
}

/// The `DeploymentStatus` of `d` now: queued for its first tenth (at most 1 s), running with
/// growing progress, then completed or failed.
pub(super) fn status_of(d: &Deployment) -> Value {
    let elapsed = d.started.elapsed();
    let queued_for = (d.duration / 10).min(Duration::from_secs(1));
    let finished_at = time::rfc3339(d.started_wall + d.duration);
    let (status, progress, message, completed_at) = if elapsed < queued_for {
        ("queued", 0, "Deployment queued".to_owned(), None)
    } else if elapsed < d.duration {
        let pct = (elapsed.as_secs_f64() / d.duration.as_secs_f64() * 100.0) as u64;
        let msg = format!("Deploying {} slice(s)", d.slices.len());
        ("running", pct.clamp(1, 99), msg, None)
    } else if let Some(reason) = &d.failure {
        (
            "failed",
            90,
            format!("Deployment failed: {reason}"),
            Some(finished_at.clone()),
        )
    } else {
        let msg = "All slices deployed".to_owned();
        ("completed", 100, msg, Some(finished_at.clone()))
    };
    let mut v = json!({
        "deployment_id": d.id,
        "status": status,
        "progress_percent": progress,
        "message": message,
        "started_at": time::rfc3339(d.started_wall),
        "estimated_completion": finished_at,
    });
    if let Some(at) = completed_at {
        v["completed_at"] = json!(at);
    }
    v
}

pub(super) async fn get_deployment(
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
    match store.deployments.iter().find(|d| d.id == id) {
        Some(d) => Json(status_of(d)).into_response(),
        None => errors::not_found(&format!("Deployment {id}"), uri.path()),
    }
}
