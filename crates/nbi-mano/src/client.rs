//! [`Client`] and [`ClientBuilder`]: the entry point, its area accessors and the one place
//! calls are sent from (which also reads the version headers of every answer).

use std::fmt;
use std::sync::Arc;

use futures::future::BoxFuture;
use nbi_core::{
    Async, Blocking, Error, Mode, RateLimitConfig, RequestSpec, Response, Result, Transport,
    Transports,
};
use serde::de::DeserializeOwned;

use crate::api::{MonitoringApi, O2Api, OrchestratorApi, TnApi, VnfApi, WebhooksApi};
use crate::config::open_transport;
use crate::version::{ApiVersion, VersionWatch};

/// The settings kind this client serves.
pub(crate) const KIND: &str = "mano";

/// The guide's quotas: 1,000 requests a minute for standard calls, 100 for deployment
/// operations, 5,000 for monitoring. [`Client::from_transports`] applies them when the
/// tenant's settings have no `rate_limit` table.
pub fn default_rate_limits() -> RateLimitConfig {
    RateLimitConfig {
        per_minute: Some(1000),
        categories: [
            ("deployment".to_owned(), 100),
            ("monitoring".to_owned(), 5000),
        ]
        .into_iter()
        .collect(),
    }
}

/// An O-RAN Intent-MANO client over one tenant's [`Transport`].
///
/// Cheap to clone: clones share the transport (pool, breaker, limits, token) and the version
/// watch. Async by default; [`crate::blocking::Client`] is the same surface, blocking.
#[derive(Clone)]
pub struct Client<M: Mode = Async> {
    inner: Arc<Inner>,
    mode: M,
}

pub(crate) struct Inner {
    /// Carries the JWT.
    transport: Transport,
    /// Carries no credential: health and metrics need none.
    open: Transport,
    versions: VersionWatch,
}

impl<M: Mode> fmt::Debug for Client<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The transport's Debug shows the auth scheme only, never the password or token.
        f.debug_struct("Client")
            .field("transport", &self.inner.transport)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Client`].
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    transport: Option<Transport>,
    open: Option<Transport>,
}

impl ClientBuilder {
    /// The transport to send through (base URL, JWT login, resilience settings).
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// A transport without credentials for health and metrics (default: the main one, so
    /// those calls carry the token, which the server ignores).
    pub fn open_transport(mut self, transport: Transport) -> Self {
        self.open = Some(transport);
        self
    }

    /// The async client.
    pub fn build(self) -> Result<Client> {
        let transport = self
            .transport
            .ok_or_else(|| Error::build("a MANO client needs a transport"))?;
        Ok(Client {
            inner: Arc::new(Inner {
                open: self.open.unwrap_or_else(|| transport.clone()),
                transport,
                versions: VersionWatch::default(),
            }),
            mode: Async,
        })
    }

    /// The blocking client, with its own runtime.
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        Ok(self.build()?.into_blocking(Blocking::new()?))
    }
}

impl Client {
    /// Starts a builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The client of `[tenants.<tenant>.<service>]` (a table named `mano` or with
    /// `kind = "mano"`), with [`default_rate_limits`] when the table sets no `rate_limit`.
    pub fn from_transports(transports: &Transports, tenant: &str, service: &str) -> Result<Client> {
        let settings = transports
            .settings()
            .service(tenant, service)
            .ok_or_else(|| {
                Error::config(
                    format!("tenants.{tenant}.{service}"),
                    "no such tenant and service in the settings",
                )
            })?;
        let kind = settings.kind_or(service);
        if kind != KIND {
            return Err(Error::config(
                format!("tenants.{tenant}.{service}.kind"),
                format!("is {kind:?}, not \"mano\""),
            ));
        }
        let url = settings.url.clone().ok_or_else(|| {
            Error::config(format!("tenants.{tenant}.{service}.url"), "is required")
        })?;
        let limits = settings.rate_limit.clone();
        let transport = transports.transport_with(tenant, service, &url, KIND, |b| {
            Ok(match limits {
                Some(_) => b,
                None => b.rate_limit(default_rate_limits()),
            })
        })?;
        let open = open_transport(transports, tenant, service, &url)?;
        Client::builder()
            .transport(transport)
            .open_transport(open)
            .build()
    }

    /// The same client in blocking mode.
    pub fn into_blocking(self, blocking: Blocking) -> crate::blocking::Client {
        Client {
            inner: self.inner,
            mode: blocking,
        }
    }
}

impl<M: Mode> Client<M> {
    /// The raw transport, for calls this client does not wrap.
    pub fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// The version headers of the latest answer (`API-Version`, deprecation, sunset).
    pub fn api_version(&self) -> Option<ApiVersion> {
        self.inner.versions.latest()
    }

    /// Sends any call and returns the raw answer (status, headers, body); its version
    /// headers are noted as for every call.
    pub fn raw(&self, spec: RequestSpec) -> M::Output<Response> {
        let inner = self.inner.clone();
        self.run(Box::pin(async move { inner.send(spec, false).await }))
    }

    /// Intents, plans and deployments.
    pub fn orchestrator(&self) -> OrchestratorApi<M> {
        OrchestratorApi::new(self.clone())
    }

    /// VNF lifecycle.
    pub fn vnfs(&self) -> VnfApi<M> {
        VnfApi::new(self.clone())
    }

    /// Transport-network agents and slices.
    pub fn tn(&self) -> TnApi<M> {
        TnApi::new(self.clone())
    }

    /// O2 DMS deployment managers, descriptors and NF deployments.
    pub fn o2(&self) -> O2Api<M> {
        O2Api::new(self.clone())
    }

    /// Health, metrics and slice metrics.
    pub fn monitoring(&self) -> MonitoringApi<M> {
        MonitoringApi::new(self.clone())
    }

    /// Webhook subscriptions.
    pub fn webhooks(&self) -> WebhooksApi<M> {
        WebhooksApi::new(self.clone())
    }

    pub(crate) fn run<T: Send + 'static>(
        &self,
        call: BoxFuture<'static, Result<T>>,
    ) -> M::Output<T> {
        self.mode.run(call)
    }

    /// A call that fails with `error` before sending anything.
    pub(crate) fn fail<T: Send + 'static>(&self, error: Error) -> M::Output<T> {
        self.run(Box::pin(async move { Err(error) }))
    }

    pub(crate) fn mode(&self) -> &M {
        &self.mode
    }

    pub(crate) fn inner(&self) -> Arc<Inner> {
        self.inner.clone()
    }

    /// Sends `spec` and decodes the JSON answer.
    pub(crate) fn json<T: DeserializeOwned + Send + 'static>(
        &self,
        spec: RequestSpec,
    ) -> M::Output<T> {
        let inner = self.inner.clone();
        self.run(Box::pin(async move { inner.json(spec).await }))
    }

    /// Sends `spec`, expecting no body (204).
    pub(crate) fn empty(&self, spec: RequestSpec) -> M::Output<()> {
        let inner = self.inner.clone();
        self.run(Box::pin(
            async move { inner.send(spec, false).await.map(drop) },
        ))
    }

    /// Sends `spec` without credentials and decodes the JSON answer.
    pub(crate) fn open_json<T: DeserializeOwned + Send + 'static>(
        &self,
        spec: RequestSpec,
    ) -> M::Output<T> {
        let inner = self.inner.clone();
        self.run(Box::pin(
            async move { inner.send(spec, true).await?.json() },
        ))
    }

    /// Sends `spec` without credentials and returns the text answer.
    pub(crate) fn open_text(&self, spec: RequestSpec) -> M::Output<String> {
        let inner = self.inner.clone();
        self.run(Box::pin(async move {
            Ok(inner.send(spec, true).await?.text()?.to_owned())
        }))
    }
}

impl Inner {
    /// Sends `spec` (through the open transport when `open`), noting the version headers of
    /// the answer, also of a failed one.
    pub(crate) async fn send(&self, spec: RequestSpec, open: bool) -> Result<Response> {
        let transport = if open { &self.open } else { &self.transport };
        let observe = |headers| {
            self.versions
                .observe(headers, transport.service(), transport.tenant())
        };
        match transport.send(spec).await {
            Ok(response) => {
                observe(response.headers());
                Ok(response)
            }
            Err(error) => {
                if let Some(raw) = error.raw() {
                    observe(&raw.headers);
                }
                Err(error)
            }
        }
    }

    /// Sends `spec` and decodes its JSON answer.
    pub(crate) async fn json<T: DeserializeOwned>(&self, spec: RequestSpec) -> Result<T> {
        self.send(spec, false).await?.json()
    }
}

#[cfg(test)]
fn _assert_impls() {
    fn is_send_sync_clone<T: Send + Sync + Clone + fmt::Debug>() {}
    is_send_sync_clone::<Client>();
    is_send_sync_clone::<Client<Blocking>>();
}
