use std::fmt;
use std::time::Duration;

use http::Method;

/// Which call an error belongs to: never a query string, a header or a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestContext {
    /// Service name from the settings (`netbox`, `core-nms`, …).
    pub service: String,
    /// Tenant name from the settings.
    pub tenant: String,
    /// The operation's name from the client's endpoint table (`list_devices`).
    pub operation: String,
    /// HTTP method.
    pub method: Method,
    /// The path template (`/api/dcim/devices/{id}/`), never the rendered path.
    pub path_template: String,
    /// How many attempts were made.
    pub attempts: u32,
    /// Time from the start of the call to the error.
    pub elapsed: Duration,
}

impl RequestContext {
    /// A context for a call before its first attempt.
    pub fn new(
        service: impl Into<String>,
        tenant: impl Into<String>,
        operation: impl Into<String>,
        method: Method,
        path_template: impl Into<String>,
    ) -> Self {
        RequestContext {
            service: service.into(),
            tenant: tenant.into(),
            operation: operation.into(),
            method,
            path_template: path_template.into(),
            attempts: 0,
            elapsed: Duration::ZERO,
        }
    }
}

impl fmt::Display for RequestContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}] {}", self.service, self.tenant, self.operation)
    }
}
