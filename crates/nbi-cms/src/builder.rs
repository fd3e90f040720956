//! [`ClientBuilder`]: a client from a URL and credentials, or from a ready NETCONF transport.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::Duration;

use nbi_core::auth::{BasicAuth, SessionAuth};
use nbi_core::{Blocking, Error, Result, SharedSecret, Transport, TransportBuilder};

use crate::cache::QueryCache;
use crate::classify::{NetconfClassifier, RestClassifier};
use crate::client::{Client, Inner};
use crate::models::node::NodeType;
use crate::session::CmsSession;

/// Installs the CMS session scheme and the rpc-error classifier on a NETCONF transport.
pub(crate) fn with_session(b: TransportBuilder, session: Arc<CmsSession>) -> TransportBuilder {
    b.auth(Arc::new(SessionAuth::new(session)))
        .classifier(Arc::new(NetconfClassifier))
}

/// Installs basic auth (the same user as NETCONF) and the REST error reader.
pub(crate) fn with_basic(
    b: TransportBuilder,
    username: &str,
    password: SharedSecret,
) -> TransportBuilder {
    b.auth(Arc::new(BasicAuth::new(username, password)))
        .classifier(Arc::new(RestClassifier))
}

/// Builds a [`Client`]. Bad input is reported by [`ClientBuilder::build`].
///
/// ```no_run
/// use nbi_cms::{Client, NodeType};
/// use nbi_core::FixedSecret;
/// let client = Client::builder()
///     .url("https://cms.acme.example:18443")
///     .rest_url("https://cms.acme.example:8443")
///     .node_type(NodeType::E7)
///     .credentials("nbi", FixedSecret::shared("secret"))
///     .build()?;
/// # Ok::<(), nbi_cms::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder {
    tenant: String,
    url: Option<String>,
    rest_url: Option<String>,
    node_type: NodeType,
    credentials: Option<(String, SharedSecret)>,
    allow_insecure_http: bool,
    transport: Option<Transport>,
    cache_ttl: Option<Duration>,
    max_concurrency: Option<usize>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("tenant", &self.tenant)
            .field("url", &self.url)
            .field("rest_url", &self.rest_url)
            .field("node_type", &self.node_type)
            .field("username", &self.credentials.as_ref().map(|c| &c.0))
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub(crate) fn new() -> Self {
        ClientBuilder {
            tenant: "default".into(),
            url: None,
            rest_url: None,
            node_type: NodeType::E7,
            credentials: None,
            allow_insecure_http: false,
            transport: None,
            cache_ttl: None,
            max_concurrency: None,
        }
    }

    /// The tenant name used in metrics, logs and errors (default `default`).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = tenant.into();
        self
    }

    /// The NETCONF endpoint (`https://cms:18443`).
    pub fn url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The REST NBI endpoint.
    pub fn rest_url(mut self, url: impl Into<String>) -> Self {
        self.rest_url = Some(url.into());
        self
    }

    /// The node type, which picks the NETCONF path (default E7).
    pub fn node_type(mut self, node_type: NodeType) -> Self {
        self.node_type = node_type;
        self
    }

    /// The CMS user and password (used for the NETCONF login and REST basic auth).
    pub fn credentials(mut self, username: impl Into<String>, password: SharedSecret) -> Self {
        self.credentials = Some((username.into(), password));
        self
    }

    /// Allows `http://` URLs (labs and simulators).
    pub fn allow_insecure_http(mut self, yes: bool) -> Self {
        self.allow_insecure_http = yes;
        self
    }

    /// Uses a ready NETCONF transport instead of building one from `url`. With credentials
    /// set, the CMS session scheme is expected to be the transport's own; without, the
    /// transport is used as it is.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// At most `n` requests in flight per endpoint (the transport's bulkhead; default 20).
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrency = Some(n);
        self
    }

    /// Keeps ONT reads (get, show) for `ttl`; writes to an ONT drop its cached reads.
    pub fn query_cache(mut self, ttl: Duration) -> Self {
        self.cache_ttl = Some(ttl);
        self
    }

    /// A transport builder for `url` with this builder's settings.
    fn transport_builder(&self, url: &str) -> TransportBuilder {
        let b = Transport::builder("cms", self.tenant.clone())
            .base_url(url)
            .allow_insecure_http(self.allow_insecure_http);
        match self.max_concurrency {
            Some(n) => b.max_concurrency(n),
            None => b,
        }
    }

    /// Builds the client; no I/O happens until the first call.
    pub fn build(mut self) -> Result<Client> {
        let message_ids = Arc::new(AtomicU64::new(0));
        let username = self
            .credentials
            .as_ref()
            .map(|c| c.0.clone())
            .unwrap_or_default();
        let path = self.node_type.netconf_path();
        let (netconf, session) = match (self.transport.take(), &self.credentials) {
            (Some(t), _) => (t, None),
            (None, Some((user, password))) => {
                let url = self
                    .url
                    .as_deref()
                    .ok_or_else(|| Error::config("url", "is required"))?;
                let session = Arc::new(CmsSession::new(
                    user.clone(),
                    password.clone(),
                    path,
                    message_ids.clone(),
                ));
                let b = self.transport_builder(url);
                (with_session(b, session.clone()).build()?, Some(session))
            }
            (None, None) => {
                return Err(Error::config(
                    "credentials",
                    "are required unless a transport is given",
                ));
            }
        };
        let rest = match (&self.rest_url, &self.credentials) {
            (Some(url), Some((user, password))) => {
                let b = self.transport_builder(url);
                Some(with_basic(b, user, password.clone()).build()?)
            }
            (Some(_), None) => {
                return Err(Error::config("rest_url", "needs credentials"));
            }
            (None, _) => None,
        };
        Ok(Client::from_parts(Inner {
            netconf,
            netconf_path: path,
            rest,
            username,
            message_ids,
            session,
            cache: self.cache_ttl.map(QueryCache::new),
            closed: AtomicBool::new(false),
        }))
    }

    /// Builds the blocking twin.
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        Ok(self.build()?.into_blocking(Blocking::new()?))
    }
}
