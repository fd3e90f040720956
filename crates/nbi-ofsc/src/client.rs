//! [`Client`] and [`ClientBuilder`]: the entry point, its area accessors and the one place
//! calls are sent from.

use std::fmt;
use std::sync::Arc;

use nbi_core::auth::{BasicAuth, OAuth2ClientCredentials};
use nbi_core::{
    Async, Blocking, Error, Mode, Result, SharedAuth, SharedInterceptor, SharedSecret, Transport,
    Transports,
};

use crate::api::{ActivitiesApi, CapacityApi, EventsApi, MetadataApi, ResourcesApi, UsersApi};
use crate::call::Call;
use crate::endpoint::Route;

/// The service kind in the settings.
const KIND: &str = "ofsc";
/// The instance's OAuth 2 token service, relative to its base URL.
pub const TOKEN_PATH: &str = "/rest/oauthTokenService/v2/token";

/// The URL of an OFSC instance: `https://{instance}.fs.ocs.oraclecloud.com`.
pub fn instance_url(instance: &str) -> Result<String> {
    let valid = !instance.is_empty()
        && instance
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Err(Error::config(
            "instance",
            "an instance name is letters, digits, - and _ only",
        ));
    }
    Ok(format!("https://{instance}.fs.ocs.oraclecloud.com"))
}

/// An Oracle Field Service client: Core, Metadata and Capacity. Cheap to clone; clones share
/// the transport (pool, breaker, token).
///
/// `Client` is async; [`blocking::Client`](crate::blocking::Client) is the same client in
/// [`Blocking`] mode.
#[derive(Clone)]
pub struct Client<M: Mode = Async> {
    transport: Transport,
    mode: M,
}

impl<M: Mode> fmt::Debug for Client<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The transport's Debug shows the auth scheme only, never a secret or token.
        f.debug_struct("Client")
            .field("transport", &self.transport)
            .field("mode", &self.mode)
            .finish()
    }
}

/// How the builder authenticates when it builds its own transport.
#[derive(Clone)]
enum AuthChoice {
    Basic,
    OAuth2 { token_url: Option<String> },
}

/// Builds a [`Client`], either on a ready [`Transport`] or from an instance name and client
/// credentials. Bad input is reported by [`build`](ClientBuilder::build).
#[derive(Default)]
#[must_use]
pub struct ClientBuilder {
    transport: Option<Transport>,
    instance: Option<String>,
    base_url: Option<String>,
    tenant: Option<String>,
    credentials: Option<(String, SharedSecret)>,
    auth: Option<AuthChoice>,
    allow_insecure_http: bool,
    interceptors: Vec<SharedInterceptor>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("transport", &self.transport)
            .field("instance", &self.instance)
            .field("base_url", &self.base_url)
            .field("client_id", &self.credentials.as_ref().map(|(id, _)| id))
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Uses a ready transport (its base URL and auth as they are); other settings are ignored.
    pub fn transport(mut self, transport: Transport) -> Self {
        self.transport = Some(transport);
        self
    }

    /// The instance name: the base URL is generated from it and `@instance` is added to the
    /// client id.
    pub fn instance(mut self, instance: impl Into<String>) -> Self {
        self.instance = Some(instance.into());
        self
    }

    /// Overrides the generated base URL (a test server, a proxy).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The tenant named in metrics, logs and errors (default `default`).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// The client id (without `@instance`) and secret.
    pub fn client_credentials(
        mut self,
        client_id: impl Into<String>,
        secret: SharedSecret,
    ) -> Self {
        self.credentials = Some((client_id.into(), secret));
        self
    }

    /// Basic auth on every call (the default).
    pub fn basic_auth(mut self) -> Self {
        self.auth = Some(AuthChoice::Basic);
        self
    }

    /// OAuth 2 client credentials through the instance's token service (or `token_url`).
    pub fn oauth2(mut self, token_url: Option<String>) -> Self {
        self.auth = Some(AuthChoice::OAuth2 { token_url });
        self
    }

    /// Allows an `http://` base URL (tests, simulators).
    pub fn allow_insecure_http(mut self, yes: bool) -> Self {
        self.allow_insecure_http = yes;
        self
    }

    /// Adds an interceptor (nbi-core's hooks around each attempt) to the built transport.
    pub fn interceptor(mut self, interceptor: SharedInterceptor) -> Self {
        self.interceptors.push(interceptor);
        self
    }

    /// Builds the async client.
    pub fn build(self) -> Result<Client> {
        let transport = match self.transport {
            Some(t) => t,
            None => self.build_transport()?,
        };
        Ok(Client {
            transport,
            mode: Async,
        })
    }

    /// Builds the blocking client.
    pub fn build_blocking(self) -> Result<crate::blocking::Client> {
        Ok(self.build()?.into_blocking(Blocking::new()?))
    }

    fn build_transport(self) -> Result<Transport> {
        let url = match (&self.base_url, &self.instance) {
            (Some(url), _) => url.clone(),
            (None, Some(instance)) => instance_url(instance)?,
            (None, None) => {
                return Err(Error::build(
                    "an OFSC client needs a transport, an instance or a base URL",
                ));
            }
        };
        let tenant = self.tenant.unwrap_or_else(|| "default".to_owned());
        let mut builder = Transport::builder(KIND, tenant)
            .base_url(&url)
            .allow_insecure_http(self.allow_insecure_http);
        if let Some((client_id, secret)) = self.credentials {
            let user = match &self.instance {
                Some(instance) if !client_id.contains('@') => format!("{client_id}@{instance}"),
                _ => client_id,
            };
            let provider: SharedAuth = match self.auth.unwrap_or(AuthChoice::Basic) {
                AuthChoice::Basic => Arc::new(BasicAuth::new(user, secret)),
                AuthChoice::OAuth2 { token_url } => Arc::new(OAuth2ClientCredentials::new(
                    token_url.unwrap_or_else(|| TOKEN_PATH.to_owned()),
                    user,
                    secret,
                )),
            };
            builder = builder.auth(provider);
        }
        for interceptor in self.interceptors {
            builder = builder.interceptor(interceptor);
        }
        builder.build()
    }
}

impl Client {
    /// A builder.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The client of `service` (kind `ofsc`) of `tenant` in the settings: URL from `instance`
    /// unless `url` is set, `@instance` added to the client id, oauth2's token URL defaulted.
    pub fn from_transports(transports: &Transports, tenant: &str, service: &str) -> Result<Client> {
        if let Some(settings) = transports.settings().service(tenant, service) {
            let kind = settings.kind_or(service);
            if kind != KIND {
                return Err(Error::config(
                    format!("tenants.{tenant}.{service}.kind"),
                    format!("is {kind:?}, not \"ofsc\""),
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
    /// The transport: base URL, breaker state, metrics, raw [`send`](Transport::send).
    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Core: activities, their custom actions and sub-resources.
    pub fn activities(&self) -> ActivitiesApi<M> {
        ActivitiesApi::new(self.clone())
    }

    /// Core: resources, their work skills, zones, schedules and locations.
    pub fn resources(&self) -> ResourcesApi<M> {
        ResourcesApi::new(self.clone())
    }

    /// Core: users.
    pub fn users(&self) -> UsersApi<M> {
        UsersApi::new(self.clone())
    }

    /// Core: event subscriptions and event polling.
    pub fn events(&self) -> EventsApi<M> {
        EventsApi::new(self.clone())
    }

    /// Capacity: capacity, quota, booking options, closing schedule, statuses, booking grid.
    pub fn capacity(&self) -> CapacityApi<M> {
        CapacityApi::new(self.clone())
    }

    /// Metadata: activity types, properties, work skills and zones, capacity areas and
    /// categories, inventory types, time slots, resource types.
    pub fn metadata(&self) -> MetadataApi<M> {
        MetadataApi::new(self.clone())
    }

    /// A call of any route in the client's table, for operations without a typed accessor.
    pub(crate) fn call<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        route: &Route,
    ) -> Call<M, T> {
        Call::new(self.clone(), route)
    }

    pub(crate) fn mode(&self) -> &M {
        &self.mode
    }
}

#[cfg(test)]
fn _assert_impls() {
    fn is_send_sync_clone<T: Send + Sync + Clone + fmt::Debug>() {}
    is_send_sync_clone::<Client>();
    is_send_sync_clone::<Client<Blocking>>();
}
