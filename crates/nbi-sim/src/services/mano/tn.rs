//! `/tn-manager/agents`: TN agents, their slices, performance tests and status.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::errors;
use super::request::json_object;
use super::rules::{self, Check};
use super::store::position;
use super::{Api, time};

/// The bandwidth each simulated agent can hand out.
const AGENT_CAPACITY_MBPS: f64 = 10_000.0;

fn checked(body: &Bytes, instance: &str, rules: fn(&mut Check)) -> Result<Value, Response> {
    let body = json_object(body, instance)?;
    let mut check = Check::new(&body);
    rules(&mut check);
    check.finish().map_err(errors::validation)?;
    Ok(body)
}

pub(super) async fn list(State(mano): Api, headers: HeaderMap) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    Json(json!({ "agents": store.agents })).into_response()
}

pub(super) async fn register(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let body = match checked(&body, uri.path(), rules::tn_agent) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    let now = time::now();
    let agent = json!({
        "id": store.id("tn-agent"),
        "name": body["name"],
        "endpoint": body["endpoint"],
        "status": "connected",
        "version": "1.2.0",
        "capabilities": body.get("capabilities").cloned().unwrap_or_else(|| json!([])),
        "last_seen": now,
        "created_at": now,
    });
    store.agents.push(agent.clone());
    (StatusCode::CREATED, Json(agent)).into_response()
}

pub(super) async fn configure_slice(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(agent): Path<String>,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let mut store = mano.store(tenant);
    if position(&store.agents, &agent).is_none() {
        return errors::not_found(&format!("TN agent {agent}"), uri.path());
    }
    let body = match checked(&body, uri.path(), rules::tn_slice) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let used: f64 = store
        .tn_slices
        .iter()
        .filter(|(a, _)| *a == agent)
        .filter_map(|(_, s)| s["bandwidth_allocated"].as_f64())
        .sum();
    let asked = body["bandwidth_mbps"].as_f64().unwrap_or(0.0);
    let allocated = asked.min(AGENT_CAPACITY_MBPS - used).max(0.0);
    let vlan = body
        .get("vlan_id")
        .cloned()
        .unwrap_or_else(|| json!(100 + store.tn_slices.len()));
    let (status, message) = if allocated > 0.0 {
        ("active", format!("Slice configured with {allocated} Mbps"))
    } else {
        ("failed", "No bandwidth left on the agent".to_owned())
    };
    let slice = json!({
        "slice_id": body["slice_id"],
        "status": status,
        "bandwidth_allocated": allocated,
        "vlan_id": vlan,
        "message": message,
        "configured_at": time::now(),
    });
    store.tn_slices.push((agent, slice.clone()));
    Json(slice).into_response()
}

pub(super) async fn performance(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(agent): Path<String>,
    body: Bytes,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    if position(&mano.store(tenant).agents, &agent).is_none() {
        return errors::not_found(&format!("TN agent {agent}"), uri.path());
    }
    let body = match checked(&body, uri.path(), rules::performance_test) {
        Ok(b) => b,
        Err(r) => return r,
    };
    let bandwidth = body["bandwidth_mbps"].as_f64().unwrap_or(1000.0);
    let duration = body["duration_seconds"].as_u64().unwrap_or(1);
    let packet = body["packet_size"].as_u64().unwrap_or(1500).max(1);
    let sent = (bandwidth * 1e6 / 8.0 / packet as f64) as u64 * duration;
    let lost = sent / 10_000;
    Json(json!({
        "test_id": body["test_id"],
        "throughput": {"avg_mbps": bandwidth * 0.97, "max_mbps": bandwidth * 0.995, "min_mbps": bandwidth * 0.9},
        "latency": {"avg_rtt_ms": 2.4, "max_rtt_ms": 4.1, "min_rtt_ms": 1.2, "jitter_ms": 0.3},
        "packet_loss": {"rate": if sent == 0 { 0.0 } else { lost as f64 / sent as f64 }, "packets_sent": sent, "packets_received": sent - lost},
        "test_duration": duration,
        "timestamp": time::now(),
    }))
    .into_response()
}

pub(super) async fn status(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(agent): Path<String>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let store = mano.store(tenant);
    if position(&store.agents, &agent).is_none() {
        return errors::not_found(&format!("TN agent {agent}"), uri.path());
    }
    let slices: Vec<&Value> = store
        .tn_slices
        .iter()
        .filter(|(a, s)| *a == agent && s["status"] == "active")
        .map(|(_, s)| s)
        .collect();
    let used: f64 = slices
        .iter()
        .filter_map(|s| s["bandwidth_allocated"].as_f64())
        .sum();
    Json(json!({
        "agent_id": agent,
        "status": "healthy",
        "uptime_seconds": 86_400,
        "active_slices": slices.len(),
        "total_bandwidth_mbps": AGENT_CAPACITY_MBPS,
        "available_bandwidth_mbps": AGENT_CAPACITY_MBPS - used,
        "cpu_usage_percent": 12.5,
        "memory_usage_percent": 34.0,
        "interfaces": [
            {"name": "eth0", "status": "up", "speed_mbps": AGENT_CAPACITY_MBPS, "utilization_percent": used / AGENT_CAPACITY_MBPS * 100.0},
            {"name": "eth1", "status": "up", "speed_mbps": AGENT_CAPACITY_MBPS, "utilization_percent": 0.0},
        ],
        "last_updated": time::now(),
    }))
    .into_response()
}
