//! [`Client`] and [`ClientBuilder`].

use std::fmt;
use std::sync::Arc;

use futures::future::BoxFuture;
use nbi_core::{
    Async, Blocking, Error, ErrorKind, Mode, RequestContext, RequestSpec, Result, Transport,
    TransportBuilder, Transports,
};
use serde::de::DeserializeOwned;

use crate::api::{
    AdaptersApi, DeviceTypesApi, DevicesApi, LogicalDevicesApi, OnuApi, ProvisionOnu,
};
use crate::classify::classifier;
use crate::endpoint;
use crate::error::{header_status, status_error};
use crate::models::{HealthStatus, Items};

/// The VOLTHA client: one tenant's VOLTHA, through a resilient [`Transport`].
///
/// Cheap to clone; clones share the transport. `M` is [`Async`] (calls return futures) or
/// [`Blocking`] (see [`crate::blocking::Client`]).
pub struct Client<M: Mode = Async> {
    inner: Arc<Transport>,
    mode: M,
}

impl<M: Mode> Clone for Client<M> {
    fn clone(&self) -> Self {
        Client {
            inner: self.inner.clone(),
            mode: self.mode.clone(),
        }
    }
}

impl<M: Mode> fmt::Debug for Client<M> {
    // The transport's Debug names the auth scheme, never its secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.inner)
            .field("mode", &self.mode)
            .finish()
    }
}

impl Client {
    /// Starts a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The client of `tenant`'s service `service` (a `[tenants.<tenant>.<service>]` table,
    /// usually `voltha`) from the settings behind `transports`, with the `grpc-status`
    /// classifier installed.
    pub fn from_transports(transports: &Transports, tenant: &str, service: &str) -> Result<Client> {
        let url = transports
            .settings()
            .service(tenant, service)
            .ok_or_else(|| {
                Error::config(
                    format!("tenants.{tenant}.{service}"),
                    "no such tenant and service in the settings",
                )
            })?
            .url
            .clone()
            .ok_or_else(|| {
                Error::config(format!("tenants.{tenant}.{service}.url"), "is required")
            })?;
        let transport = transports.transport_with(tenant, service, &url, "voltha", |b| {
            Ok(b.classifier(classifier()))
        })?;
        Ok(Client::new(transport, Async))
    }

    /// The blocking twin of this client, sharing its transport.
    pub fn into_blocking(self, blocking: Blocking) -> crate::blocking::Client {
        Client {
            inner: self.inner,
            mode: blocking,
        }
    }
}

impl<M: Mode> Client<M> {
    pub(crate) fn new(transport: Transport, mode: M) -> Self {
        Client {
            inner: Arc::new(transport),
            mode,
        }
    }

    /// The raw transport, for calls this client does not cover.
    pub fn transport(&self) -> &Transport {
        &self.inner
    }

    /// Physical devices: OLTs and ONUs.
    pub fn devices(&self) -> DevicesApi<M> {
        DevicesApi::new(self.clone())
    }

    /// Logical devices: the OpenFlow switches over OLTs.
    pub fn logical_devices(&self) -> LogicalDevicesApi<M> {
        LogicalDevicesApi::new(self.clone())
    }

    /// Adapters.
    pub fn adapters(&self) -> AdaptersApi<M> {
        AdaptersApi::new(self.clone())
    }

    /// Device types.
    pub fn device_types(&self) -> DeviceTypesApi<M> {
        DeviceTypesApi::new(self.clone())
    }

    /// ONU operations: enable and disable ONUs and serial numbers, provision ONUs.
    pub fn onu(&self) -> OnuApi<M> {
        OnuApi::new(self.clone())
    }

    /// The VOLTHA instance's health (`GET /health`).
    pub fn health(&self) -> M::Output<HealthStatus> {
        self.call(endpoint::HEALTH.spec())
    }

    /// Lets the ONU with `serial` onto PON port `pon_port` of OLT `olt_id` and waits until
    /// its device is ACTIVE; see [`OnuApi::provision`].
    pub fn provision_onu(
        &self,
        olt_id: impl Into<String>,
        pon_port: u32,
        serial: impl Into<String>,
    ) -> ProvisionOnu<M> {
        self.onu().provision(olt_id, pon_port, serial)
    }

    /// Enables ONU device `id`; see [`OnuApi::enable`].
    pub fn enable_onu(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.onu().enable(id)
    }

    /// Disables ONU device `id`; see [`OnuApi::disable`].
    pub fn disable_onu(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.onu().disable(id)
    }

    /// Runs `work` in this client's mode.
    pub(crate) fn run<T: Send + 'static>(
        &self,
        work: BoxFuture<'static, Result<T>>,
    ) -> M::Output<T> {
        self.mode.run(work)
    }

    /// A call that fails before sending.
    pub(crate) fn fail<T: Send + 'static>(&self, error: Error) -> M::Output<T> {
        self.run(Box::pin(async move { Err(error) }))
    }

    /// Sends `spec` and decodes the JSON answer.
    pub(crate) fn call<T: DeserializeOwned + Send + 'static>(
        &self,
        spec: RequestSpec,
    ) -> M::Output<T> {
        let transport = self.inner.clone();
        self.run(Box::pin(async move { fetch(&transport, spec).await }))
    }

    /// Sends `spec` and returns the `items` of the list message it answers.
    pub(crate) fn list<T: DeserializeOwned + Send + 'static>(
        &self,
        spec: RequestSpec,
    ) -> M::Output<Vec<T>> {
        let transport = self.inner.clone();
        self.run(Box::pin(async move {
            fetch::<Items<T>>(&transport, spec)
                .await
                .map(|list| list.items)
        }))
    }

    /// Sends `spec`, an RPC answering `google.protobuf.Empty`.
    pub(crate) fn act(&self, spec: RequestSpec) -> M::Output<()> {
        let transport = self.inner.clone();
        self.run(Box::pin(
            async move { send(&transport, spec).await.map(drop) },
        ))
    }
}

/// Sends through the pipeline, then checks `grpc-status` once more: a transport built without
/// [`classifier`] must not turn a status in headers into a success either.
pub(crate) async fn send(transport: &Transport, spec: RequestSpec) -> Result<nbi_core::Response> {
    let response = transport.send(spec.clone()).await?;
    match header_status(&response) {
        None => Ok(response),
        Some((code, message)) => Err(status_error(&response, code, message)
            .with_context(context(transport, &spec, &response))),
    }
}

/// Sends and decodes JSON; a decode error names the JSON path and the call.
pub(crate) async fn fetch<T: DeserializeOwned>(
    transport: &Transport,
    spec: RequestSpec,
) -> Result<T> {
    fetch_counted(transport, spec).await.map(|(value, _)| value)
}

/// [`fetch`], also answering how many attempts the call took.
pub(crate) async fn fetch_counted<T: DeserializeOwned>(
    transport: &Transport,
    spec: RequestSpec,
) -> Result<(T, u32)> {
    let response = send(transport, spec.clone()).await?;
    let value = response
        .json()
        .map_err(|e| e.with_context(context(transport, &spec, &response)))?;
    Ok((value, response.attempts()))
}

fn context(
    transport: &Transport,
    spec: &RequestSpec,
    response: &nbi_core::Response,
) -> RequestContext {
    let mut context = RequestContext::new(
        transport.service(),
        transport.tenant(),
        spec.operation().name(),
        spec.method().clone(),
        spec.path_template(),
    );
    context.attempts = response.attempts();
    context.elapsed = response.elapsed();
    context
}

/// Builds a [`Client`] over a transport.
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    transport: Option<Transport>,
    error: Option<Error>,
}

impl ClientBuilder {
    /// The transport to use. Build it with [`classifier`](crate::classifier) installed, or use
    /// [`ClientBuilder::transport_builder`]: without it a `grpc-status` in headers is still an
    /// error, but a transient one is not retried.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Builds the transport from `builder` with the `grpc-status` classifier installed.
    pub fn transport_builder(mut self, builder: TransportBuilder) -> Self {
        match builder.classifier(classifier()).build() {
            Ok(transport) => self.transport = Some(transport),
            Err(e) => self.error = Some(e),
        }
        self
    }

    /// The async client.
    pub fn build(self) -> Result<Client> {
        self.parts().map(|t| Client::new(t, Async))
    }

    /// The blocking client, with its own runtime.
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        let transport = self.parts()?;
        Ok(Client::new(transport, Blocking::new()?))
    }

    fn parts(self) -> Result<Transport> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.transport.ok_or_else(|| {
            Error::new(
                ErrorKind::Build,
                "a VOLTHA client needs a transport (ClientBuilder::transport)",
            )
        })
    }
}

#[cfg(test)]
fn _assert_impls() {
    fn is_client<T: Send + Sync + Clone + fmt::Debug>() {}
    is_client::<Client>();
    is_client::<Client<Blocking>>();
}
