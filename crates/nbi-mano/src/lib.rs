//! An O-RAN Intent-MANO client: QoS intents, orchestration plans and deployments, VNFs, TN
//! slices, O2 deployments, monitoring and webhook subscriptions, over nbi-core's resilient
//! transport.
//!
//! # Crate organization
//!
//! * [`Client`] — the entry point ([`Client::builder`], [`Client::from_transports`]) with one
//!   accessor per area: [`Client::orchestrator`] ([`OrchestratorApi`]: intents — a page or
//!   every one through [`List`] —, batch creation ([`CreateIntents`]), plans, deploy,
//!   deployment status, [`WaitForDeployment`] and [`DeploymentEvent`] streams),
//!   [`Client::vnfs`] ([`VnfApi`]), [`Client::tn`] ([`TnApi`]), [`Client::o2`] ([`O2Api`]),
//!   [`Client::monitoring`] ([`MonitoringApi`]) and [`Client::webhooks`] ([`WebhooksApi`]).
//!   [`Client::raw`] sends any call and returns the raw answer; [`Client::api_version`]
//!   holds the latest `API-Version` / `API-Deprecation-Date` / `API-Sunset-Date` ([`ApiVersion`]).
//! * [`models`] — request and response models; unknown fields are kept in `extra`, unknown
//!   enum values in `Other`.
//! * Errors are [`nbi_core::Error`] ([`Error`], [`ErrorKind`]); [`ManoErrorExt`] tells the MANO
//!   kind ([`ManoErrorKind`]: validation, auth, forbidden, not found, conflict, rate limited,
//!   deployment not completed) and the field errors with their codes ([`FieldIssue`]). Every
//!   request body is checked against the spec's constraints before it is sent (bandwidth
//!   1–10,000 Mbps, latency 1–1,000 ms, slice type, reliability 0.95–0.99999 …): a bad one
//!   fails with every broken field named, and nothing is sent.
//! * [`blocking`] — the same surface, blocking.
//!
//! # Example
//!
//! ```
//! use nbi_mano::{Client, QoSIntentRequest, SliceType};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = nbi_sim::spawn(nbi_sim::SimConfig {
//!     services: vec![nbi_sim::Service::Mano],
//!     ..Default::default()
//! })
//! .await?;
//! let endpoint = &sim.endpoints()[0];
//! let nbi_sim::Credentials::JwtLogin { username, password } = &endpoint.credentials else {
//!     unreachable!()
//! };
//! let transport = nbi_core::Transport::builder("mano", "tenant-1")
//!     .base_url(&endpoint.url)
//!     .allow_insecure_http(true)
//!     .rate_limit(nbi_mano::default_rate_limits())
//!     .auth(std::sync::Arc::new(nbi_core::auth::JwtLogin::new(
//!         username.as_str(),
//!         nbi_core::FixedSecret::shared(password.as_str()),
//!     )))
//!     .build()?;
//! let mano = Client::builder().transport(transport).build()?;
//!
//! let intent = mano
//!     .orchestrator()
//!     .create_intent(&QoSIntentRequest::new(100.0, 10.0, SliceType::Urllc).reliability(0.9999))
//!     .await?;
//! let plan = mano.orchestrator().plan_intents(vec![intent.id]).await?;
//! let started = mano.orchestrator().deploy(&plan.id, false).await?;
//! println!("deployment {} is {}", started.deployment_id, started.status);
//! # Ok(()) }
//! ```
//!
//! # Resilience
//!
//! Every call goes through [`nbi_core::Transport`]: the rate limiter per category — the
//! guide's `standard` 1,000, `deployment` 100 and `monitoring` 5,000 requests a minute, which
//! [`Client::from_transports`] applies when the tenant's settings have no `rate_limit` table
//! (a table replaces them; with a transport you build, pass [`default_rate_limits`] to its
//! builder) —, the gate that holds a category while the server reports `X-RateLimit-Remaining:
//! 0` until `X-RateLimit-Reset`; the bulkhead (20 in flight); the circuit breaker per (service,
//! tenant, base URL); JWT login with refresh ahead of `exp` and one renewal on a 401 for all
//! concurrent callers (`jwt-login`, `/auth/login` and `/auth/refresh` by default); timeouts per
//! operation class (list / get 10 s, create / update / delete / plan / deploy / scale 30 s,
//! health 5 s, a performance test its duration plus 30 s); and retries of 429 / 5xx /
//! connection failures with full-jitter backoff honouring `Retry-After`. Creations are retried
//! only when they never reached the server; plans and scale requests are replayable. Health
//! and metrics go out without a token.
//!
//! # Features
//!
//! * `blocking` (default) — documents [`blocking::Client`]; the blocking mode itself is
//!   nbi-core's.
//!
//! The spec has no path for an orchestrator deployment's status; this client reads it at
//! `GET /orchestrator/deployments/{id}` (the guide's `GetDeploymentStatus`). The client does
//! not receive webhooks (that is nbi-webhooks) and caches nothing.
#![deny(missing_docs)]

mod api;
pub mod blocking;
mod client;
mod config;
mod endpoint;
mod error;
pub mod models;
mod validate;
mod version;

pub use crate::api::{
    BatchItem, CreateIntents, DeploymentEvent, List, MonitoringApi, O2Api, OrchestratorApi, TnApi,
    VnfApi, WaitForDeployment, WebhooksApi,
};
pub use crate::client::{Client, ClientBuilder, default_rate_limits};
pub use crate::error::{FieldIssue, ManoErrorExt, ManoErrorKind};
pub use crate::models::{
    CloudType, DeploymentManager, DeploymentRequest, DeploymentState, DeploymentStatus, Health,
    IntentStatus, NfDeployment, NfDeploymentStatus, NfDescriptor, OrchestrationPlan,
    PerformanceMetrics, PerformanceTestConfig, PlanRequest, QoSIntent, QoSIntentRequest,
    SliceMetrics, SliceType, Subscription, SubscriptionRequest, Timeframe, TnAgent, TnAgentRequest,
    TnSliceConfig, TnSliceStatus, TnStatus, Vnf, VnfRequest, VnfStatus, VnfType, WebhookEvent,
};
pub use crate::version::ApiVersion;
pub use nbi_core::{Error, ErrorKind, Page, Result};
pub use tokio_util::sync::CancellationToken;
