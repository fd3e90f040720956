//! [`Transport`]: one (service, tenant, base URL) endpoint with its pooled HTTP client and the
//! whole request pipeline.
//!
//! Every call runs, in order: the rate limiter for (service, tenant, category) — it waits,
//! never drops — and the gate that holds calls while the server reports its quota spent; the
//! bulkhead (at most `max_concurrency` in flight); the circuit breaker (open = fail fast with no
//! I/O); auth (renewed ahead of expiry; a rejection renews once for all concurrent callers and
//! replays once); the send, with the operation class's timeout, over a pooled keep-alive
//! connection; classification (the client's classifiers first, then the status); and retry of
//! transient failures with full-jitter backoff, `Retry-After`, a total deadline and a budget.

pub(crate) mod attempt;
mod builder;
mod client;
mod pipeline;
mod proxy;
mod settings;

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use url::Url;

pub use builder::{DEFAULT_AUTH_SKEW, DEFAULT_MAX_CONCURRENCY, TransportBuilder};
pub use client::TlsOptions;
pub use proxy::ProxyConfig;
pub use settings::Transports;

use crate::auth::{AuthContext, AuthState};
use crate::breaker::{BreakerState, CircuitBreaker};
use crate::clock::SharedClock;
use crate::error::Result;
use crate::interceptor::SharedInterceptor;
use crate::limit::{Bulkhead, RateLimitGate, RateLimiter};
use crate::request::RequestSpec;
use crate::response::{Response, decode_json};
use crate::retry::{Backoff, RetryBudget, RetryConfig, SharedClassifier};
use crate::telemetry::{EndpointMetrics, Metrics};
use crate::timeouts::Timeouts;

/// The resilient HTTP transport of one (service, tenant, base URL).
///
/// Cheap to clone: clones share the connection pool, breaker, limits, budget and credential.
///
/// ```no_run
/// use nbi_core::{Operation, OperationClass, RequestSpec, Transport};
/// # async fn run() -> nbi_core::Result<()> {
/// const LIST_DEVICES: Operation = Operation::new("list_devices", OperationClass::LIST);
/// let netbox = Transport::builder("netbox", "acme")
///     .base_url("https://netbox.acme.example")
///     .build()?;
/// let page: serde_json::Value = netbox
///     .json(RequestSpec::get(LIST_DEVICES, "/api/dcim/devices/").query("limit", 50))
///     .await?;
/// # let _ = page; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    service: String,
    tenant: String,
    base_url: Url,
    http: reqwest::Client,
    timeouts: Timeouts,
    retry: RetryConfig,
    backoff: Backoff,
    budget: RetryBudget,
    breaker: CircuitBreaker,
    limiter: RateLimiter,
    gate: RateLimitGate,
    bulkhead: Bulkhead,
    auth: Option<AuthState>,
    auth_ctx: AuthContext,
    classifiers: Vec<SharedClassifier>,
    interceptors: Vec<SharedInterceptor>,
    metrics: EndpointMetrics,
    clock: SharedClock,
    max_body: usize,
}

impl Transport {
    /// Starts a transport for `service` (a settings table name such as `netbox`) of `tenant`.
    pub fn builder(service: impl Into<String>, tenant: impl Into<String>) -> TransportBuilder {
        TransportBuilder::new(service.into(), tenant.into())
    }

    /// Sends a call through the pipeline and returns the successful response.
    pub async fn send(&self, spec: RequestSpec) -> Result<Response> {
        self.inner.call(&spec).await
    }

    /// Sends a call and decodes its JSON body; a decode error names the JSON path.
    pub async fn json<T: DeserializeOwned>(&self, spec: RequestSpec) -> Result<T> {
        let response = self.inner.call(&spec).await?;
        decode_json(response.body()).map_err(|e| {
            e.with_context(
                self.inner
                    .context(&spec, response.attempts(), response.elapsed()),
            )
        })
    }

    /// The service name.
    pub fn service(&self) -> &str {
        &self.inner.service
    }

    /// The tenant name.
    pub fn tenant(&self) -> &str {
        &self.inner.tenant
    }

    /// The base URL (without credentials or query).
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The breaker guarding this endpoint (for force-open/close and state).
    pub fn breaker(&self) -> &CircuitBreaker {
        &self.inner.breaker
    }

    /// The breaker's state now.
    pub fn breaker_state(&self) -> BreakerState {
        self.inner.breaker.state()
    }

    /// The metrics this transport records into.
    pub fn metrics(&self) -> &Metrics {
        self.inner.metrics.metrics()
    }

    /// How many times the credential was obtained or renewed (0 without auth).
    pub fn auth_renewals(&self) -> u64 {
        self.inner.auth.as_ref().map_or(0, AuthState::renewals)
    }

    /// The timeout of each operation class.
    pub fn timeouts(&self) -> &Timeouts {
        &self.inner.timeouts
    }

    /// Logs in afresh through the auth provider (a real login or token request, never the
    /// cached credential) and keeps the result for later calls. Returns the scheme and the new
    /// credential's expiry; `None` when the transport has no auth.
    ///
    /// Static schemes (basic, bearer, token) log in without I/O: only a call shows whether the
    /// server accepts them.
    pub async fn login(&self) -> Result<Option<LoginOutcome>> {
        let Some(auth) = &self.inner.auth else {
            return Ok(None);
        };
        let issued = auth.login_now(&self.inner.auth_ctx).await?;
        Ok(Some(LoginOutcome {
            scheme: auth.provider().scheme(),
            expires_at: issued.credential.expires_at(),
        }))
    }

    /// Ends the credential's life on the server (session logout) and forgets it. Connections
    /// close when the last clone of the transport is dropped.
    pub async fn shutdown(&self) -> Result<()> {
        match &self.inner.auth {
            Some(auth) => auth.logout(&self.inner.auth_ctx).await,
            None => Ok(()),
        }
    }
}

/// What [`Transport::login`] obtained (never the credential itself).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoginOutcome {
    /// The provider's scheme (`basic`, `oauth2`, `jwt_login` …).
    pub scheme: &'static str,
    /// When the credential expires, if it says.
    pub expires_at: Option<std::time::SystemTime>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.inner;
        f.debug_struct("Transport")
            .field("service", &i.service)
            .field("tenant", &i.tenant)
            .field("base_url", &i.base_url.as_str())
            .field("auth", &i.auth.as_ref().map(|a| a.provider().scheme()))
            .field("breaker", &i.breaker.state())
            .field("max_in_flight", &i.bulkhead.capacity())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
fn _assert_impls() {
    fn is_send_sync_clone<T: Send + Sync + Clone>() {}
    is_send_sync_clone::<Transport>();
}
