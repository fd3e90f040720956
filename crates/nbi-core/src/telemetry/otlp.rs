//! Export of tracing spans to an OpenTelemetry collector over OTLP (HTTP/protobuf).
//!
//! Only the spans' own fields travel (see the [module docs](super)): no query string, header
//! value or secret is ever recorded in a span, so none can reach the collector.

use std::fmt;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, SpanExporter, WithExportConfig};
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use super::logging::LogFormat;
use crate::error::{Error, Result};

/// The path OTLP/HTTP collectors take traces on.
const TRACES_PATH: &str = "/v1/traces";

/// Where to send spans and under which service name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtlpConfig {
    /// The collector's base URL (`http://127.0.0.1:4318`); `/v1/traces` is added when missing.
    pub endpoint: String,
    /// The `service.name` resource attribute (`nbi`, `nbi-fleet`).
    pub service_name: String,
}

impl OtlpConfig {
    fn traces_url(&self) -> String {
        let base = self.endpoint.trim_end_matches('/');
        if base.ends_with(TRACES_PATH) {
            base.to_owned()
        } else {
            format!("{base}{TRACES_PATH}")
        }
    }
}

/// Keeps the exporter running; dropping it flushes the spans still queued and stops it.
#[must_use = "spans stop being exported when the guard is dropped"]
pub struct OtlpGuard {
    provider: SdkTracerProvider,
}

impl OtlpGuard {
    /// Sends every finished span now, waiting for the collector's answer.
    pub fn flush(&self) -> Result<()> {
        self.provider.force_flush().map_err(|e| {
            Error::new(crate::ErrorKind::Io, "flushing spans to OTLP failed").with_source(e)
        })
    }
}

impl Drop for OtlpGuard {
    fn drop(&mut self) {
        if let Err(e) = self.provider.shutdown() {
            tracing::warn!(error = %e, "stopping the OTLP exporter failed");
        }
    }
}

impl fmt::Debug for OtlpGuard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OtlpGuard").finish_non_exhaustive()
    }
}

/// A tracing layer exporting spans to `config`'s collector, and the guard that keeps it going.
///
/// Spans are batched on a background thread; build this outside or inside a Tokio runtime.
pub fn otlp_layer<S>(config: &OtlpConfig) -> Result<(impl Layer<S> + use<S>, OtlpGuard)>
where
    S: tracing::Subscriber + for<'span> LookupSpan<'span>,
{
    let url = config.traces_url();
    url::Url::parse(&url).map_err(|e| Error::config("otlp.endpoint", e))?;
    let exporter = SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_endpoint(url)
        .build()
        .map_err(|e| Error::config("otlp.endpoint", e))?;
    let provider = SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(
            Resource::builder()
                .with_service_name(config.service_name.clone())
                .build(),
        )
        .build();
    let tracer = provider.tracer("nbi");
    let layer = tracing_opentelemetry::layer().with_tracer(tracer);
    Ok((layer, OtlpGuard { provider }))
}

/// Like [`init_logging`](super::init_logging), and also exports spans over OTLP. When a global
/// subscriber is already installed it stays, and spans are not exported.
pub fn init_logging_with_otlp(
    format: LogFormat,
    level: LevelFilter,
    otlp: &OtlpConfig,
) -> Result<OtlpGuard> {
    let filter = EnvFilter::builder()
        .with_default_directive(level.into())
        .from_env()
        .map_err(|e| Error::config("RUST_LOG", e))?;
    let (export, guard) = otlp_layer(otlp)?;
    let fmt = tracing_subscriber::fmt::layer().with_writer(std::io::stderr);
    let fmt = match format {
        LogFormat::Text => fmt.boxed(),
        LogFormat::Json => fmt.json().boxed(),
    };
    let _already_installed = tracing_subscriber::registry()
        .with(filter)
        .with(fmt)
        .with(export)
        .try_init();
    Ok(guard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[test]
    fn traces_url_adds_the_path_once() {
        let mut c = OtlpConfig {
            endpoint: "http://127.0.0.1:4318/".into(),
            service_name: "nbi".into(),
        };
        assert_eq!(c.traces_url(), "http://127.0.0.1:4318/v1/traces");
        c.endpoint = "http://collector/v1/traces".into();
        assert_eq!(c.traces_url(), "http://collector/v1/traces");
    }

    #[test]
    fn a_bad_endpoint_is_a_config_error() {
        let c = OtlpConfig {
            endpoint: "not a url".into(),
            service_name: "nbi".into(),
        };
        let e = otlp_layer::<tracing_subscriber::Registry>(&c)
            .err()
            .unwrap();
        assert_eq!(e.kind(), crate::ErrorKind::Config);
    }

    #[test]
    fn spans_reach_the_collector_as_protobuf() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let collector = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("POST"))
                .and(path("/v1/traces"))
                .respond_with(ResponseTemplate::new(200))
                .mount(&server)
                .await;
            server
        });
        let config = OtlpConfig {
            endpoint: collector.uri(),
            service_name: "nbi-test".into(),
        };
        let (layer, guard) = otlp_layer(&config).unwrap();
        let subscriber = tracing_subscriber::registry().with(layer);
        tracing::subscriber::with_default(subscriber, || {
            let span = super::super::logging::call_span(
                "netbox",
                "acme",
                "list_devices",
                &http::Method::GET,
                "/api/dcim/devices/",
            );
            span.in_scope(|| tracing::info!("inside"));
        });
        guard.flush().unwrap();

        let requests = runtime.block_on(collector.received_requests()).unwrap();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(
            request.headers.get("content-type").unwrap(),
            "application/x-protobuf"
        );
        let body = &request.body;
        let contains = |needle: &[u8]| body.windows(needle.len()).any(|w| w == needle);
        assert!(contains(b"nbi.call"));
        assert!(contains(b"nbi-test"));
        assert!(contains(b"/api/dcim/devices/"));
    }
}
