//! NetBox token authentication: v1 keys as `Authorization: Token <key>`, v2 keys
//! (`nbt_<id>.<secret>`) as `Authorization: Bearer <key>`.

use async_trait::async_trait;
use http::HeaderMap;

use super::header::set_authorization;
use super::{AuthContext, AuthProvider, Credential};
use crate::error::Result;
use crate::secret::{ExposeSecret, SharedSecret};

/// A NetBox API token. The scheme follows the token's form, as NetBox 4.x expects: a v2 token
/// (`nbt_<id>.<secret>`) is sent as `Authorization: Bearer <token>`, any other (a v1 key of 40
/// hex digits) as `Authorization: Token <key>`. The key is resolved at every
/// [`login`](AuthProvider::login) and [`refresh`](AuthProvider::refresh), so a rotated key is
/// used from the renewal that follows the next 401.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use nbi_core::auth::TokenAuth;
/// use nbi_core::{AuthProvider, FixedSecret, SharedAuth};
///
/// let auth: SharedAuth = Arc::new(TokenAuth::new(FixedSecret::shared(
///     "0123456789abcdef0123456789abcdef01234567",
/// )));
/// assert_eq!(auth.scheme(), "token");
/// ```
#[derive(Debug, Clone)]
pub struct TokenAuth {
    token: SharedSecret,
}

impl TokenAuth {
    /// Sends the key `token` resolves to.
    pub fn new(token: SharedSecret) -> Self {
        TokenAuth { token }
    }
}

#[async_trait]
impl AuthProvider for TokenAuth {
    fn scheme(&self) -> &'static str {
        "token"
    }

    async fn login(&self, _ctx: &AuthContext) -> Result<Credential> {
        Ok(Credential::new(self.token.resolve()?))
    }

    /// Reads the key again, so a rotated one is picked up.
    async fn refresh(&self, ctx: &AuthContext, _stale: &Credential) -> Result<Credential> {
        self.login(ctx).await
    }

    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()> {
        let scheme = if is_v2_token(credential.secret().expose_secret()) {
            "Bearer"
        } else {
            "Token"
        };
        set_authorization(headers, scheme, credential)
    }
}

/// Whether `token` has the NetBox v2 form `nbt_<id>.<secret>`.
fn is_v2_token(token: &str) -> bool {
    token
        .strip_prefix("nbt_")
        .and_then(|rest| rest.split_once('.'))
        .is_some_and(|(id, secret)| !id.is_empty() && !secret.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::test_support::{RotatingSecret, context};
    use http::header::AUTHORIZATION;

    #[tokio::test]
    async fn sends_token_scheme_and_rereads_the_key_on_refresh() {
        let ctx = context("http://127.0.0.1:9");
        let secret = RotatingSecret::new("key-one");
        let auth = TokenAuth::new(secret.shared());
        let stale = auth.login(&ctx).await.unwrap();
        let mut headers = HeaderMap::new();
        auth.apply(&stale, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Token key-one");

        secret.rotate("key-two");
        let fresh = auth.refresh(&ctx, &stale).await.unwrap();
        auth.apply(&fresh, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Token key-two");
        assert!(headers[AUTHORIZATION].is_sensitive());
    }

    #[tokio::test]
    async fn v2_tokens_go_as_bearer() {
        let ctx = context("http://127.0.0.1:9");
        let auth = TokenAuth::new(RotatingSecret::new("nbt_abc123.s3cr3t").shared());
        let credential = auth.login(&ctx).await.unwrap();
        let mut headers = HeaderMap::new();
        auth.apply(&credential, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Bearer nbt_abc123.s3cr3t");
        assert!(!is_v2_token("nbt_.x"));
        assert!(!is_v2_token("nbt_abc"));
        assert!(!is_v2_token("0123456789abcdef0123456789abcdef01234567"));
    }
}
