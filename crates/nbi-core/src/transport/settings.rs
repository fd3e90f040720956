//! [`Transports`]: every configured (tenant, service) endpoint built from [`Settings`], sharing
//! one metrics registry and one breaker registry, with one transport (and so one connection
//! pool, breaker and budget) per (service, tenant, base URL).

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

use url::Url;

use super::{TlsOptions, Transport, TransportBuilder};
use crate::auth::{
    BasicAuth, BearerAuth, JwtLogin, OAuth2ClientCredentials, SharedAuth, TokenAuth,
};
use crate::breaker::BreakerRegistry;
use crate::config::{AuthSettings, ServiceSettings, Settings};
use crate::error::{Error, Result};
use crate::secret::SecretSource;
use crate::telemetry::Metrics;

/// (tenant, service, base URL, flavor): a client's customized transport never stands in for
/// a plain one, nor the reverse.
type Key = (String, String, String, &'static str);

/// The transports of every configured (tenant, service), built on first use.
///
/// ```
/// use nbi_core::{Settings, Transports};
/// let settings = Settings::from_toml_str(r#"
///     [tenants.acme.netbox]
///     url = "https://netbox.acme.example"
///     auth = { scheme = "token", token = { env = "ACME_NETBOX_TOKEN" } }
/// "#, std::path::Path::new("."))?;
/// let transports = Transports::new(settings);
/// let netbox = transports.transport("acme", "netbox")?;
/// assert_eq!(netbox.base_url().as_str(), "https://netbox.acme.example/");
/// # Ok::<(), nbi_core::Error>(())
/// ```
#[derive(Clone)]
pub struct Transports {
    settings: Arc<Settings>,
    metrics: Metrics,
    breakers: BreakerRegistry,
    built: Arc<Mutex<HashMap<Key, Transport>>>,
}

impl Transports {
    /// Transports for `settings`, recording into a new [`Metrics`].
    pub fn new(settings: Settings) -> Self {
        Self::with_metrics(settings, Metrics::new())
    }

    /// Transports recording into `metrics` (so one `/metrics` endpoint shows them all).
    pub fn with_metrics(settings: Settings, metrics: Metrics) -> Self {
        let gauge = metrics.clone();
        let breakers = BreakerRegistry::new().on_state_change(move |key, _from, to| {
            gauge.circuit_state(&key.service, &key.tenant, to.as_metric());
        });
        Transports {
            settings: Arc::new(settings),
            metrics,
            breakers,
            built: Arc::default(),
        }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The shared metrics.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The shared breaker registry (force-open/close, snapshots).
    pub fn breakers(&self) -> &BreakerRegistry {
        &self.breakers
    }

    /// The transport of (tenant, service) at its configured `url`.
    pub fn transport(&self, tenant: &str, service: &str) -> Result<Transport> {
        let url = self.configured_url(tenant, service)?;
        if matches!(
            self.service_settings(tenant, service)?.auth,
            AuthSettings::Session { .. }
        ) {
            return Err(Error::config(
                format!("tenants.{tenant}.{service}.auth"),
                "scheme session needs the service's own client, which knows how to log in",
            ));
        }
        self.transport_with(tenant, service, &url, "plain", Ok)
    }

    /// The transport of (tenant, service) at `url` (a service's second endpoint, or a URL the
    /// client derives), built once per `flavor` with `customize` applied to the settings'
    /// builder — the place for a client's classifier or session hooks. `flavor` names the
    /// customization (`"voltha"`, `"cms-netconf"`): transports of different flavors are
    /// separate (they still share the breaker of their key).
    pub fn transport_with(
        &self,
        tenant: &str,
        service: &str,
        url: &Url,
        flavor: &'static str,
        customize: impl FnOnce(TransportBuilder) -> Result<TransportBuilder>,
    ) -> Result<Transport> {
        let key = (
            tenant.to_owned(),
            service.to_owned(),
            url.to_string(),
            flavor,
        );
        if let Some(t) = self.lock().get(&key) {
            return Ok(t.clone());
        }
        let transport = customize(self.builder(tenant, service, url)?)?.build()?;
        // Two threads may build at once; the first one stored wins so all share one pool.
        Ok(self.lock().entry(key).or_insert(transport).clone())
    }

    /// A builder carrying the settings of (tenant, service) for `url`. Auth is set for every
    /// scheme but `session`, whose login the client supplies.
    pub fn builder(&self, tenant: &str, service: &str, url: &Url) -> Result<TransportBuilder> {
        let s = self.service_settings(tenant, service)?;
        let prefix = format!("tenants.{tenant}.{service}");
        let mut b = Transport::builder(service, tenant)
            .base_url(url.as_str())
            .allow_insecure_http(self.settings.settings.allow_insecure_http)
            .timeouts(s.timeouts_for(service))
            .retry(s.retry.clone())
            .breaker(s.breaker.clone())
            .breakers(self.breakers.clone())
            .rate_limit(s.rate_limit.clone().unwrap_or_default())
            .max_concurrency(s.max_concurrency as usize)
            .metrics(self.metrics.clone())
            .tls(self.tls_options(s, &prefix)?);
        let auth = ofsc::effective_auth(s, service);
        if let Some(auth) = auth_provider(&auth, &prefix)? {
            b = b.auth(auth);
        }
        Ok(b)
    }

    /// Logs every session out. Connections close as transports are dropped.
    pub async fn shutdown(&self) -> Result<()> {
        let all: Vec<Transport> = self.lock().values().cloned().collect();
        let mut first_error = None;
        for t in all {
            if let Err(e) = t.shutdown().await {
                tracing::warn!(target: "nbi::transport", service = t.service(), tenant = t.tenant(), error = %e, "logout failed");
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    fn configured_url(&self, tenant: &str, service: &str) -> Result<Url> {
        let s = self.service_settings(tenant, service)?;
        if let Some(url) = &s.url {
            return Ok(url.clone());
        }
        match ofsc::generated_url(s, service) {
            Some(generated) => generated
                .map_err(|e| Error::config(format!("tenants.{tenant}.{service}.instance"), e)),
            None => Err(Error::config(
                format!("tenants.{tenant}.{service}.url"),
                "is required",
            )),
        }
    }

    fn service_settings(&self, tenant: &str, service: &str) -> Result<&ServiceSettings> {
        self.settings.service(tenant, service).ok_or_else(|| {
            Error::config(
                format!("tenants.{tenant}.{service}"),
                "no such tenant and service in the settings",
            )
        })
    }

    fn tls_options(&self, s: &ServiceSettings, prefix: &str) -> Result<TlsOptions> {
        let read = |field: &str, path: &std::path::Path| {
            std::fs::read(self.settings.resolve_path(path))
                .map_err(|e| Error::config(field, format!("cannot read {}: {e}", path.display())))
        };
        let ca_bundle_pem = match &self.settings.settings.ca_bundle {
            Some(p) => Some(read("settings.ca_bundle", p)?),
            None => None,
        };
        let client_identity_pem = match s.tls.as_ref().map(|t| (&t.client_cert, &t.client_key)) {
            Some((Some(cert), Some(key))) => {
                let mut pem = read(&format!("{prefix}.tls.client_cert"), cert)?;
                pem.push(b'\n');
                pem.extend(read(&format!("{prefix}.tls.client_key"), key)?);
                Some(pem)
            }
            Some((None, None)) | None => None,
            Some(_) => {
                return Err(Error::config(
                    format!("{prefix}.tls"),
                    "client_cert and client_key go together",
                ));
            }
        };
        Ok(TlsOptions {
            ca_bundle_pem,
            client_identity_pem,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Transport>> {
        // A map of handles; a panic elsewhere leaves it consistent.
        self.built.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The provider for an auth setting; `None` for `none` and for `session` (the client's).
pub(crate) fn auth_provider(auth: &AuthSettings, prefix: &str) -> Result<Option<SharedAuth>> {
    let secret = |s: &SecretSource| -> crate::secret::SharedSecret { Arc::new(s.clone()) };
    Ok(match auth {
        AuthSettings::None | AuthSettings::Session { .. } => None,
        AuthSettings::Basic { username, password } => {
            Some(Arc::new(BasicAuth::new(username.clone(), secret(password))))
        }
        AuthSettings::Bearer { token } => Some(Arc::new(BearerAuth::new(secret(token)))),
        AuthSettings::Token { token } => Some(Arc::new(TokenAuth::new(secret(token)))),
        AuthSettings::Oauth2 {
            token_url,
            client_id,
            client_secret,
            scope,
        } => {
            let Some(token_url) = token_url else {
                return Err(Error::config(
                    format!("{prefix}.auth.token_url"),
                    "is required for oauth2",
                ));
            };
            let mut p = OAuth2ClientCredentials::new(
                token_url.clone(),
                client_id.clone(),
                secret(client_secret),
            );
            if let Some(scope) = scope {
                p = p.scope(scope.clone());
            }
            Some(Arc::new(p))
        }
        AuthSettings::JwtLogin {
            login_path,
            refresh_path,
            username,
            password,
        } => Some(Arc::new(
            JwtLogin::new(username.clone(), secret(password))
                .login_path(login_path.clone())
                .refresh_path(refresh_path.clone()),
        )),
    })
}

impl fmt::Debug for Transports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transports")
            .field("built", &self.lock().len())
            .finish_non_exhaustive()
    }
}

mod ofsc;
#[cfg(test)]
mod tests;
