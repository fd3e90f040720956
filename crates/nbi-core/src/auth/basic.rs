//! HTTP basic authentication: `Authorization: Basic base64(user:password)`.

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::HeaderMap;

use super::header::set_authorization;
use super::{AuthContext, AuthProvider, Credential};
use crate::error::Result;
use crate::secret::{ExposeSecret, SecretString, SharedSecret};

/// HTTP basic authentication with a username and a password.
///
/// The password is resolved at every [`login`](AuthProvider::login), so a rotated password is
/// used from the renewal that follows the next 401. The credential holds the encoded
/// `user:password` pair.
///
/// Oracle Field Service authenticates its basic clients as `client_id@instance`: pass that whole
/// string as the username (the OFSC client does this for you).
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use nbi_core::auth::BasicAuth;
/// use nbi_core::{AuthProvider, FixedSecret, SharedAuth};
///
/// // OFSC: the username is `client_id@instance`.
/// let auth: SharedAuth = Arc::new(BasicAuth::new(
///     "nbi-client@acme-test",
///     FixedSecret::shared("client-secret"),
/// ));
/// assert_eq!(auth.scheme(), "basic");
/// assert!(!format!("{auth:?}").contains("client-secret"));
/// ```
#[derive(Debug, Clone)]
pub struct BasicAuth {
    username: String,
    password: SharedSecret,
}

impl BasicAuth {
    /// Basic authentication as `username` with the password `password` resolves to.
    pub fn new(username: impl Into<String>, password: SharedSecret) -> Self {
        BasicAuth {
            username: username.into(),
            password,
        }
    }

    /// The username sent.
    pub fn username(&self) -> &str {
        &self.username
    }
}

#[async_trait]
impl AuthProvider for BasicAuth {
    fn scheme(&self) -> &'static str {
        "basic"
    }

    async fn login(&self, _ctx: &AuthContext) -> Result<Credential> {
        let password = self.password.resolve()?;
        let pair = format!("{}:{}", self.username, password.expose_secret());
        Ok(Credential::new(SecretString::from(STANDARD.encode(pair))))
    }

    /// Reads the password again, so a rotated one is picked up.
    async fn refresh(&self, ctx: &AuthContext, _stale: &Credential) -> Result<Credential> {
        self.login(ctx).await
    }

    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()> {
        set_authorization(headers, "Basic", credential)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::test_support::{RotatingSecret, context};
    use crate::secret::FixedSecret;
    use http::header::AUTHORIZATION;

    #[tokio::test]
    async fn header_is_basic_base64_of_user_colon_password() {
        let ctx = context("http://127.0.0.1:9");
        let auth = BasicAuth::new("Aladdin", FixedSecret::shared("open sesame"));
        let credential = auth.login(&ctx).await.unwrap();
        assert!(credential.expires_at().is_none());
        let mut headers = HeaderMap::new();
        auth.apply(&credential, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(headers[AUTHORIZATION].is_sensitive());
    }

    #[tokio::test]
    async fn refresh_picks_up_a_rotated_password() {
        let ctx = context("http://127.0.0.1:9");
        let secret = RotatingSecret::new("old");
        let auth = BasicAuth::new("ofsc-client@acme", secret.shared());
        let stale = auth.login(&ctx).await.unwrap();
        secret.rotate("new");
        let fresh = auth.refresh(&ctx, &stale).await.unwrap();
        let mut headers = HeaderMap::new();
        auth.apply(&fresh, &mut headers).unwrap();
        let want = format!("Basic {}", STANDARD.encode("ofsc-client@acme:new"));
        assert_eq!(headers[AUTHORIZATION], want.as_str());
    }

    #[test]
    fn debug_shows_the_username_but_not_the_password() {
        let auth = BasicAuth::new("alice", FixedSecret::shared("hunter2"));
        let shown = format!("{auth:?}");
        assert!(shown.contains("alice"));
        assert!(!shown.contains("hunter2"));
    }
}
