//! `GET|HEAD /<collection>/?query=&projection=&sort=&skip=&limit=` with the `total` header.

use std::collections::HashMap;

use axum::extract::{MatchedPath, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::query::{self, SortKeys};
use super::{AcsState, text};
use crate::stats::DeviceHit;

/// The collections the NBI lists.
pub(super) const NAMES: [&str; 8] = [
    "devices",
    "tasks",
    "presets",
    "objects",
    "provisions",
    "virtual_parameters",
    "files",
    "faults",
];

/// Lists one collection; the matched route names it.
pub(super) async fn list(
    State(state): State<AcsState>,
    matched: MatchedPath,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let tenant = match state.tenant(&headers) {
        Ok(t) => t,
        Err(denied) => return denied.into_response(),
    };
    let collection = matched.as_str().trim_matches('/');
    let devices = collection == "devices";
    let filter = match params
        .get("query")
        .map(|q| serde_json::from_str::<Value>(q))
    {
        None => Map::new(),
        Some(Ok(Value::Object(q))) => q,
        Some(Ok(_)) => return text(StatusCode::BAD_REQUEST, "Error: query must be an object"),
        Some(Err(e)) => return text(StatusCode::BAD_REQUEST, format!("SyntaxError: {e}")),
    };
    let sort = match params
        .get("sort")
        .map(|s| serde_json::from_str::<SortKeys>(s))
    {
        None => SortKeys(Vec::new()),
        Some(Ok(keys)) => keys,
        Some(Err(e)) => return text(StatusCode::BAD_REQUEST, format!("SyntaxError: {e}")),
    };
    let projection: Vec<String> = params
        .get("projection")
        .map(|p| {
            p.split(',')
                .map(|f| f.trim().to_owned())
                .filter(|f| !f.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // parseInt semantics: garbage is no skip / no limit.
    let skip = params
        .get("skip")
        .and_then(|s| s.parse::<usize>().ok())
        .unwrap_or(0);
    let limit = params
        .get("limit")
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|l| *l > 0);

    let Some(mut acs) = state.acs.tenant(tenant) else {
        return text(StatusCode::NOT_FOUND, "404 Not Found");
    };
    let docs: Vec<&Value> = if devices {
        acs.devices.iter().map(|d| &d.doc).collect()
    } else {
        match acs.named_mut(collection) {
            Some(docs) => docs.iter().collect(),
            None => return text(StatusCode::NOT_FOUND, "404 Not Found"),
        }
    };
    let mut found = Vec::new();
    for doc in docs {
        match query::matches(doc, &filter, devices) {
            Ok(true) => found.push(doc),
            Ok(false) => {}
            Err(e) => return text(StatusCode::BAD_REQUEST, e.0),
        }
    }
    if !sort.0.is_empty() {
        let keys: Vec<(String, i64)> = sort
            .0
            .iter()
            .map(|(k, d)| (query::expand_path(k, devices), *d))
            .collect();
        found.sort_by(|a, b| {
            keys.iter()
                .map(|(path, dir)| {
                    let o = query::sort_cmp(query::lookup(a, path), query::lookup(b, path));
                    if *dir < 0 { o.reverse() } else { o }
                })
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let total = found.len();
    let page = found
        .into_iter()
        .skip(skip)
        .take(limit.unwrap_or(usize::MAX));
    let items: Vec<String> = page
        .map(|doc| {
            if projection.is_empty() {
                doc.to_string()
            } else {
                query::project(doc, &projection).to_string()
            }
        })
        .collect();
    drop(acs);
    let body = format!("[\n{}\n]", items.join(",\n"));
    let mut response = (StatusCode::OK, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert("total", HeaderValue::from(total));
    if devices
        && filter.len() == 1
        && let Some(Value::String(id)) = filter.get("_id")
    {
        response.extensions_mut().insert(DeviceHit {
            tenant,
            id: id.clone(),
        });
    }
    response
}
