//! Building the pooled reqwest client: rustls with verified certificates, optional extra roots
//! and client certificate (mTLS), explicit pool limits, proxies from `HTTPS_PROXY`/`NO_PROXY`.

use std::fmt;
use std::time::Duration;

use crate::error::{Error, Result};

/// TLS settings of one transport.
#[derive(Clone, Default)]
pub struct TlsOptions {
    /// Extra trusted roots, PEM (one or more certificates). Certificates are always verified.
    pub ca_bundle_pem: Option<Vec<u8>>,
    /// Client certificate chain and private key, PEM, for mutual TLS.
    pub client_identity_pem: Option<Vec<u8>>,
}

impl fmt::Debug for TlsOptions {
    // The identity holds a private key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsOptions")
            .field("ca_bundle", &self.ca_bundle_pem.as_ref().map(|b| b.len()))
            .field("client_identity", &self.client_identity_pem.is_some())
            .finish()
    }
}

/// Pool and protocol settings of one transport.
#[derive(Debug, Clone)]
pub(crate) struct PoolOptions {
    pub(crate) max_idle_per_host: usize,
    pub(crate) idle_timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) https_only: bool,
    pub(crate) user_agent: String,
    pub(crate) proxy: super::ProxyConfig,
}

/// Builds the client. HTTP/2 is used where the server offers it through ALPN; proxies are the
/// pool options' (by default read from `HTTPS_PROXY`, `http_proxy`, `NO_PROXY`).
pub(crate) fn build_client(tls: &TlsOptions, pool: &PoolOptions) -> Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .user_agent(pool.user_agent.clone())
        .pool_max_idle_per_host(pool.max_idle_per_host)
        .pool_idle_timeout(pool.idle_timeout)
        .connect_timeout(pool.connect_timeout)
        .tcp_nodelay(true)
        .tcp_keepalive(Duration::from_secs(30))
        .https_only(pool.https_only)
        // Redirects could carry credentials to another host; NBIs do not redirect API calls.
        .redirect(reqwest::redirect::Policy::none());
    builder = pool.proxy.apply(builder)?;
    if let Some(pem) = &tls.ca_bundle_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
            Error::config("settings.ca_bundle", "not a PEM certificate bundle")
                .with_source(e.without_url())
        })?;
        if certs.is_empty() {
            return Err(Error::config("settings.ca_bundle", "holds no certificate"));
        }
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    if let Some(pem) = &tls.client_identity_pem {
        let identity = reqwest::Identity::from_pem(pem).map_err(|e| {
            Error::config(
                "tls.client_cert",
                "not a PEM certificate chain with its private key",
            )
            .with_source(e.without_url())
        })?;
        builder = builder.identity(identity);
    }
    builder.build().map_err(|e| {
        Error::config("transport", "could not build the HTTP client").with_source(e.without_url())
    })
}
