//! `/monitoring/*`: health and Prometheus metrics (no token), and slice metrics.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::errors::{self, FieldIssue};
use super::{Api, time};

const TIMEFRAMES: &[&str] = &["1h", "6h", "24h", "7d"];

pub(super) async fn health() -> Response {
    Json(json!({
        "status": "healthy",
        "timestamp": time::now(),
        "version": "1.0.0",
        "components": {"database": "healthy", "redis": "healthy", "message_queue": "healthy"},
    }))
    .into_response()
}

pub(super) async fn metrics(State(mano): Api) -> Response {
    let mut text =
        String::from("# HELP mano_intents Intents stored per tenant\n# TYPE mano_intents gauge\n");
    for (t, name) in mano.shared.tenants.iter().enumerate() {
        let count = mano.store(t).intents.len();
        text.push_str(&format!("mano_intents{{tenant=\"{name}\"}} {count}\n"));
    }
    text.push_str("# HELP mano_deployments Orchestrator deployments per tenant\n# TYPE mano_deployments gauge\n");
    for (t, name) in mano.shared.tenants.iter().enumerate() {
        let count = mano.store(t).deployments.len();
        text.push_str(&format!("mano_deployments{{tenant=\"{name}\"}} {count}\n"));
    }
    let mut response = text.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    response
}

pub(super) async fn slice_metrics(
    State(mano): Api,
    headers: HeaderMap,
    uri: Uri,
    Path(slice): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let tenant = match mano.authenticate(&headers) {
        Ok(t) => t,
        Err(r) => return r,
    };
    let timeframe = query.get("timeframe").map_or("1h", String::as_str);
    if !TIMEFRAMES.contains(&timeframe) {
        return errors::validation(vec![FieldIssue {
            field: "timeframe".into(),
            message: format!("timeframe must be one of {}", TIMEFRAMES.join(", ")),
            code: "ENUM_ERROR",
        }]);
    }
    let store = mano.store(tenant);
    let allocation = store
        .plans
        .iter()
        .filter_map(|p| p["allocations"].as_array())
        .flatten()
        .find(|a| a["slice_id"] == slice.as_str())
        .cloned();
    let Some(allocation) = allocation else {
        return errors::not_found(&format!("Slice {slice}"), uri.path());
    };
    let allocated = allocation["qos"]["bandwidth"].as_f64().unwrap_or(100.0);
    let target = allocation["qos"]["latency"].as_f64().unwrap_or(10.0);
    Json(json!({
        "slice_id": slice,
        "timeframe": timeframe,
        "bandwidth_utilization": {"current_mbps": allocated * 0.62, "allocated_mbps": allocated, "utilization_percent": 62.0, "peak_mbps": allocated * 0.91},
        "latency": {"current_ms": target * 0.7, "target_ms": target, "percentile_95_ms": target * 0.85, "percentile_99_ms": target * 0.95},
        "throughput": {"rx_mbps": allocated * 0.4, "tx_mbps": allocated * 0.22, "rx_packets_per_sec": allocated * 33.0, "tx_packets_per_sec": allocated * 18.0},
        "quality": {"packet_loss_rate": 0.0001, "jitter_ms": 0.4, "error_rate": 0.00002},
        "availability": {"uptime_percent": 99.99, "downtime_seconds": 8, "sla_compliance": true},
        "timestamp": time::now(),
    }))
    .into_response()
}
