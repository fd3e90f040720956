//! Hooks that run around every attempt: add headers before sending, audit each outcome after.
//!
//! Interceptors see the call's identity (service, tenant, operation, path template, attempt),
//! never the rendered path, the query string or the body, so an audit trail built on them
//! cannot leak what the request carried.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};

use crate::error::{ErrorKind, Result};

/// A hook called by the transport around each attempt of a call.
pub trait Interceptor: Send + Sync + fmt::Debug {
    /// Called before each attempt; may add or change headers. An error aborts the call before
    /// anything is sent (use kind [`ErrorKind::Build`]).
    fn before_send(&self, ctx: &InterceptContext<'_>, headers: &mut HeaderMap) -> Result<()> {
        let _ = (ctx, headers);
        Ok(())
    }

    /// Called after each attempt with its outcome, for audit trails and custom accounting.
    fn after_attempt(&self, ctx: &InterceptContext<'_>, outcome: &AttemptOutcome) {
        let _ = (ctx, outcome);
    }
}

/// An interceptor shared by every call of a client.
pub type SharedInterceptor = Arc<dyn Interceptor>;

/// Which call and attempt an interceptor is looking at.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct InterceptContext<'a> {
    /// Service name from the settings.
    pub service: &'a str,
    /// Tenant name from the settings.
    pub tenant: &'a str,
    /// The operation's name from the client's endpoint table.
    pub operation: &'a str,
    /// HTTP method.
    pub method: &'a Method,
    /// The path template (`/api/dcim/devices/{id}/`), never the rendered path.
    pub path_template: &'a str,
    /// The attempt number, starting at 1.
    pub attempt: u32,
}

impl<'a> InterceptContext<'a> {
    /// A context for one attempt of a call.
    pub fn new(
        service: &'a str,
        tenant: &'a str,
        operation: &'a str,
        method: &'a Method,
        path_template: &'a str,
        attempt: u32,
    ) -> Self {
        InterceptContext {
            service,
            tenant,
            operation,
            method,
            path_template,
            attempt,
        }
    }
}

/// How one attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttemptOutcome {
    /// A response arrived (any status, failures included).
    Response {
        /// Its status.
        status: StatusCode,
        /// Time the attempt took.
        elapsed: Duration,
    },
    /// No usable response arrived.
    Failed {
        /// Why (connect, timeout, I/O, open circuit, …).
        kind: ErrorKind,
        /// Time the attempt took.
        elapsed: Duration,
    },
}

impl AttemptOutcome {
    /// The value of the `status` metric label and span field: the HTTP code as text or the
    /// error kind's name.
    pub fn status_label(&self) -> std::borrow::Cow<'static, str> {
        match self {
            AttemptOutcome::Response { status, .. } => status.as_u16().to_string().into(),
            AttemptOutcome::Failed { kind, .. } => kind.as_str().into(),
        }
    }

    /// Time the attempt took.
    pub fn elapsed(&self) -> Duration {
        match self {
            AttemptOutcome::Response { elapsed, .. } | AttemptOutcome::Failed { elapsed, .. } => {
                *elapsed
            }
        }
    }
}

/// An interceptor that sets one header on every attempt (a tenant ID, a correlation header).
///
/// Its `Debug` output names the header but never shows the value, which may be a credential.
#[derive(Clone)]
pub struct AddHeader {
    name: HeaderName,
    value: HeaderValue,
}

impl AddHeader {
    /// Sets `name: value` on every attempt, replacing any earlier value.
    pub fn new(name: HeaderName, value: HeaderValue) -> Self {
        AddHeader { name, value }
    }
}

impl fmt::Debug for AddHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AddHeader")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Interceptor for AddHeader {
    fn before_send(&self, _ctx: &InterceptContext<'_>, headers: &mut HeaderMap) -> Result<()> {
        headers.insert(self.name.clone(), self.value.clone());
        Ok(())
    }
}

#[cfg(test)]
fn _object_safe(_: &dyn Interceptor) {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Debug, Default)]
    struct Audit {
        seen: Mutex<Vec<String>>,
    }

    impl Interceptor for Audit {
        fn after_attempt(&self, ctx: &InterceptContext<'_>, outcome: &AttemptOutcome) {
            self.seen.lock().unwrap().push(format!(
                "{} {} {} #{} {}",
                ctx.tenant,
                ctx.method,
                ctx.path_template,
                ctx.attempt,
                outcome.status_label()
            ));
        }
    }

    fn ctx(attempt: u32) -> InterceptContext<'static> {
        InterceptContext::new(
            "netbox",
            "acme",
            "get_device",
            &Method::GET,
            "/api/dcim/devices/{id}/",
            attempt,
        )
    }

    #[test]
    fn add_header_sets_its_header_and_hides_the_value() {
        let add: SharedInterceptor = Arc::new(AddHeader::new(
            HeaderName::from_static("x-tenant-token"),
            HeaderValue::from_static("s3cr3t"),
        ));
        let mut headers = HeaderMap::new();
        headers.insert("x-tenant-token", HeaderValue::from_static("old"));
        add.before_send(&ctx(1), &mut headers).unwrap();
        assert_eq!(headers["x-tenant-token"], "s3cr3t");
        assert_eq!(headers.len(), 1);
        assert!(!format!("{add:?}").contains("s3cr3t"));
        add.after_attempt(
            &ctx(1),
            &AttemptOutcome::Failed {
                kind: ErrorKind::Timeout,
                elapsed: Duration::ZERO,
            },
        );
    }

    #[test]
    fn defaults_do_nothing_and_outcomes_reach_the_audit() {
        let audit = Audit::default();
        let mut headers = HeaderMap::new();
        audit.before_send(&ctx(1), &mut headers).unwrap();
        assert!(headers.is_empty());
        audit.after_attempt(
            &ctx(1),
            &AttemptOutcome::Response {
                status: StatusCode::SERVICE_UNAVAILABLE,
                elapsed: Duration::from_millis(5),
            },
        );
        let failed = AttemptOutcome::Failed {
            kind: ErrorKind::Connect,
            elapsed: Duration::from_millis(1),
        };
        audit.after_attempt(&ctx(2), &failed);
        assert_eq!(failed.elapsed(), Duration::from_millis(1));
        assert_eq!(
            *audit.seen.lock().unwrap(),
            [
                "acme GET /api/dcim/devices/{id}/ #1 503",
                "acme GET /api/dcim/devices/{id}/ #2 connect"
            ]
        );
    }
}
