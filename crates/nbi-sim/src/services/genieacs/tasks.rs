//! Tasks and faults: `POST /devices/<id>/tasks`, `POST /tasks/<id>/retry`,
//! `DELETE /tasks/<id>`, `DELETE /faults/<id>`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

use super::engine;
use super::state::{TenantAcs, remove};
use super::{AcsState, empty, json_with_reason, text};
use crate::stats::DeviceHit;

const QUEUED: &str = "Task queued but not processed";
const FAULTED: &str = "Task faulted";

/// Queues a task; with `connection_request`, opens a session on an online CPE and answers
/// how the task fared (200 run, 202 "Task faulted" / "Task queued but not processed"), or 504
/// when the CPE does not answer the connection request.
pub(super) async fn create(
    State(state): State<AcsState>,
    Path(device_id): Path<String>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let tenant = match state.tenant(&headers) {
        Ok(t) => t,
        Err(denied) => return denied.into_response(),
    };
    let connection_request = params.contains_key("connection_request");
    let task = if body.is_empty() {
        None
    } else {
        match serde_json::from_slice::<Value>(&body) {
            Ok(Value::Object(task)) if task.get("name").is_some_and(Value::is_string) => Some(task),
            Ok(_) => return text(StatusCode::BAD_REQUEST, "Error: Invalid task"),
            Err(e) => return text(StatusCode::BAD_REQUEST, format!("SyntaxError: {e}")),
        }
    };
    if task.is_none() && !connection_request {
        return empty(StatusCode::BAD_REQUEST);
    }
    let now = state.acs.clock.now_ms();
    let Some(mut acs) = state.acs.tenant(tenant) else {
        return text(StatusCode::NOT_FOUND, "No such device");
    };
    let Some(position) = acs.devices.iter().position(|d| d.id() == device_id) else {
        return text(StatusCode::NOT_FOUND, "No such device");
    };
    let online = acs.devices[position].online;
    let queued = task.map(|mut task| {
        let id = acs.new_task_id(state.acs.seed, tenant, now);
        task.insert("_id".into(), Value::from(id));
        task.insert("device".into(), Value::from(device_id.as_str()));
        task.insert("timestamp".into(), Value::from(super::clock::iso(now)));
        let task = Value::Object(task);
        acs.tasks.push(task.clone());
        task
    });
    let mut response = match (queued, connection_request, online) {
        (Some(task), false, _) => json_with_reason(StatusCode::ACCEPTED, None, task.to_string()),
        // Refused above: no task and no connection request.
        (None, false, _) => empty(StatusCode::BAD_REQUEST),
        (_, true, false) => text(
            StatusCode::GATEWAY_TIMEOUT,
            format!(
                "Connection request error: the CPE did not answer at {}",
                cr_url(&acs, position)
            ),
        ),
        (None, true, true) => {
            session(&mut acs, position, now);
            empty(StatusCode::OK)
        }
        (Some(task), true, true) => {
            session(&mut acs, position, now);
            outcome(&acs, &device_id, task)
        }
    };
    response.extensions_mut().insert(DeviceHit {
        tenant,
        id: device_id,
    });
    response
}

/// How the session left `task`: gone (run), faulted, or still queued.
fn outcome(acs: &TenantAcs, device_id: &str, task: Value) -> Response {
    let id = task.get("_id").and_then(Value::as_str).unwrap_or("");
    let fault_id = format!("{device_id}:task_{id}");
    let stored = acs
        .tasks
        .iter()
        .find(|t| t.get("_id").and_then(Value::as_str) == Some(id));
    if has(&acs.faults, &fault_id) {
        let body = stored.unwrap_or(&task).to_string();
        json_with_reason(StatusCode::ACCEPTED, Some(FAULTED), body)
    } else if let Some(stored) = stored {
        json_with_reason(StatusCode::ACCEPTED, Some(QUEUED), stored.to_string())
    } else {
        json_with_reason(StatusCode::OK, None, task.to_string())
    }
}

fn has(docs: &[Value], id: &str) -> bool {
    docs.iter()
        .any(|d| d.get("_id").and_then(Value::as_str) == Some(id))
}

fn cr_url(acs: &TenantAcs, position: usize) -> String {
    let doc = &acs.devices[position].doc;
    ["InternetGatewayDevice", "Device"]
        .iter()
        .find_map(|root| {
            super::query::lookup(
                doc,
                &format!("{root}.ManagementServer.ConnectionRequestURL._value"),
            )
        })
        .and_then(Value::as_str)
        .unwrap_or("the CPE's connection request URL")
        .to_owned()
}

/// A session opened by a connection request: the CPE informs, then runs every queued task
/// of its own that has no fault, oldest first; a refused task gets a fault and stays queued.
fn session(acs: &mut TenantAcs, position: usize, now: u64) {
    let TenantAcs {
        devices,
        tasks,
        faults,
        files,
        ..
    } = acs;
    let Some(device) = devices.get_mut(position) else {
        return;
    };
    engine::inform(&mut device.doc, now);
    let device_id = device.id().to_owned();
    let pending: Vec<Value> = tasks
        .iter()
        .filter(|t| t.get("device").and_then(Value::as_str) == Some(device_id.as_str()))
        .cloned()
        .collect();
    for task in pending {
        let id = task
            .get("_id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let channel = format!("task_{id}");
        let fault_id = format!("{device_id}:{channel}");
        if has(faults, &fault_id) {
            continue;
        }
        match engine::run(&task, &mut device.doc, files, now) {
            Ok(()) => {
                remove(tasks, &id);
            }
            Err(fault) => faults.push(json!({
                "_id": fault_id, "device": device_id, "channel": channel,
                "timestamp": super::clock::iso(now), "retries": 0,
                "code": fault.code, "message": fault.message,
                "detail": {"faultCode": fault.code.trim_start_matches("cwmp."),
                           "faultString": fault.message},
                "provisions": [[task.get("name").cloned().unwrap_or(Value::Null)]],
            })),
        }
    }
}

/// Clears a task's fault so it runs at the CPE's next session.
pub(super) async fn retry(
    State(state): State<AcsState>,
    Path(task_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    with_task(&state, &headers, &task_id, |acs, device| {
        remove(&mut acs.faults, &format!("{device}:task_{task_id}"));
    })
}

/// Deletes a task and its fault.
pub(super) async fn delete(
    State(state): State<AcsState>,
    Path(task_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    with_task(&state, &headers, &task_id, |acs, device| {
        remove(&mut acs.tasks, &task_id);
        remove(&mut acs.faults, &format!("{device}:task_{task_id}"));
    })
}

fn with_task(
    state: &AcsState,
    headers: &HeaderMap,
    task_id: &str,
    action: impl FnOnce(&mut TenantAcs, &str),
) -> Response {
    let tenant = match state.tenant(headers) {
        Ok(t) => t,
        Err(denied) => return denied.into_response(),
    };
    let Some(mut acs) = state.acs.tenant(tenant) else {
        return text(StatusCode::NOT_FOUND, "Task not found");
    };
    let device = acs
        .tasks
        .iter()
        .find(|t| t.get("_id").and_then(Value::as_str) == Some(task_id))
        .and_then(|t| t.get("device").and_then(Value::as_str))
        .map(str::to_owned);
    match device {
        Some(device) => {
            action(&mut acs, &device);
            empty(StatusCode::OK)
        }
        None => text(StatusCode::NOT_FOUND, "Task not found"),
    }
}

/// Deletes a fault; a task's fault takes the task with it.
pub(super) async fn delete_fault(
    State(state): State<AcsState>,
    Path(fault_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let tenant = match state.tenant(&headers) {
        Ok(t) => t,
        Err(denied) => return denied.into_response(),
    };
    if let Some(mut acs) = state.acs.tenant(tenant) {
        remove(&mut acs.faults, &fault_id);
        let channel = fault_id.split_once(':').map_or("", |(_, c)| c);
        if let Some(task_id) = channel.strip_prefix("task_") {
            remove(&mut acs.tasks, task_id);
        }
    }
    empty(StatusCode::OK)
}
