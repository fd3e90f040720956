//! The one resilient, multi-tenant HTTP transport under every nbi client.
//!
//! # Crate organization
//!
//! * [`Transport`] — the entry point: one (service, tenant, base URL) endpoint with a pooled
//!   rustls client and the whole request pipeline; built with [`Transport::builder`] or, from
//!   settings, with [`Transports`].
//! * [`RequestSpec`], [`Operation`], [`OperationClass`], [`Idempotency`] — what one call asks for.
//! * [`Response`] — status, headers and a capped body, decoded as JSON ([`Response::json`]) or
//!   hardened XML ([`Response::xml`]).
//! * [`retry`], [`breaker`], [`limit`] — the resilience policies; [`auth`] — one provider per
//!   scheme with single-flight renewal; [`secret`] — secret values and their sources.
//! * [`config`] — the layered `nbi.toml` settings; [`telemetry`] — spans, Prometheus metrics,
//!   log setup and redaction; [`cache`], [`xml`], [`interceptor`] — helpers the clients share.
//! * [`mode`] — [`Async`] and [`Blocking`]: each client's surface is written once for both;
//!   [`paging`] — [`Page`] and [`paginate`], the stream over every page of a listing.
//! * [`Error`] — the one error type: [`Error::kind`], [`Error::context`], [`Error::problem`].
//!
//! # Example
//!
//! ```no_run
//! use std::sync::Arc;
//! use nbi_core::auth::TokenAuth;
//! use nbi_core::{FixedSecret, Operation, OperationClass, RequestSpec, Transport};
//!
//! const GET_DEVICE: Operation = Operation::new("get_device", OperationClass::GET);
//!
//! # async fn run() -> nbi_core::Result<()> {
//! let netbox = Transport::builder("netbox", "acme")
//!     .base_url("https://netbox.acme.example")
//!     .auth(Arc::new(TokenAuth::new(FixedSecret::shared("0123456789abcdef"))))
//!     .build()?;
//! let device: serde_json::Value = netbox
//!     .json(RequestSpec::get(GET_DEVICE, "/api/dcim/devices/{id}/").path_param("id", 7))
//!     .await?;
//! # let _ = device; Ok(()) }
//! ```
//!
//! # Resilience
//!
//! Every call runs, in order: the rate limiter of (service, tenant, category) (waits, never
//! drops; absent settings = unlimited) and the gate that holds calls while the server reports
//! `X-RateLimit-Remaining: 0`; the bulkhead (20 in flight by default); the circuit breaker
//! (5 consecutive failures, or a 50 % failure rate or 80 % slow-call rate over the last 50 calls
//! with at least 20, open it for 60 s; 3 probes when half-open); auth (renewed 5 min — at most
//! half the lifetime — before expiry; a 401 renews once for all concurrent callers and replays
//! once); the send with the operation class's timeout (see [`Timeouts`]); classification (the
//! client's [`retry::Classifier`]s first); and retry (4 attempts, full-jitter backoff from 200 ms
//! to 10 s, `Retry-After` honoured, a 60 s deadline, retries at most 20 % of recent calls).
//!
//! # Features
//!
//! * `otlp` — export tracing spans over OTLP (HTTP/protobuf), see [`telemetry`].
//!
//! nbi-core does not know any NBI's endpoints or models: those live in the client crates.
#![deny(missing_docs)]

pub mod auth;
pub mod breaker;
pub mod cache;
pub mod clock;
pub mod config;
pub mod error;
pub mod interceptor;
pub mod limit;
pub mod mode;
pub mod paging;
pub mod request;
pub mod response;
pub mod retry;
pub mod secret;
pub mod telemetry;
mod timeouts;
mod transport;
pub mod xml;

pub use crate::auth::{AuthContext, AuthProvider, Credential, SharedAuth};
pub use crate::breaker::{
    BreakerConfig, BreakerKey, BreakerOpen, BreakerPermit, BreakerRegistry, BreakerState,
    CircuitBreaker,
};
pub use crate::cache::ResponseCache;
pub use crate::clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use crate::config::{LoadOptions, Loaded, Settings};
pub use crate::error::{
    Error, ErrorKind, FieldError, ProblemDetails, ProblemStatus, RawResponse, RequestContext,
    Result,
};
pub use crate::interceptor::{
    AddHeader, AttemptOutcome, InterceptContext, Interceptor, SharedInterceptor,
};
pub use crate::limit::{Bulkhead, BulkheadPermit, RateLimitConfig, RateLimitGate, RateLimiter};
pub use crate::mode::{Async, Blocking, Mode};
pub use crate::paging::{Page, paginate};
pub use crate::request::{Body, BodyFn, Idempotency, Operation, OperationClass, RequestSpec};
pub use crate::response::Response;
pub use crate::retry::RetryConfig;
pub use crate::secret::{
    ExposeSecret, FixedSecret, SecretResolver, SecretSource, SecretString, SharedSecret,
};
pub use crate::telemetry::{LogFormat, Metrics};
pub use crate::timeouts::Timeouts;
pub use crate::transport::{
    DEFAULT_AUTH_SKEW, DEFAULT_MAX_CONCURRENCY, LoginOutcome, ProxyConfig, TlsOptions, Transport,
    TransportBuilder, Transports,
};
pub use crate::xml::{XmlElement, XmlLimits};
