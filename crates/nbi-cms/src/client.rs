//! [`Client`]: one CMS of one tenant — its NETCONF transport (with the shared session) and its
//! optional REST NBI transport — and the calls every API area makes through it.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use bytes::Bytes;
use nbi_core::xml::XmlElement;
use nbi_core::{
    Async, Blocking, BodyFn, Credential, ExposeSecret, Mode, Operation, RequestSpec, Result,
    Transport, Transports,
};

use crate::api::{EthSvcApi, OntApi, RestApi, VlanApi};
use crate::builder::ClientBuilder;
use crate::cache::QueryCache;
use crate::config::CmsSettings;
use crate::endpoint::XML_CONTENT_TYPE;
use crate::models::node::NodeName;
use crate::session::CmsSession;
use crate::wire::{reply, request};

/// A Calix CMS client for one tenant: E7 operations over NETCONF/SOAP and the REST NBI.
///
/// Cheap to clone; clones share one session, which is opened by the first call, renewed when
/// the server says it no longer exists, and ended by [`Client::close`]. `M` is [`Async`] (calls
/// return futures) or [`Blocking`] (see [`crate::blocking::Client`]).
pub struct Client<M: Mode = Async> {
    pub(crate) inner: Arc<Inner>,
    pub(crate) mode: M,
}

impl<M: Mode> Clone for Client<M> {
    fn clone(&self) -> Self {
        Client {
            inner: self.inner.clone(),
            mode: self.mode.clone(),
        }
    }
}

pub(crate) struct Inner {
    pub(crate) netconf: Transport,
    pub(crate) netconf_path: &'static str,
    pub(crate) rest: Option<Transport>,
    pub(crate) username: String,
    pub(crate) message_ids: Arc<AtomicU64>,
    /// The session hooks of a transport this client owns (built by [`ClientBuilder`]).
    pub(crate) session: Option<Arc<CmsSession>>,
    pub(crate) cache: Option<QueryCache>,
    pub(crate) closed: AtomicBool,
}

impl Drop for Inner {
    fn drop(&mut self) {
        // Drop cannot await a logout: say so, so the session does not sit unnoticed until the
        // server's idle timeout (CMS allows only 200 at once).
        if self.session.as_ref().is_some_and(|s| s.is_live())
            && !self.closed.load(Ordering::Acquire)
        {
            tracing::warn!(
                target: "nbi::cms",
                service = self.netconf.service(),
                tenant = self.netconf.tenant(),
                "CMS client dropped with a live session; call close() to log out"
            );
        }
    }
}

impl<M: Mode> fmt::Debug for Client<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("netconf", &self.inner.netconf)
            .field("netconf_path", &self.inner.netconf_path)
            .field("rest", &self.inner.rest)
            .field("username", &self.inner.username)
            .field("query_cache", &self.inner.cache.is_some())
            .field("mode", &self.mode)
            .finish()
    }
}

impl Client<Async> {
    /// Starts a client builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The client of `[tenants.<tenant>.<service>]`: its `url` and `node_type` for NETCONF,
    /// `rest_url` for the REST NBI, and `auth = { scheme = "session", … }` (or `CMS_USERNAME`
    /// / `CMS_PASSWORD`). Transports come from `transports`, so every client of one
    /// (tenant, CMS) shares one session.
    pub fn from_transports(transports: &Transports, tenant: &str, service: &str) -> Result<Client> {
        let cms = CmsSettings::from_settings(transports.settings(), tenant, service)?;
        let message_ids = Arc::new(AtomicU64::new(0));
        let session = Arc::new(CmsSession::new(
            cms.username.clone(),
            cms.password.clone(),
            cms.node_type.netconf_path(),
            message_ids.clone(),
        ));
        let netconf = transports.transport_with(tenant, service, &cms.url, "cms-netconf", |b| {
            Ok(crate::builder::with_session(b, session))
        })?;
        let rest = match &cms.rest_url {
            Some(url) => {
                Some(
                    transports.transport_with(tenant, service, url, "cms-rest", |b| {
                        Ok(crate::builder::with_basic(
                            b,
                            &cms.username,
                            cms.password.clone(),
                        ))
                    })?,
                )
            }
            None => None,
        };
        Ok(Client::from_parts(Inner {
            netconf,
            netconf_path: cms.node_type.netconf_path(),
            rest,
            username: cms.username,
            message_ids,
            // The session belongs to `transports`, shared by every client of this (tenant, CMS);
            // `Transports::shutdown` logs it out, so dropping this client is no leak.
            session: None,
            cache: None,
            closed: AtomicBool::new(false),
        }))
    }

    pub(crate) fn from_parts(inner: Inner) -> Client {
        Client {
            inner: Arc::new(inner),
            mode: Async,
        }
    }

    /// The blocking twin of this client, sharing its session and transports.
    pub fn into_blocking(self, blocking: Blocking) -> Client<Blocking> {
        Client {
            inner: self.inner,
            mode: blocking,
        }
    }

    /// Keeps ONT reads for `ttl`; writes to an ONT drop its cached reads.
    #[must_use]
    pub fn with_query_cache(self, ttl: std::time::Duration) -> Client {
        let mut inner = match Arc::try_unwrap(self.inner) {
            Ok(inner) => inner,
            Err(shared) => Inner {
                netconf: shared.netconf.clone(),
                netconf_path: shared.netconf_path,
                rest: shared.rest.clone(),
                username: shared.username.clone(),
                message_ids: shared.message_ids.clone(),
                session: shared.session.clone(),
                cache: shared.cache.clone(),
                closed: AtomicBool::new(false),
            },
        };
        inner.cache = Some(QueryCache::new(ttl));
        Client::from_parts(inner)
    }
}

impl<M: Mode> Client<M> {
    /// ONTs of `node`.
    pub fn ont(&self, node: NodeName) -> OntApi<M> {
        OntApi::new(self.clone(), node)
    }

    /// VLANs of `node`.
    pub fn vlan(&self, node: NodeName) -> VlanApi<M> {
        VlanApi::new(self.clone(), node)
    }

    /// Ethernet services of `node`.
    pub fn eth_svc(&self, node: NodeName) -> EthSvcApi<M> {
        EthSvcApi::new(self.clone(), node)
    }

    /// The REST NBI (needs `rest_url`).
    pub fn rest(&self) -> RestApi<M> {
        RestApi::new(self.clone())
    }

    /// Logs the session out (if one is open). Later calls log in again.
    pub fn close(&self) -> M::Output<()> {
        let inner = self.inner.clone();
        self.mode.run(Box::pin(async move {
            inner.closed.store(true, Ordering::Release);
            inner.netconf.shutdown().await
        }))
    }

    /// How many times a session was opened or renewed (logins).
    pub fn logins(&self) -> u64 {
        self.inner.netconf.auth_renewals()
    }

    /// The NETCONF transport.
    pub fn transport(&self) -> &Transport {
        &self.inner.netconf
    }

    /// The REST NBI transport, when `rest_url` is set.
    pub fn rest_transport(&self) -> Option<&Transport> {
        self.inner.rest.as_ref()
    }

    /// The mode calls complete in.
    pub fn mode(&self) -> &M {
        &self.mode
    }
}

impl Inner {
    /// Sends one RPC to `node` and returns the parsed reply document. The session id and a
    /// fresh message id are written per attempt, so a replay after a re-login carries the new
    /// session.
    pub(crate) async fn rpc(
        &self,
        operation: Operation,
        node: &NodeName,
        body: String,
        idempotent: bool,
    ) -> Result<XmlElement> {
        let response = self
            .netconf
            .send(self.rpc_spec(operation, node, body, idempotent))
            .await?;
        reply::document(response.body())
    }

    pub(crate) fn rpc_spec(
        &self,
        operation: Operation,
        node: &NodeName,
        body: String,
        idempotent: bool,
    ) -> RequestSpec {
        let ids = self.message_ids.clone();
        let node = node.clone();
        let username = self.username.clone();
        let render: BodyFn = Arc::new(move |session: &Credential| {
            let id = ids.fetch_add(1, Ordering::Relaxed) + 1;
            Ok(Bytes::from(request::rpc(
                id,
                &node,
                &username,
                session.secret().expose_secret(),
                &body,
            )))
        });
        RequestSpec::post(operation, self.netconf_path)
            .body_with_credential(XML_CONTENT_TYPE, render)
            .idempotent(idempotent)
    }
}

#[cfg(test)]
fn _assert_impls() {
    fn is<T: Send + Sync + Clone + fmt::Debug>() {}
    is::<Client>();
    is::<Client<Blocking>>();
}
