//! Session logins (Calix CMS and the like): a login call issues a session id, a logout call ends
//! it, and requests carry the id in their body.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::HeaderMap;

use super::{AuthContext, AuthProvider, Credential};
use crate::error::Result;

/// The wire side of a session scheme, written by the client crate that knows the format.
///
/// [`login`](SessionHooks::login) returns the session id as a [`Credential`] (with an expiry if
/// the server tells one); [`logout`](SessionHooks::logout) ends it. The id usually travels in
/// the request body, rendered per attempt by
/// [`RequestSpec::body_with_credential`](crate::RequestSpec::body_with_credential), so
/// [`apply`](SessionHooks::apply) adds nothing by default; override it for a session cookie
/// or header.
#[async_trait]
pub trait SessionHooks: Send + Sync + fmt::Debug {
    /// Opens a session; its id is the credential's secret.
    async fn login(&self, ctx: &AuthContext) -> Result<Credential>;

    /// Ends a session.
    async fn logout(&self, ctx: &AuthContext, session: &Credential) -> Result<()>;

    /// Adds the session to a request's headers, for schemes that carry it there.
    fn apply(&self, session: &Credential, headers: &mut HeaderMap) -> Result<()> {
        let _ = (session, headers);
        Ok(())
    }
}

/// A session scheme: logs in through its [`SessionHooks`], and on renewal logs the old session
/// out before logging in, so servers with a session limit (CMS allows 200) are not filled with
/// abandoned sessions.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use async_trait::async_trait;
/// use nbi_core::auth::{SessionAuth, SessionHooks};
/// use nbi_core::{AuthContext, AuthProvider, Credential, Result, SecretString, SharedAuth};
///
/// #[derive(Debug)]
/// struct CmsSession {
///     username: String,
/// }
///
/// #[async_trait]
/// impl SessionHooks for CmsSession {
///     async fn login(&self, _ctx: &AuthContext) -> Result<Credential> {
///         // POST the XML login to ctx.base_url with ctx.http, parse <SessionId>…
///         let session_id = String::from("1234");
///         Ok(Credential::new(SecretString::from(session_id)))
///     }
///     async fn logout(&self, _ctx: &AuthContext, _session: &Credential) -> Result<()> {
///         // POST the XML logout naming the session.
///         Ok(())
///     }
/// }
///
/// let auth: SharedAuth = Arc::new(SessionAuth::new(Arc::new(CmsSession {
///     username: "nbi".into(),
/// })));
/// assert_eq!(auth.scheme(), "session");
/// ```
#[derive(Debug, Clone)]
pub struct SessionAuth {
    hooks: Arc<dyn SessionHooks>,
}

impl SessionAuth {
    /// A session scheme driven by `hooks`.
    pub fn new(hooks: Arc<dyn SessionHooks>) -> Self {
        SessionAuth { hooks }
    }
}

#[async_trait]
impl AuthProvider for SessionAuth {
    fn scheme(&self) -> &'static str {
        "session"
    }

    async fn login(&self, ctx: &AuthContext) -> Result<Credential> {
        self.hooks.login(ctx).await
    }

    /// Logs the stale session out (best effort: it may already be gone on the server), then logs
    /// in.
    async fn refresh(&self, ctx: &AuthContext, stale: &Credential) -> Result<Credential> {
        if let Err(e) = self.hooks.logout(ctx, stale).await {
            tracing::debug!(
                target: "nbi::auth",
                service = %ctx.service,
                tenant = %ctx.tenant,
                error_kind = %e.kind(),
                "logout of the stale session failed; logging in anyway"
            );
        }
        self.hooks.login(ctx).await
    }

    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()> {
        self.hooks.apply(credential, headers)
    }

    async fn logout(&self, ctx: &AuthContext, credential: &Credential) -> Result<()> {
        self.hooks.logout(ctx, credential).await
    }
}

#[cfg(test)]
mod tests;
