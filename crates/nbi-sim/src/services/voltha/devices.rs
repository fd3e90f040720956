//! `/api/v1/devices…` handlers. RPCs that return a message answer errors in the gateway
//! form; the actions that return `google.protobuf.Empty` answer them as HTTP 200 with
//! `grpc-status` headers (see [`Form`]).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

use super::grpc::{Form, GrpcError};
use super::model::{Device, Tenant};
use super::{VolthaState, render};
use crate::stats::DeviceHit;

type Answer = Result<Response, GrpcError>;

/// The body of an RPC, which must be JSON.
fn body_json(body: &Bytes) -> Result<Value, GrpcError> {
    serde_json::from_slice(body)
        .map_err(|e| GrpcError::invalid_argument(format!("the body is not valid JSON: {e}")))
}

/// Counts a read of device `id` and hands it over.
fn read<'a>(tenant: &'a mut Tenant, id: &str) -> Result<&'a mut Device, GrpcError> {
    tenant.reads += 1;
    let device = tenant
        .device_mut(id)
        .ok_or_else(|| GrpcError::not_found(format!("device {id} not found")))?;
    device.observe();
    Ok(device)
}

/// `{"items": […]}`, the shape of every list message.
fn items(items: Vec<Value>) -> Response {
    Json(json!({ "items": items })).into_response()
}

/// The empty message the actions answer.
fn empty() -> Response {
    Json(json!({})).into_response()
}

pub(super) async fn list(State(s): State<VolthaState>, headers: HeaderMap) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        t.reads += 1;
        t.devices.iter_mut().for_each(Device::observe);
        Ok(items(t.devices.iter().map(render::device).collect()))
    })
}

pub(super) async fn create(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        let id = t.preprovision(&body_json(&body)?)?;
        let device = t.device(&id).map(render::device).unwrap_or_default();
        Ok(Json(device).into_response())
    })
}

pub(super) async fn get(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        let tenant = t.index;
        let mut response = Json(render::device(read(t, &id)?)).into_response();
        response.extensions_mut().insert(DeviceHit { tenant, id });
        Ok(response)
    })
}

pub(super) async fn ports(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        let reads = t.reads;
        let device = read(t, &id)?;
        Ok(items(
            device
                .ports
                .iter()
                .map(|p| render::port(&device.id, p, reads))
                .collect(),
        ))
    })
}

pub(super) async fn flows(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        let reads = t.reads;
        let device = read(t, &id)?;
        Ok(items(
            device
                .flows
                .iter()
                .map(|f| render::flow(f, reads))
                .collect(),
        ))
    })
}

pub(super) async fn pm_configs(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        Ok(Json(read(t, &id)?.pm_configs.clone()).into_response())
    })
}

pub(super) async fn image_downloads(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    s.serve(&headers, Form::Gateway, |t| -> Answer {
        Ok(items(read(t, &id)?.image_downloads.clone()))
    })
}

/// An action on device `id` returning `google.protobuf.Empty`.
fn action(
    s: &VolthaState,
    headers: &HeaderMap,
    id: &str,
    run: impl FnOnce(&mut Tenant, &str) -> Result<(), GrpcError>,
) -> Response {
    s.serve(headers, Form::Headers, |t| -> Answer {
        run(t, id)?;
        Ok(empty())
    })
}

pub(super) async fn enable(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, Tenant::enable)
}

pub(super) async fn disable(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, Tenant::disable)
}

pub(super) async fn reboot(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, Tenant::reboot)
}

pub(super) async fn delete(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, |t, id| t.delete(id, false))
}

pub(super) async fn force_delete(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, |t, id| t.delete(id, true))
}

pub(super) async fn enable_onu(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, Tenant::enable_onu)
}

pub(super) async fn disable_onu(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    action(&s, &headers, &id, Tenant::disable_onu)
}

pub(super) async fn update_pm_configs(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    s.serve(&headers, Form::Headers, |t| -> Answer {
        t.update_pm_configs(&id, body_json(&body)?)?;
        Ok(empty())
    })
}

pub(super) async fn enable_serial(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    s.serve(&headers, Form::Headers, |t| -> Answer {
        t.enable_serial(&body_json(&body)?)?;
        Ok(empty())
    })
}

pub(super) async fn disable_serial(
    State(s): State<VolthaState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    s.serve(&headers, Form::Headers, |t| -> Answer {
        t.disable_serial(&body_json(&body)?)?;
        Ok(empty())
    })
}
