//! Tags, device deletion, presets / objects (JSON), provisions / virtual parameters
//! (JavaScript), files, and ping.

use axum::extract::{MatchedPath, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

use super::state::{TenantAcs, remove, upsert};
use super::{AcsState, empty, text};
use crate::fault::mix;

/// Runs `action` on the caller's tenant, or answers its 401.
fn on_tenant(
    state: &AcsState,
    headers: &HeaderMap,
    action: impl FnOnce(&mut TenantAcs) -> Response,
) -> Response {
    let tenant = match state.tenant(headers) {
        Ok(t) => t,
        Err(denied) => return denied.into_response(),
    };
    match state.acs.tenant(tenant) {
        Some(mut acs) => action(&mut acs),
        None => text(StatusCode::NOT_FOUND, "404 Not Found"),
    }
}

/// The collection a route serves (`/presets/{id}` → `presets`).
fn collection_of(matched: &MatchedPath) -> &str {
    matched
        .as_str()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("")
}

/// `POST /devices/<id>/tags/<tag>` (`$addToSet`: 200 whether or not the device exists).
pub(super) async fn add_tag(
    State(state): State<AcsState>,
    Path((id, tag)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    on_tenant(&state, &headers, |acs| {
        if let Some(Value::Object(doc)) = acs.device_mut(&id).map(|d| &mut d.doc) {
            let tags = doc.entry("_tags").or_insert_with(|| json!([]));
            if let Value::Array(tags) = tags
                && !tags.iter().any(|t| t.as_str() == Some(tag.as_str()))
            {
                tags.push(Value::from(tag));
            }
        }
        empty(StatusCode::OK)
    })
}

/// `DELETE /devices/<id>/tags/<tag>` (`$pull`).
pub(super) async fn remove_tag(
    State(state): State<AcsState>,
    Path((id, tag)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    on_tenant(&state, &headers, |acs| {
        if let Some(Value::Object(doc)) = acs.device_mut(&id).map(|d| &mut d.doc) {
            if let Some(Value::Array(tags)) = doc.get_mut("_tags") {
                tags.retain(|t| t.as_str() != Some(tag.as_str()));
            }
            if doc
                .get("_tags")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty)
            {
                doc.remove("_tags");
            }
        }
        empty(StatusCode::OK)
    })
}

/// `DELETE /devices/<id>`: the device, its tasks and its faults.
pub(super) async fn delete_device(
    State(state): State<AcsState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    on_tenant(&state, &headers, |acs| {
        acs.devices.retain(|d| d.id() != id);
        let of_device = |d: &Value| d.get("device").and_then(Value::as_str) == Some(id.as_str());
        acs.tasks.retain(|t| !of_device(t));
        acs.faults.retain(|f| !of_device(f));
        empty(StatusCode::OK)
    })
}

/// `PUT /presets/<id>`, `PUT /objects/<id>`: a JSON document, `_id` from the path.
pub(super) async fn put_json(
    State(state): State<AcsState>,
    matched: MatchedPath,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut doc = match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(doc)) => doc,
        Ok(_) => return text(StatusCode::BAD_REQUEST, "TypeError: not an object"),
        Err(e) => return text(StatusCode::BAD_REQUEST, format!("SyntaxError: {e}")),
    };
    doc.insert("_id".into(), Value::from(id));
    let collection = collection_of(&matched).to_owned();
    on_tenant(&state, &headers, |acs| match acs.named_mut(&collection) {
        Some(docs) => {
            upsert(docs, Value::Object(doc));
            empty(StatusCode::OK)
        }
        None => text(StatusCode::NOT_FOUND, "404 Not Found"),
    })
}

/// `PUT /provisions/<id>`, `PUT /virtual_parameters/<id>`: a script, checked for balanced
/// brackets and closed strings (GenieACS compiles it: a syntax error is a 400).
pub(super) async fn put_script(
    State(state): State<AcsState>,
    matched: MatchedPath,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Ok(script) = String::from_utf8(body.to_vec()) else {
        return text(
            StatusCode::BAD_REQUEST,
            "SyntaxError: Invalid or unexpected token",
        );
    };
    if let Err(message) = check_script(&script) {
        return text(StatusCode::BAD_REQUEST, format!("SyntaxError: {message}"));
    }
    let collection = collection_of(&matched).to_owned();
    on_tenant(&state, &headers, |acs| match acs.named_mut(&collection) {
        Some(docs) => {
            upsert(docs, json!({"_id": id, "script": script}));
            empty(StatusCode::OK)
        }
        None => text(StatusCode::NOT_FOUND, "404 Not Found"),
    })
}

/// `DELETE` of a preset, object, provision or virtual parameter: 200 even when absent.
pub(super) async fn delete_named(
    State(state): State<AcsState>,
    matched: MatchedPath,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let collection = collection_of(&matched).to_owned();
    on_tenant(&state, &headers, |acs| {
        if let Some(docs) = acs.named_mut(&collection) {
            remove(docs, &id);
        }
        empty(StatusCode::OK)
    })
}

/// `PUT /files/<name>`: the body, metadata from the `fileType`, `oui`, `productClass` and
/// `version` headers; 201.
pub(super) async fn put_file(
    State(state): State<AcsState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header_text = |key: &str| {
        headers
            .get(key)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let metadata = json!({
        "fileType": header_text("filetype"), "oui": header_text("oui"),
        "productClass": header_text("productclass"), "version": header_text("version"),
    });
    let now = state.acs.clock.now_iso();
    on_tenant(&state, &headers, |acs| {
        upsert(
            &mut acs.files,
            json!({"_id": name, "length": body.len(), "chunkSize": 261_120,
                   "uploadDate": now, "filename": name, "metadata": metadata}),
        );
        empty(StatusCode::CREATED)
    })
}

/// `DELETE /files/<name>`: 404 when there is no such file.
pub(super) async fn delete_file(
    State(state): State<AcsState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    on_tenant(&state, &headers, |acs| {
        if remove(&mut acs.files, &name) {
            empty(StatusCode::OK)
        } else {
            text(StatusCode::NOT_FOUND, "404 Not Found")
        }
    })
}

/// `GET /ping/<host>`: `ping`'s output; hosts under `.invalid` do not resolve (404).
pub(super) async fn ping(
    State(state): State<AcsState>,
    Path(host): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(denied) = state.tenant(&headers) {
        return denied.into_response();
    }
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    if !valid {
        return text(StatusCode::NOT_FOUND, "404 Not Found");
    }
    if host.ends_with(".invalid") {
        return text(
            StatusCode::NOT_FOUND,
            format!(
                "Error: Command failed: ping -w 1 -i 0.2 -c 3 {host}\nping: {host}: Name or service not known"
            ),
        );
    }
    let h = mix(
        state.acs.seed,
        host.bytes()
            .fold(0u64, |a, b| a.wrapping_mul(31) ^ u64::from(b)),
    );
    let rtt = |i: u64| 0.2 + ((h >> (i * 8)) % 200) as f64 / 100.0;
    let address = if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        host.clone()
    } else {
        format!("10.{}.{}.{}", h % 250, (h >> 8) % 250, 1 + (h >> 16) % 250)
    };
    let mut out = format!("PING {host} ({address}) 56(84) bytes of data.\n");
    for i in 0..3 {
        out.push_str(&format!(
            "64 bytes from {address}: icmp_seq={} ttl=64 time={:.2} ms\n",
            i + 1,
            rtt(i)
        ));
    }
    let (a, b, c) = (rtt(0), rtt(1), rtt(2));
    out.push_str(&format!(
        "\n--- {host} ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 401ms\nrtt min/avg/max/mdev = {:.3}/{:.3}/{:.3}/0.050 ms\n",
        a.min(b).min(c),
        (a + b + c) / 3.0,
        a.max(b).max(c)
    ));
    let mut response = (StatusCode::OK, out).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A light syntax check: brackets balance and strings and comments close.
pub(super) fn check_script(script: &str) -> Result<(), String> {
    let mut stack = Vec::new();
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' => {
                let mut closed = false;
                while let Some(n) = chars.next() {
                    if n == '\\' {
                        chars.next();
                    } else if n == c {
                        closed = true;
                        break;
                    } else if n == '\n' && c != '`' {
                        break;
                    }
                }
                if !closed {
                    return Err("Invalid or unexpected token".into());
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for n in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                let mut closed = false;
                for n in chars.by_ref() {
                    if prev == '*' && n == '/' {
                        closed = true;
                        break;
                    }
                    prev = n;
                }
                if !closed {
                    return Err("Invalid or unexpected token".into());
                }
            }
            '(' | '[' | '{' => stack.push(c),
            ')' | ']' | '}' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                if stack.pop() != Some(open) {
                    return Err(format!("Unexpected token '{c}'"));
                }
            }
            _ => {}
        }
    }
    if stack.is_empty() {
        Ok(())
    } else {
        Err("Unexpected end of input".into())
    }
}
