//! What every call reports: Prometheus metrics, tracing spans, log setup and redaction.
//!
//! # Metrics
//!
//! Names and labels are a contract: dashboards and alerts depend on them.
//!
//! | Metric (as exported)                  | Type      | Labels                                  |
//! |---------------------------------------|-----------|-----------------------------------------|
//! | `nbi_requests_total`                  | counter   | `service`, `tenant`, `operation`, `status` |
//! | `nbi_request_duration_seconds`        | histogram | `service`, `tenant`, `operation`        |
//! | `nbi_retries_total`                   | counter   | `service`, `tenant`, `operation`        |
//! | `nbi_circuit_state`                   | gauge     | `service`, `tenant` (0 closed, 1 half-open, 2 open) |
//! | `nbi_inflight`                        | gauge     | `service`, `tenant`                     |
//! | `nbi_fleet_devices_total`             | counter   | `tenant`, `outcome`                     |
//! | `nbi_fleet_run_duration_seconds`      | histogram | none                                    |
//!
//! `status` is the final HTTP code as text (`"200"`, `"503"`) or, when no usable response
//! arrived, the error kind's name ([`ErrorKind::as_str`](crate::ErrorKind::as_str)): `timeout`,
//! `connect`, `io`, `circuit_open`, `rate_limited`, `auth`, `decode`, …. `operation` is the name
//! from the client's endpoint table, never a rendered path. Request durations use buckets from
//! 1 ms to 60 s. [`Metrics::encode`] renders the OpenMetrics text that [`serve_metrics`] serves
//! at `GET /metrics`.
//!
//! # Spans
//!
//! | Span          | Level | Fields                                                           |
//! |---------------|-------|------------------------------------------------------------------|
//! | `nbi.call`    | INFO  | `service`, `tenant`, `operation`, `method`, `path_template`, `status`, `attempts` |
//! | `nbi.attempt` | DEBUG | `attempt` (1-based), `status`                                    |
//!
//! `status` takes the same values as the metric label and is recorded when the call or attempt
//! ends. No span field ever holds a query string, a header value or a secret: the path is the
//! template (`/api/dcim/devices/{id}/`), and anything else logged goes through [`redact`] first.
//!
//! # Logging
//!
//! Binaries call [`init_logging`] once with the `log_format` setting ([`LogFormat`]); `RUST_LOG`
//! overrides the level when set. With the `otlp` cargo feature, `init_logging_with_otlp` also
//! exports the spans to an OpenTelemetry collector over OTLP (HTTP/protobuf).

mod endpoint;
pub(crate) mod logging;
mod metrics;
#[cfg(feature = "otlp")]
mod otlp;
pub mod redact;
mod server;

pub use endpoint::EndpointMetrics;
#[doc(hidden)]
pub use logging::{CaptureWriter, LogCapture, capture_logs};
pub use logging::{LogFormat, init_logging};
pub(crate) use logging::{attempt_span, call_span};
pub use metrics::{InflightGuard, Metrics};
#[cfg(feature = "otlp")]
pub use otlp::{OtlpConfig, OtlpGuard, init_logging_with_otlp, otlp_layer};
pub use server::{OPENMETRICS_CONTENT_TYPE, metrics_router, serve_metrics};
