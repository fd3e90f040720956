//! The credential-free transport for health and metrics, built from the same settings as the
//! authenticated one (timeouts, retry, breaker registry, TLS), minus `auth`.

use nbi_core::{Error, Result, TlsOptions, Transport, Transports};
use url::Url;

/// The transport of (tenant, service) at `url` without credentials. It shares the breaker of
/// the authenticated one (same registry and key) and the metrics.
pub(crate) fn open_transport(
    transports: &Transports,
    tenant: &str,
    service: &str,
    url: &Url,
) -> Result<Transport> {
    let all = transports.settings();
    let s = all.service(tenant, service).ok_or_else(|| {
        Error::config(
            format!("tenants.{tenant}.{service}"),
            "no such tenant and service",
        )
    })?;
    let read = |field: String, path: &std::path::Path| {
        std::fs::read(all.resolve_path(path))
            .map_err(|e| Error::config(field, format!("cannot read {}: {e}", path.display())))
    };
    let mut tls = TlsOptions::default();
    if let Some(ca) = &all.settings.ca_bundle {
        tls.ca_bundle_pem = Some(read("settings.ca_bundle".into(), ca)?);
    }
    let limits = s
        .rate_limit
        .clone()
        .unwrap_or_else(crate::client::default_rate_limits);
    Transport::builder(service, tenant)
        .base_url(url.as_str())
        .allow_insecure_http(all.settings.allow_insecure_http)
        .timeouts(s.timeouts_for(service))
        .retry(s.retry.clone())
        .breaker(s.breaker.clone())
        .breakers(transports.breakers().clone())
        .rate_limit(limits)
        .max_concurrency(s.max_concurrency as usize)
        .metrics(transports.metrics().clone())
        .tls(tls)
        .build()
}
