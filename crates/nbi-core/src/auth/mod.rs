//! Authentication: an [`AuthProvider`] per scheme, and the single-flight renewal every
//! transport uses.
//!
//! A provider logs in (or reads its static secret), decorates requests with the resulting
//! [`Credential`], and renews it. The transport keeps one credential per (service, tenant, base
//! URL), renews it ahead of its expiry, and on a 401 — or a client's own "session expired"
//! signal — renews it exactly once for all concurrent callers, then replays the request once.
//!
//! # Schemes
//!
//! | `scheme` in settings | Provider                    | Sends                                    | Renewal                                      |
//! |----------------------|-----------------------------|------------------------------------------|----------------------------------------------|
//! | `basic`              | [`BasicAuth`]               | `Authorization: Basic base64(user:pass)` | re-reads the password                        |
//! | `bearer`             | [`BearerAuth`]              | `Authorization: Bearer <token>`          | re-reads the token                           |
//! | `token`              | [`TokenAuth`]               | `Authorization: Token <key>` (NetBox v1) | re-reads the key                             |
//! | `oauth2`             | [`OAuth2ClientCredentials`] | `Authorization: Bearer <access token>`   | new token fetch ahead of `expires_in`        |
//! | `jwt-login`          | [`JwtLogin`]                | `Authorization: Bearer <JWT>`            | refresh token ahead of `exp`, else login     |
//! | `session`            | [`SessionAuth`]             | a session id, usually in the body        | logout of the old session, then login        |
//!
//! `none` has no provider: the transport sends requests as they are. Secrets are resolved
//! through a [`SharedSecret`](crate::SharedSecret) at every login, so a rotated secret is used
//! from the next renewal on. No provider's `Debug`, and no error it returns, shows a secret.

mod basic;
mod bearer;
mod exchange;
mod header;
mod jwt;
mod oauth2;
mod session;
mod state;
mod token;
mod token_response;

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use http::HeaderMap;
use url::Url;

use crate::clock::SharedClock;
use crate::error::Result;
use crate::secret::SecretString;

pub use basic::BasicAuth;
pub use bearer::BearerAuth;
pub use jwt::JwtLogin;
pub use oauth2::{ClientAuth, OAuth2ClientCredentials};
pub use session::{SessionAuth, SessionHooks};
pub(crate) use state::{AuthState, Issued};
pub use token::TokenAuth;

/// A credential issued by a provider: a token, a session id or a pre-encoded header value.
#[derive(Clone)]
pub struct Credential {
    secret: SecretString,
    refresh_token: Option<SecretString>,
    expires_at: Option<SystemTime>,
}

impl Credential {
    /// A credential that does not expire by itself.
    pub fn new(secret: SecretString) -> Self {
        Credential {
            secret,
            refresh_token: None,
            expires_at: None,
        }
    }

    /// Adds the refresh token that came with it.
    pub fn with_refresh_token(mut self, token: SecretString) -> Self {
        self.refresh_token = Some(token);
        self
    }

    /// Sets its expiry.
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// The token, session id or header value.
    pub fn secret(&self) -> &SecretString {
        &self.secret
    }

    /// The refresh token, if the server gave one.
    pub fn refresh_token(&self) -> Option<&SecretString> {
        self.refresh_token.as_ref()
    }

    /// When it expires, if known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("secret", &"[REDACTED]")
            .field("has_refresh_token", &self.refresh_token.is_some())
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// What a provider may use to log in: the transport's pooled HTTP client and where it points.
#[derive(Debug, Clone)]
pub struct AuthContext {
    /// The transport's HTTP client (same pool, TLS settings and proxy).
    pub http: reqwest::Client,
    /// The transport's base URL; relative login paths resolve against it.
    pub base_url: Url,
    /// Timeout of one auth call.
    pub timeout: Duration,
    /// Wall clock, for expiry computations.
    pub clock: SharedClock,
    /// Service name, for errors.
    pub service: String,
    /// Tenant name, for errors.
    pub tenant: String,
}

/// One authentication scheme.
///
/// Implement it for a scheme nbi does not ship; the transport adds caching, renewal ahead of
/// expiry and single-flight renewal on rejection.
#[async_trait]
pub trait AuthProvider: Send + Sync + fmt::Debug {
    /// The scheme's name (`basic`, `oauth2`, …), for logs and `nbi doctor`.
    fn scheme(&self) -> &'static str;

    /// Obtains a new credential: a login, a token fetch, or a fresh read of a static secret.
    async fn login(&self, ctx: &AuthContext) -> Result<Credential>;

    /// Replaces a credential that expired or was rejected. The default logs in again; JWT
    /// providers use the refresh token first.
    async fn refresh(&self, ctx: &AuthContext, stale: &Credential) -> Result<Credential> {
        let _ = stale;
        self.login(ctx).await
    }

    /// Adds the credential to an outgoing request's headers. Schemes that carry the credential in
    /// the body (CMS sessions) add nothing here; see [`crate::RequestSpec::body_with_credential`].
    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()>;

    /// Ends a credential's life on the server (session logout). The default does nothing.
    async fn logout(&self, ctx: &AuthContext, credential: &Credential) -> Result<()> {
        let _ = (ctx, credential);
        Ok(())
    }
}

/// A shared provider.
pub type SharedAuth = Arc<dyn AuthProvider>;

#[cfg(test)]
fn _object_safe(_: &dyn AuthProvider) {}
