//! Logical devices, adapters, device types and health.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::grpc::{Form, GrpcError};
use super::model::{LogicalDevice, OLT_ADAPTER, OLT_TYPE, ONU_ADAPTER, ONU_TYPE, Tenant};
use super::{VolthaState, render};

type Answer = Result<Response, GrpcError>;

fn items(items: Vec<Value>) -> Response {
    Json(json!({ "items": items })).into_response()
}

fn logical<'a>(t: &'a mut Tenant, id: &str) -> Result<&'a LogicalDevice, GrpcError> {
    t.reads += 1;
    t.logical
        .iter()
        .find(|l| l.id == id)
        .ok_or_else(|| GrpcError::not_found(format!("logical device {id} not found")))
}

pub(super) async fn logical_devices(State(s): State<VolthaState>, headers: HeaderMap) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        Ok(items(
            t.logical.iter().map(render::logical_device).collect(),
        ))
    })
}

pub(super) async fn logical_device(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        Ok(Json(render::logical_device(logical(t, &id)?)).into_response())
    })
}

pub(super) async fn logical_ports(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        let l = logical(t, &id)?.clone();
        Ok(items(render::logical_ports(t, &l)))
    })
}

pub(super) async fn logical_flows(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        let reads = t.reads;
        let l = logical(t, &id)?;
        Ok(items(
            l.flows.iter().map(|f| render::flow(f, reads)).collect(),
        ))
    })
}

pub(super) async fn logical_meters(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        Ok(items(logical(t, &id)?.meters.clone()))
    })
}

/// The two adapters every tenant runs.
fn adapter_list() -> Vec<Value> {
    vec![
        json!({"id": "openolt", "vendor": "VOLTHA OpenOLT", "version": "4.4.3",
               "config": {"log_level": "WARN"}, "additional_description": null,
               "logical_device_ids": [], "endpoint": OLT_ADAPTER, "type": OLT_TYPE,
               "current_replica": 1, "total_replicas": 1}),
        json!({"id": "brcm_openomci_onu", "vendor": "VOLTHA OpenONU Go", "version": "2.11.5",
               "config": {"log_level": "WARN"}, "additional_description": null,
               "logical_device_ids": [], "endpoint": ONU_ADAPTER, "type": ONU_TYPE,
               "current_replica": 1, "total_replicas": 1}),
    ]
}

fn device_type_list() -> Vec<Value> {
    vec![
        json!({"id": OLT_TYPE, "vendor_id": "", "vendor_ids": [], "adapter": OLT_TYPE,
               "accepts_bulk_flow_update": false, "accepts_add_remove_flow_updates": true,
               "accepts_direct_logical_flows_update": false, "adapter_type": OLT_TYPE}),
        json!({"id": ONU_TYPE, "vendor_id": "BRCM",
               "vendor_ids": ["OPEN", "ALCL", "BRCM", "TWSH", "ALPH", "ISKT", "BBSM"],
               "adapter": ONU_TYPE, "accepts_bulk_flow_update": false,
               "accepts_add_remove_flow_updates": true,
               "accepts_direct_logical_flows_update": false, "adapter_type": ONU_TYPE}),
    ]
}

pub(super) async fn adapters(State(s): State<VolthaState>, headers: HeaderMap) -> Response {
    s.serve(&headers, Form::Gateway, |_| -> Answer {
        Ok(items(adapter_list()))
    })
}

pub(super) async fn device_types(State(s): State<VolthaState>, headers: HeaderMap) -> Response {
    s.serve(&headers, Form::Gateway, |_| -> Answer {
        Ok(items(device_type_list()))
    })
}

pub(super) async fn device_type(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |_| -> Answer {
        device_type_list()
            .into_iter()
            .find(|t| t["id"] == id.as_str())
            .map(|t| Json(t).into_response())
            .ok_or_else(|| GrpcError::not_found(format!("device type {id} not found")))
    })
}

pub(super) async fn health(State(s): State<VolthaState>, headers: HeaderMap) -> Response {
    s.serve(&headers, Form::Gateway, |_| -> Answer {
        Ok(Json(json!({"state": "HEALTHY"})).into_response())
    })
}
