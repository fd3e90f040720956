//! What one call asks for: [`RequestSpec`], its [`Operation`] and [`Idempotency`].

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method};
use serde::Serialize;

use crate::auth::Credential;
use crate::error::{Error, Result};

/// A timeout class: operations of one class share a timeout (see [`crate::Timeouts`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OperationClass(Cow<'static, str>);

impl OperationClass {
    /// Cheap liveness probes.
    pub const HEALTH_CHECK: Self = Self::from_static("health_check");
    /// Listing a collection.
    pub const LIST: Self = Self::from_static("list");
    /// Reading one item.
    pub const GET: Self = Self::from_static("get");
    /// Creating an item.
    pub const CREATE: Self = Self::from_static("create");
    /// Changing an item.
    pub const UPDATE: Self = Self::from_static("update");
    /// Deleting an item.
    pub const DELETE: Self = Self::from_static("delete");
    /// Enabling a device.
    pub const ENABLE: Self = Self::from_static("enable");
    /// Disabling a device.
    pub const DISABLE: Self = Self::from_static("disable");
    /// Running a task on a device (GenieACS).
    pub const TASK: Self = Self::from_static("task");
    /// Provisioning a device or subscriber.
    pub const PROVISION: Self = Self::from_static("provision");
    /// Rebooting a device.
    pub const REBOOT: Self = Self::from_static("reboot");
    /// Allocating a resource (NetBox IPs).
    pub const ALLOCATE: Self = Self::from_static("allocate");
    /// Logging in or fetching a token.
    pub const AUTH: Self = Self::from_static("auth");

    /// A class with a static name.
    pub const fn from_static(name: &'static str) -> Self {
        OperationClass(Cow::Borrowed(name))
    }

    /// A class with any name; unknown classes use the default timeout.
    pub fn new(name: impl Into<Cow<'static, str>>) -> Self {
        OperationClass(name.into())
    }

    /// The class's name, as used in settings (`timeouts = { list = 15.0 }`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OperationClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The rate-limit category used when an operation names none.
pub const STANDARD_CATEGORY: &str = "standard";

/// A named operation from a client's endpoint table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    name: Cow<'static, str>,
    class: OperationClass,
    category: Cow<'static, str>,
}

impl Operation {
    /// An operation `name` (a bounded set: it is a metric label) of timeout class `class`.
    pub const fn new(name: &'static str, class: OperationClass) -> Self {
        Operation {
            name: Cow::Borrowed(name),
            class,
            category: Cow::Borrowed(STANDARD_CATEGORY),
        }
    }

    /// An operation in a rate-limit category (`deployment`, `monitoring`, …).
    pub const fn in_category(
        name: &'static str,
        class: OperationClass,
        category: &'static str,
    ) -> Self {
        Operation {
            name: Cow::Borrowed(name),
            class,
            category: Cow::Borrowed(category),
        }
    }

    /// An operation whose name is only known at run time (generic sources).
    pub fn dynamic(name: impl Into<Cow<'static, str>>, class: OperationClass) -> Self {
        Operation {
            name: name.into(),
            class,
            category: Cow::Borrowed(STANDARD_CATEGORY),
        }
    }

    /// The operation's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its timeout class.
    pub fn class(&self) -> &OperationClass {
        &self.class
    }

    /// Its rate-limit category.
    pub fn rate_category(&self) -> &str {
        &self.category
    }
}

/// Whether a request may be sent again after it may have reached the server.
#[derive(Clone, PartialEq, Eq)]
pub enum Idempotency {
    /// Sending it twice has the same effect as once (GET, PUT, DELETE, …).
    Idempotent,
    /// It may act twice; retried only when it provably never reached the server.
    NonIdempotent,
    /// Not idempotent by method, but the server deduplicates by this key
    /// (sent as `Idempotency-Key`), so it may be retried.
    Key(String),
}

impl Idempotency {
    /// The default for a method: POST and PATCH are not idempotent.
    pub fn for_method(method: &Method) -> Self {
        if *method == Method::POST || *method == Method::PATCH {
            Idempotency::NonIdempotent
        } else {
            Idempotency::Idempotent
        }
    }

    /// True when the request may be replayed after it may have reached the server.
    pub fn allows_replay(&self) -> bool {
        !matches!(self, Idempotency::NonIdempotent)
    }
}

impl fmt::Debug for Idempotency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Idempotency::Idempotent => f.write_str("Idempotent"),
            Idempotency::NonIdempotent => f.write_str("NonIdempotent"),
            Idempotency::Key(_) => f.write_str("Key(..)"),
        }
    }
}

/// Builds a body from the current credential, for protocols that carry a session id inside the
/// body (CMS NETCONF). Called once per attempt, so a replay after a re-login gets the new id.
pub type BodyFn = Arc<dyn Fn(&Credential) -> Result<Bytes> + Send + Sync>;

/// A request body.
#[derive(Clone, Default)]
pub enum Body {
    /// No body.
    #[default]
    Empty,
    /// Fixed bytes with a content type.
    Bytes {
        /// `Content-Type` to send.
        content_type: HeaderValue,
        /// The bytes.
        bytes: Bytes,
    },
    /// A body rendered per attempt from the credential.
    WithCredential {
        /// `Content-Type` to send.
        content_type: HeaderValue,
        /// The renderer.
        render: BodyFn,
    },
}

impl fmt::Debug for Body {
    // Bodies may hold secrets (a login form): show only their size.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Bytes { bytes, .. } => write!(f, "Bytes({} bytes)", bytes.len()),
            Body::WithCredential { .. } => f.write_str("WithCredential"),
        }
    }
}

/// One call: operation, method, path template and parameters, query, headers, body.
///
/// The service, tenant and base URL are the [`crate::Transport`]'s.
///
/// ```
/// use nbi_core::{Operation, OperationClass, RequestSpec};
/// const GET_DEVICE: Operation = Operation::new("get_device", OperationClass::GET);
/// let spec = RequestSpec::get(GET_DEVICE, "/api/dcim/devices/{id}/")
///     .path_param("id", "42")
///     .query("brief", "true");
/// assert_eq!(spec.path(), "/api/dcim/devices/42/");
/// assert_eq!(spec.path_template(), "/api/dcim/devices/{id}/");
/// ```
#[derive(Clone)]
pub struct RequestSpec {
    operation: Operation,
    method: Method,
    path_template: Cow<'static, str>,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Body,
    idempotency: Idempotency,
    timeout: Option<Duration>,
    error: Option<String>,
}

impl fmt::Debug for RequestSpec {
    // Query values, header values and the rendered path may carry secrets or personal data:
    // show the template, the names and the sizes only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestSpec")
            .field("operation", &self.operation.name())
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field(
                "query_keys",
                &self
                    .query
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body", &self.body)
            .field("idempotency", &self.idempotency)
            .finish_non_exhaustive()
    }
}

impl RequestSpec {
    /// A request for `operation` with `method` on `path_template` (placeholders `{name}`).
    pub fn new(
        method: Method,
        operation: Operation,
        path_template: impl Into<Cow<'static, str>>,
    ) -> Self {
        let path_template = path_template.into();
        RequestSpec {
            operation,
            idempotency: Idempotency::for_method(&method),
            method,
            path: path_template.to_string(),
            path_template,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: Body::Empty,
            timeout: None,
            error: None,
        }
    }

    /// A GET request.
    pub fn get(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::GET, operation, path_template)
    }

    /// A POST request (not idempotent unless given a key).
    pub fn post(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::POST, operation, path_template)
    }

    /// A PUT request.
    pub fn put(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::PUT, operation, path_template)
    }

    /// A PATCH request (not idempotent unless given a key).
    pub fn patch(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::PATCH, operation, path_template)
    }

    /// A DELETE request.
    pub fn delete(operation: Operation, path_template: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Method::DELETE, operation, path_template)
    }

    /// Fills the placeholder `{name}` with `value`, percent-encoded as one path segment.
    pub fn path_param(mut self, name: &str, value: impl fmt::Display) -> Self {
        let placeholder = format!("{{{name}}}");
        if !self.path.contains(&placeholder) {
            self.error
                .get_or_insert_with(|| format!("path template has no {{{name}}}"));
            return self;
        }
        let value = value.to_string();
        if value.is_empty() || value == "." || value == ".." {
            self.error
                .get_or_insert_with(|| format!("path parameter {name} is empty or a dot segment"));
            return self;
        }
        let encoded = url::form_urlencoded::byte_serialize(value.as_bytes())
            .collect::<String>()
            .replace('+', "%20");
        self.path = self.path.replace(&placeholder, &encoded);
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Adds a query parameter when `value` is `Some`.
    pub fn query_opt<V: fmt::Display>(self, key: impl Into<String>, value: Option<V>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Adds every field of a serializable value as query parameters.
    pub fn query_struct<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        match serde_json::to_value(value) {
            Ok(serde_json::Value::Object(map)) => {
                for (k, v) in map {
                    match v {
                        serde_json::Value::Null => {}
                        serde_json::Value::String(s) => self.query.push((k, s)),
                        other => self.query.push((k, other.to_string())),
                    }
                }
            }
            Ok(_) => {
                self.error
                    .get_or_insert_with(|| "query parameters must be a struct or map".into());
            }
            Err(e) => {
                self.error
                    .get_or_insert_with(|| format!("query parameters: {e}"));
            }
        }
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, value: &T) -> Self {
        match serde_json::to_vec(value) {
            Ok(bytes) => {
                self.body = Body::Bytes {
                    content_type: HeaderValue::from_static("application/json"),
                    bytes: bytes.into(),
                }
            }
            Err(e) => {
                self.error.get_or_insert_with(|| format!("JSON body: {e}"));
            }
        }
        self
    }

    /// Sets a body of the given content type.
    pub fn body(mut self, content_type: &'static str, bytes: impl Into<Bytes>) -> Self {
        self.body = Body::Bytes {
            content_type: HeaderValue::from_static(content_type),
            bytes: bytes.into(),
        };
        self
    }

    /// Sets a body rendered per attempt from the current credential (see [`BodyFn`]).
    pub fn body_with_credential(mut self, content_type: &'static str, render: BodyFn) -> Self {
        self.body = Body::WithCredential {
            content_type: HeaderValue::from_static(content_type),
            render,
        };
        self
    }

    /// Marks the request as safe to replay, or not.
    pub fn idempotent(mut self, yes: bool) -> Self {
        self.idempotency = if yes {
            Idempotency::Idempotent
        } else {
            Idempotency::NonIdempotent
        };
        self
    }

    /// Gives a non-idempotent request a key the server deduplicates by; it may then be retried.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency = Idempotency::Key(key.into());
        self
    }

    /// Overrides the timeout of the operation's class for this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The operation.
    pub fn operation(&self) -> &Operation {
        &self.operation
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template, as it appears in logs, metrics and errors.
    pub fn path_template(&self) -> &str {
        &self.path_template
    }

    /// The rendered path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters.
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    /// Extra headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Mutable headers, for interceptors.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// The body.
    pub fn body_ref(&self) -> &Body {
        &self.body
    }

    /// Whether and how the request may be replayed.
    pub fn idempotency(&self) -> &Idempotency {
        &self.idempotency
    }

    /// The per-call timeout override.
    pub fn timeout_override(&self) -> Option<Duration> {
        self.timeout
    }

    /// Fails with [`crate::ErrorKind::Build`] if a setter got bad input.
    pub fn validate(&self) -> Result<()> {
        match &self.error {
            Some(e) => Err(Error::build(format!("{}: {e}", self.operation.name()))),
            None if self.path.contains('{') => Err(Error::build(format!(
                "{}: path template {} has unfilled placeholders",
                self.operation.name(),
                self.path_template
            ))),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
