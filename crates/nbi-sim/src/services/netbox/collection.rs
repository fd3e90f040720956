//! `/api/<app>/<model>/`: list with filters and paging, create one or many, and the bulk
//! PUT / PATCH / DELETE of `[{id, …}]` lists — each all or nothing.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::Value;

use super::models::{Model, model};
use super::respond::{self, FieldErrors};
use super::store::{Store, WriteError};
use super::{NetboxState, Params, query};

pub(super) async fn collection(
    State(state): State<NetboxState>,
    method: Method,
    Path((app, name)): Path<(String, String)>,
    headers: HeaderMap,
    Query(params): Query<Params>,
    body: Bytes,
) -> Response {
    let Some(model) = model(&app, &name) else {
        return respond::page_not_found();
    };
    state.with_store(&headers, |store, _| {
        if method == Method::GET || method == Method::HEAD {
            return match query::matching(store, model, &params) {
                Ok(ids) => respond::json(StatusCode::OK, query::page(store, model, &ids, &params)),
                Err(errors) => respond::invalid(errors),
            };
        }
        let input = match parse_body(&body) {
            Ok(input) => input,
            Err(response) => return *response,
        };
        match method {
            Method::POST => create(store, model, &input),
            Method::PUT | Method::PATCH => {
                bulk_update(store, model, &input, method == Method::PATCH)
            }
            Method::DELETE => bulk_delete(store, model, &input),
            other => respond::method_not_allowed(other.as_str()),
        }
    })
}

/// The JSON body, or DRF's 400 for a parse error. An empty body is an empty object.
pub(super) fn parse_body(body: &Bytes) -> Result<Value, Box<Response>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(body).map_err(|e| {
        Box::new(respond::detail(
            StatusCode::BAD_REQUEST,
            format!("JSON parse error - {e}"),
        ))
    })
}

/// The answer to a failed write of one object.
pub(super) fn write_error(error: WriteError, model: &Model) -> Response {
    match error {
        WriteError::Invalid(errors) => respond::invalid(errors),
        WriteError::NotFound => respond::no_match(model.object_name),
        WriteError::Conflict(detail) => respond::detail(StatusCode::CONFLICT, detail),
    }
}

fn create(store: &mut Store, model: &'static Model, input: &Value) -> Response {
    let Value::Array(items) = input else {
        return match store.create(model, input) {
            Ok(id) => respond::json(
                StatusCode::CREATED,
                store.render(model, id).unwrap_or(Value::Null),
            ),
            Err(e) => write_error(e, model),
        };
    };
    all_or_nothing(store, items, |store, item| {
        store.create(model, item).map(Some)
    })
    .map(|ids| rendered(store, model, &ids, StatusCode::CREATED))
    .unwrap_or_else(|response| *response)
}

fn bulk_update(store: &mut Store, model: &'static Model, input: &Value, partial: bool) -> Response {
    let Value::Array(items) = input else {
        return respond::detail(
            StatusCode::BAD_REQUEST,
            "Bulk update requires a list of objects, each with an id.",
        );
    };
    all_or_nothing(store, items, |store, item| {
        let id = item_id(item)?;
        store.update(model, id, item, partial).map(|()| Some(id))
    })
    .map(|ids| rendered(store, model, &ids, StatusCode::OK))
    .unwrap_or_else(|response| *response)
}

fn bulk_delete(store: &mut Store, model: &'static Model, input: &Value) -> Response {
    let Value::Array(items) = input else {
        return respond::detail(
            StatusCode::BAD_REQUEST,
            "Bulk delete requires a list of objects, each with an id.",
        );
    };
    all_or_nothing(store, items, |store, item| {
        let id = item_id(item)?;
        store.delete(model, id).map(|()| None)
    })
    .map(|_| StatusCode::NO_CONTENT.into_response())
    .unwrap_or_else(|response| *response)
}

/// The `id` of a bulk item.
fn item_id(item: &Value) -> Result<u64, WriteError> {
    item.get("id").and_then(Value::as_u64).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("id", "This field is required.");
        WriteError::Invalid(errors)
    })
}

/// Runs `write` on every item; on any failure the database is put back as it was and the
/// answer is a 400 list with one error object per item (empty for the good ones), or the
/// first 404 / 409.
fn all_or_nothing(
    store: &mut Store,
    items: &[Value],
    mut write: impl FnMut(&mut Store, &Value) -> Result<Option<u64>, WriteError>,
) -> Result<Vec<u64>, Box<Response>> {
    let before = store.clone();
    let mut ids = Vec::new();
    let mut errors = vec![FieldErrors::default(); items.len()];
    let mut failure = None;
    for (index, item) in items.iter().enumerate() {
        match write(store, item) {
            Ok(id) => ids.extend(id),
            Err(WriteError::Invalid(fields)) => errors[index] = fields,
            Err(WriteError::NotFound) => {
                let mut fields = FieldErrors::default();
                fields.add("id", "Object with this id does not exist.");
                errors[index] = fields;
            }
            Err(WriteError::Conflict(detail)) => {
                failure = Some(respond::detail(StatusCode::CONFLICT, detail));
                break;
            }
        }
    }
    if failure.is_none() && errors.iter().all(FieldErrors::is_empty) {
        return Ok(ids);
    }
    *store = before;
    Err(Box::new(
        failure.unwrap_or_else(|| respond::invalid_items(errors)),
    ))
}

fn rendered(store: &Store, model: &Model, ids: &[u64], status: StatusCode) -> Response {
    let objects: Vec<Value> = ids
        .iter()
        .filter_map(|id| store.render(model, *id))
        .collect();
    respond::json(status, Value::Array(objects))
}
