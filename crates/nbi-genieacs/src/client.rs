//! [`Client`], its builder, and the one way every call goes out and comes back.

use std::fmt;
use std::future::Future;

use futures::stream::BoxStream;
use nbi_core::{
    Async, Blocking, Mode, RequestContext, RequestSpec, Response, Transport, Transports,
};
use serde::de::DeserializeOwned;

use crate::api::{DevicesApi, FaultsApi, FilesApi, NamedApi, ScriptsApi, TasksApi};
use crate::endpoint::{Collection, PING, PING_HOST};
use crate::error::{Error, Result, body_text, plain_problem, with_plain_problem};
use crate::models::{ObjectDefinition, Preset, Provision, VirtualParameter};

/// The GenieACS NBI client of one tenant: async by default, [`Blocking`] through
/// [`Client::into_blocking`] (see [`crate::blocking`]).
///
/// Cheap to clone: clones share the transport (pool, breaker, limits, credential).
#[derive(Clone)]
pub struct Client<M: Mode = Async> {
    transport: Transport,
    mode: M,
}

/// Builds a [`Client`] over a [`Transport`].
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    transport: Option<Transport>,
}

impl ClientBuilder {
    /// The transport to send every call through. Build it with
    /// [`classifier`](crate::classifier) so a CPE that misses a connection request does not
    /// count against the breaker (`Client::from_transports` does this for you).
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The async client.
    pub fn build(self) -> Result<Client> {
        let transport = self
            .transport
            .ok_or_else(|| Error::build("a GenieACS client needs a transport"))?;
        Ok(Client {
            transport,
            mode: Async,
        })
    }

    /// The blocking client, with its own runtime.
    pub fn build_blocking(self) -> Result<Client<Blocking>> {
        Ok(self.build()?.into_blocking(Blocking::new()?))
    }
}

impl Client {
    /// Starts a builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The client of `[tenants.<tenant>.<service>]`, its transport built once and shared, with
    /// GenieACS's [`classifier`](crate::classifier).
    pub fn from_transports(transports: &Transports, tenant: &str, service: &str) -> Result<Client> {
        let url = transports
            .settings()
            .service(tenant, service)
            .and_then(|s| s.url.clone())
            .ok_or_else(|| {
                Error::config(
                    format!("tenants.{tenant}.{service}.url"),
                    "is required for a GenieACS client",
                )
            })?;
        let transport = transports.transport_with(tenant, service, &url, "genieacs", |b| {
            Ok(b.classifier(crate::error::classifier()))
        })?;
        Client::builder().transport(transport).build()
    }

    /// The same client, blocking.
    pub fn into_blocking(self, blocking: Blocking) -> Client<Blocking> {
        Client {
            transport: self.transport,
            mode: blocking,
        }
    }
}

impl<M: Mode> Client<M> {
    /// The transport every call goes through.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Devices: list, get, delete, tags.
    pub fn devices(&self) -> DevicesApi<M> {
        DevicesApi::new(self.clone())
    }

    /// Tasks: create (with typed outcomes), list, retry, delete.
    pub fn tasks(&self) -> TasksApi<M> {
        TasksApi::new(self.clone())
    }

    /// Faults: list, delete.
    pub fn faults(&self) -> FaultsApi<M> {
        FaultsApi::new(self.clone())
    }

    /// Presets: list, put, delete.
    pub fn presets(&self) -> NamedApi<M, Preset> {
        NamedApi::new(self.clone(), Collection::Presets)
    }

    /// Objects: list, put, delete.
    pub fn objects(&self) -> NamedApi<M, ObjectDefinition> {
        NamedApi::new(self.clone(), Collection::Objects)
    }

    /// Provision scripts: list, put, delete.
    pub fn provisions(&self) -> ScriptsApi<M, Provision> {
        ScriptsApi::new(self.clone(), Collection::Provisions)
    }

    /// Virtual parameter scripts: list, put, delete.
    pub fn virtual_parameters(&self) -> ScriptsApi<M, VirtualParameter> {
        ScriptsApi::new(self.clone(), Collection::VirtualParameters)
    }

    /// Files: list, upload, delete.
    pub fn files(&self) -> FilesApi<M> {
        FilesApi::new(self.clone())
    }

    /// Pings `host` from the ACS (`GET /ping/<host>`); the answer is `ping`'s output.
    pub fn ping(&self, host: impl Into<String>) -> M::Output<String> {
        let spec = RequestSpec::get(PING_HOST, PING).path_param("host", host.into());
        let transport = self.transport.clone();
        self.run(async move {
            let response = call(&transport, spec).await?;
            Ok(String::from_utf8_lossy(response.body()).into_owned())
        })
    }

    pub(crate) fn run<T, F>(&self, call: F) -> M::Output<T>
    where
        T: Send + 'static,
        F: Future<Output = Result<T>> + Send + 'static,
    {
        self.mode.run(Box::pin(call))
    }

    pub(crate) fn items<T: Send + 'static>(
        &self,
        items: BoxStream<'static, Result<T>>,
    ) -> M::Items<T> {
        self.mode.items(items)
    }
}

impl<M: Mode> fmt::Debug for Client<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("mode", &self.mode)
            .finish()
    }
}

/// Sends `spec` and returns a 2xx response; every failure carries GenieACS's plain-text
/// message as its problem.
pub(crate) async fn call(transport: &Transport, spec: RequestSpec) -> Result<Response> {
    let response = send(transport, &spec).await?;
    if response.status().is_success() {
        Ok(response)
    } else {
        Err(status_error(transport, &spec, &response))
    }
}

/// Sends `spec` and returns whatever response the transport let through (2xx, or the 504 of
/// a missed connection request).
pub(crate) async fn send(transport: &Transport, spec: &RequestSpec) -> Result<Response> {
    transport
        .send(spec.clone())
        .await
        .map_err(with_plain_problem)
}

/// Sends `spec` and decodes its JSON body.
pub(crate) async fn json<T: DeserializeOwned>(
    transport: &Transport,
    spec: RequestSpec,
) -> Result<T> {
    let response = call(transport, spec.clone()).await?;
    response
        .json()
        .map_err(|e| e.with_context(context(transport, &spec, &response)))
}

/// The error of a non-2xx response the transport let through.
pub(crate) fn status_error(
    transport: &Transport,
    spec: &RequestSpec,
    response: &Response,
) -> Error {
    let raw = response.raw();
    Error::from_status(response.status(), Some(plain_problem(&raw)))
        .with_raw(raw)
        .with_context(context(transport, spec, response))
}

fn context(transport: &Transport, spec: &RequestSpec, response: &Response) -> RequestContext {
    let mut ctx = RequestContext::new(
        transport.service(),
        transport.tenant(),
        spec.operation().name(),
        spec.method().clone(),
        spec.path_template(),
    );
    ctx.attempts = response.attempts();
    ctx.elapsed = response.elapsed();
    ctx
}

/// The text of a 504's body: GenieACS's reason the connection request failed.
pub(crate) fn reason_of(response: &Response) -> String {
    let text = body_text(response.body());
    if text.is_empty() {
        "Connection request error".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
fn _assert_impls() {
    fn is_send_sync_clone<T: Send + Sync + Clone + fmt::Debug>() {}
    is_send_sync_clone::<Client>();
    is_send_sync_clone::<Client<Blocking>>();
}
