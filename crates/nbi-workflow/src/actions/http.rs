//! `core.http`: one request to a service of the workflow's tenant, through the same resilient
//! transport every client uses (auth, rate limits, breaker, retries from the settings).

use async_trait::async_trait;
use http::Method;
use nbi_core::{Operation, OperationClass, RequestSpec, Transports};
use serde_json::{Map, Value, json};

use super::input;
use crate::{Action, ActionError, StepContext};

const KEYS: &[&str] = &["service", "method", "path", "query", "body"];

/// `core.http` — input `{ service, method, path, query, body }`: `service` names a table of
/// `[tenants.<tenant>]` in the settings, `method` is GET (default), POST, PUT, PATCH or
/// DELETE, `path` starts with `/` (query parameters go in `query`, an object of scalars) and
/// `body` is sent as JSON. Result `{ status, body }`, the body decoded as JSON when it is
/// JSON, else as text, `null` when empty. A non-2xx answer fails the step: 5xx, 429,
/// timeouts and lost connections may be retried, other statuses not.
#[derive(Debug, Clone)]
pub struct HttpAction {
    transports: Transports,
}

impl HttpAction {
    /// `core.http` over the transports of these settings.
    pub fn new(transports: Transports) -> Self {
        HttpAction { transports }
    }
}

/// A request read from the step's input.
struct Call<'a> {
    service: &'a str,
    method: Method,
    path: &'a str,
    query: Option<&'a Map<String, Value>>,
    body: Option<&'a Value>,
}

fn method(map: &Map<String, Value>) -> Result<Method, String> {
    let name = match map.get("method") {
        None => return Ok(Method::GET),
        Some(Value::String(s)) => s.to_ascii_uppercase(),
        Some(other) => return Err(format!("`method` must be a string, not {other}")),
    };
    match name.as_str() {
        "GET" => Ok(Method::GET),
        "POST" => Ok(Method::POST),
        "PUT" => Ok(Method::PUT),
        "PATCH" => Ok(Method::PATCH),
        "DELETE" => Ok(Method::DELETE),
        _ => Err(format!(
            "`method` {name} is not GET, POST, PUT, PATCH or DELETE"
        )),
    }
}

fn parse(input: &Value) -> Result<Call<'_>, String> {
    let map = input::object(input, KEYS)?;
    let query = match map.get("query") {
        None => None,
        Some(Value::Object(q)) => Some(q),
        Some(other) => return Err(format!("`query` must be an object, not {other}")),
    };
    Ok(Call {
        service: input::string(map, "service")?,
        method: method(map)?,
        path: input::string(map, "path")?,
        query,
        body: map.get("body"),
    })
}

fn check_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(format!("`path` {path} must start with a single `/`"));
    }
    if path.contains(['?', '#', '{', '}']) || path.chars().any(char::is_control) {
        return Err(format!(
            "`path` {path} may not hold `?`, `#`, braces or control characters (put query parameters in `query`)"
        ));
    }
    Ok(())
}

fn class(method: &Method) -> OperationClass {
    match *method {
        Method::GET => OperationClass::GET,
        Method::POST => OperationClass::CREATE,
        Method::DELETE => OperationClass::DELETE,
        _ => OperationClass::UPDATE,
    }
}

fn decode(body: &[u8]) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
}

#[async_trait]
impl Action for HttpAction {
    fn check(&self, input: &Value, tenant: &str) -> Result<(), String> {
        let call = parse(input)?;
        if call.service.contains("${") {
            return Err("`service` must be written out, not a reference".to_owned());
        }
        if self
            .transports
            .settings()
            .service(tenant, call.service)
            .is_none()
        {
            return Err(format!(
                "`service` {}: the settings have no [tenants.{tenant}.{}]",
                call.service, call.service
            ));
        }
        if !call.path.contains("${") {
            check_path(call.path)?;
        }
        Ok(())
    }

    async fn run(&self, input: Value, ctx: &StepContext) -> Result<Value, ActionError> {
        let call = parse(&input).map_err(ActionError::permanent)?;
        check_path(call.path).map_err(ActionError::permanent)?;
        let transport = self.transports.transport(ctx.tenant(), call.service)?;
        // One operation name for every call keeps the metric label set bounded.
        let operation = Operation::dynamic("workflow_http", class(&call.method));
        let mut spec = RequestSpec::new(call.method, operation, call.path.to_owned());
        for (key, value) in call.query.into_iter().flatten() {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Number(_) | Value::Bool(_) => value.to_string(),
                other => {
                    return Err(ActionError::permanent(format!(
                        "`query.{key}` must be a string, number or boolean, not {other}"
                    )));
                }
            };
            spec = spec.query(key.clone(), text);
        }
        if let Some(body) = call.body {
            spec = spec.json(body);
        }
        let response = transport.send(spec).await?;
        Ok(json!({
            "status": response.status().as_u16(),
            "body": decode(response.body()),
        }))
    }
}
