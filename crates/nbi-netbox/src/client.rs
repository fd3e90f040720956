//! [`Client`] and [`ClientBuilder`]: the entry point, its area accessors and the one place
//! calls are sent from.

use std::fmt;

use futures::future::BoxFuture;
use nbi_core::{Async, Blocking, Error, Mode, RequestSpec, Result, Transport, Transports};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::api::{DcimApi, Endpoint, IpamApi, StatusApi, TenancyApi};
use crate::error;
use crate::models::Tagged;

/// The settings kind this client serves.
const KIND: &str = "netbox";

/// A NetBox client over one tenant's [`Transport`].
///
/// Cheap to clone: clones share the transport (pool, breaker, limits, credential). Async by
/// default; [`crate::blocking::Client`] is the same surface in blocking mode.
#[derive(Clone)]
pub struct Client<M: Mode = Async> {
    transport: Transport,
    mode: M,
}

impl<M: Mode> fmt::Debug for Client<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The transport's Debug shows the scheme only, never the token.
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("mode", &self.mode)
            .finish()
    }
}

/// Builds a [`Client`].
#[derive(Debug, Default)]
#[must_use]
pub struct ClientBuilder {
    transport: Option<Transport>,
}

impl ClientBuilder {
    /// The transport to send through (base URL, auth and resilience settings).
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The async client.
    pub fn build(self) -> Result<Client> {
        let transport = self
            .transport
            .ok_or_else(|| Error::build("a NetBox client needs a transport"))?;
        Ok(Client {
            transport,
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

    /// The client of `[tenants.<tenant>.<service>]`, a table named `netbox` or with
    /// `kind = "netbox"`.
    pub fn from_transports(transports: &Transports, tenant: &str, service: &str) -> Result<Client> {
        if let Some(settings) = transports.settings().service(tenant, service) {
            let kind = settings.kind_or(service);
            if kind != KIND {
                return Err(Error::config(
                    format!("tenants.{tenant}.{service}.kind"),
                    format!("is {kind:?}, not \"netbox\""),
                ));
            }
        }
        Client::builder()
            .transport(transports.transport(tenant, service)?)
            .build()
    }

    /// The same client in blocking mode.
    pub fn into_blocking(self, blocking: Blocking) -> crate::blocking::Client {
        Client {
            transport: self.transport,
            mode: blocking,
        }
    }
}

impl<M: Mode> Client<M> {
    /// The raw transport, for calls this client does not wrap.
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// The generic API of any model, `app/model` (`"dcim/devices"`, `"plugins/x/y"`), with
    /// objects as JSON values.
    pub fn endpoint(&self, path: &str) -> Endpoint<M, Value> {
        Endpoint::new(self.clone(), path)
    }

    /// The generic API of any model, decoding objects as `T`.
    pub fn endpoint_as<T: DeserializeOwned + Send + 'static>(&self, path: &str) -> Endpoint<M, T> {
        Endpoint::new(self.clone(), path)
    }

    /// Devices, interfaces, sites and rendered configs.
    pub fn dcim(&self) -> DcimApi<M> {
        DcimApi::new(self.clone())
    }

    /// Prefixes, IP addresses, VLANs and their pools.
    pub fn ipam(&self) -> IpamApi<M> {
        IpamApi::new(self.clone())
    }

    /// Tenants.
    pub fn tenancy(&self) -> TenancyApi<M> {
        TenancyApi::new(self.clone())
    }

    /// `GET /api/status/`.
    pub fn status(&self) -> StatusApi<M> {
        StatusApi::new(self.clone())
    }

    /// Runs `call` in this client's mode.
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

    /// The mode, for paged listings.
    pub(crate) fn mode(&self) -> &M {
        &self.mode
    }

    /// Sends `spec` and decodes the JSON answer.
    pub(crate) fn json<T: DeserializeOwned + Send + 'static>(
        &self,
        spec: RequestSpec,
    ) -> M::Output<T> {
        let transport = self.transport.clone();
        self.run(Box::pin(async move { fetch_json(&transport, spec).await }))
    }

    /// Sends `spec` and decodes the JSON answer with its `ETag`.
    pub(crate) fn tagged<T: DeserializeOwned + Send + 'static>(
        &self,
        spec: RequestSpec,
    ) -> M::Output<Tagged<T>> {
        let transport = self.transport.clone();
        self.run(Box::pin(async move {
            let response = transport.send(spec).await.map_err(error::remap)?;
            let etag = response.header("etag").map(str::to_owned);
            Ok(Tagged {
                object: response.json()?,
                etag,
            })
        }))
    }

    /// Sends `spec`, expecting no body (204).
    pub(crate) fn empty(&self, spec: RequestSpec) -> M::Output<()> {
        let transport = self.transport.clone();
        self.run(Box::pin(async move {
            transport.send(spec).await.map_err(error::remap)?;
            Ok(())
        }))
    }
}

/// Sends `spec` through `transport` and decodes the answer; NetBox's 400 bodies are read
/// into field errors.
pub(crate) async fn fetch_json<T: DeserializeOwned>(
    transport: &Transport,
    spec: RequestSpec,
) -> Result<T> {
    transport.json(spec).await.map_err(error::remap)
}

#[cfg(test)]
fn _assert_impls() {
    fn is_send_sync_clone<T: Send + Sync + Clone + fmt::Debug>() {}
    is_send_sync_clone::<Client>();
    is_send_sync_clone::<Client<Blocking>>();
}
