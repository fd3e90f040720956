//! A static bearer token: `Authorization: Bearer <token>`.

use async_trait::async_trait;
use http::HeaderMap;

use super::header::set_authorization;
use super::{AuthContext, AuthProvider, Credential};
use crate::error::Result;
use crate::secret::SharedSecret;

/// A long-lived bearer token (an API key, NetBox v2 `nbt_` tokens, a pre-issued JWT).
///
/// The token is resolved at every [`login`](AuthProvider::login) and
/// [`refresh`](AuthProvider::refresh), so a rotated token is used from the renewal that follows
/// the next 401. For tokens obtained from a token endpoint use
/// [`OAuth2ClientCredentials`](super::OAuth2ClientCredentials) or [`JwtLogin`](super::JwtLogin).
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use nbi_core::auth::BearerAuth;
/// use nbi_core::{AuthProvider, FixedSecret, SharedAuth};
///
/// let auth: SharedAuth = Arc::new(BearerAuth::new(FixedSecret::shared("nbt_abc.123")));
/// assert_eq!(auth.scheme(), "bearer");
/// ```
#[derive(Debug, Clone)]
pub struct BearerAuth {
    token: SharedSecret,
}

impl BearerAuth {
    /// Sends the token `token` resolves to.
    pub fn new(token: SharedSecret) -> Self {
        BearerAuth { token }
    }
}

#[async_trait]
impl AuthProvider for BearerAuth {
    fn scheme(&self) -> &'static str {
        "bearer"
    }

    async fn login(&self, _ctx: &AuthContext) -> Result<Credential> {
        Ok(Credential::new(self.token.resolve()?))
    }

    /// Reads the token again, so a rotated one is picked up.
    async fn refresh(&self, ctx: &AuthContext, _stale: &Credential) -> Result<Credential> {
        self.login(ctx).await
    }

    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()> {
        set_authorization(headers, "Bearer", credential)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::test_support::{RotatingSecret, context};
    use http::header::AUTHORIZATION;

    #[tokio::test]
    async fn sends_the_token_and_rereads_it_on_refresh() {
        let ctx = context("http://127.0.0.1:9");
        let secret = RotatingSecret::new("nbt_first.1");
        let auth = BearerAuth::new(secret.shared());
        let stale = auth.login(&ctx).await.unwrap();
        let mut headers = HeaderMap::new();
        auth.apply(&stale, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Bearer nbt_first.1");

        secret.rotate("nbt_second.2");
        let fresh = auth.refresh(&ctx, &stale).await.unwrap();
        auth.apply(&fresh, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Bearer nbt_second.2");
        assert!(headers[AUTHORIZATION].is_sensitive());
        assert!(!format!("{auth:?}").contains("nbt_"));
    }
}
