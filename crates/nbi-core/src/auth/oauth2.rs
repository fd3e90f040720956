//! OAuth2 client credentials (RFC 6749 §4.4): a token fetched with a client id and secret.

use std::fmt;

use async_trait::async_trait;
use http::HeaderMap;

use super::exchange::{AuthCall, decode_json};
use super::header::set_authorization;
use super::token_response::TokenResponse;
use super::{AuthContext, AuthProvider, Credential};
use crate::error::Result;
use crate::secret::{ExposeSecret, SharedSecret};

/// How the client proves its identity to the token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// HTTP basic authentication with `client_id:client_secret` (RFC 6749's preferred way, and
    /// what Oracle Field Service expects).
    #[default]
    Basic,
    /// `client_id` and `client_secret` as form fields of the token request.
    Body,
}

/// Fetches a bearer token from a token endpoint with the client-credentials grant.
///
/// `POST token_url` with the form `grant_type=client_credentials[&scope=…]` answers
/// `{access_token, token_type, expires_in}`; the token is sent as `Authorization: Bearer …` and
/// expires `expires_in` seconds after it was fetched (no `expires_in`: it is used until the server
/// rejects it). The transport fetches a new one ahead of expiry. There is no refresh token in
/// this grant, so a renewal is a new fetch, with the client secret resolved again.
///
/// For Oracle Field Service, the token URL is `/rest/oauthTokenService/v2/token` and the client
/// id is `client_id@instance`.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use nbi_core::auth::{ClientAuth, OAuth2ClientCredentials};
/// use nbi_core::{AuthProvider, FixedSecret, SharedAuth};
///
/// let auth: SharedAuth = Arc::new(
///     OAuth2ClientCredentials::new(
///         "/rest/oauthTokenService/v2/token", // relative to the base URL, or absolute
///         "nbi-client@acme-test",
///         FixedSecret::shared("client-secret"),
///     )
///     .scope("ofsc.read ofsc.write")
///     .client_auth(ClientAuth::Basic),
/// );
/// assert_eq!(auth.scheme(), "oauth2");
/// ```
#[derive(Clone)]
pub struct OAuth2ClientCredentials {
    token_url: String,
    client_id: String,
    client_secret: SharedSecret,
    scope: Option<String>,
    client_auth: ClientAuth,
}

impl OAuth2ClientCredentials {
    /// Client credentials for `token_url` (absolute, or a path relative to the base URL).
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: SharedSecret,
    ) -> Self {
        OAuth2ClientCredentials {
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret,
            scope: None,
            client_auth: ClientAuth::default(),
        }
    }

    /// Asks for this scope (space-separated scopes, as the token endpoint expects them).
    #[must_use]
    pub fn scope(mut self, scope: impl Into<String>) -> Self {
        self.scope = Some(scope.into());
        self
    }

    /// How to send the client id and secret; [`ClientAuth::Basic`] by default.
    #[must_use]
    pub fn client_auth(mut self, how: ClientAuth) -> Self {
        self.client_auth = how;
        self
    }
}

impl fmt::Debug for OAuth2ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A token URL could carry a query string; show the part before it only.
        let token_url = self.token_url.split('?').next().unwrap_or_default();
        f.debug_struct("OAuth2ClientCredentials")
            .field("token_url", &token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("scope", &self.scope)
            .field("client_auth", &self.client_auth)
            .finish()
    }
}

#[async_trait]
impl AuthProvider for OAuth2ClientCredentials {
    fn scheme(&self) -> &'static str {
        "oauth2"
    }

    async fn login(&self, ctx: &AuthContext) -> Result<Credential> {
        let url = ctx.auth_url("token_url", &self.token_url)?;
        let secret = self.client_secret.resolve()?;
        let mut form = vec![("grant_type", "client_credentials")];
        if let Some(scope) = &self.scope {
            form.push(("scope", scope));
        }
        let basic = match self.client_auth {
            ClientAuth::Basic => Some((self.client_id.as_str(), &secret)),
            ClientAuth::Body => {
                form.push(("client_id", &self.client_id));
                form.push(("client_secret", secret.expose_secret()));
                None
            }
        };
        let body = ctx.post_form(AuthCall::Token, &url, &form, basic).await?;
        let token: TokenResponse = decode_json(&body)?;
        if !token.is_bearer() {
            tracing::debug!(
                target: "nbi::auth",
                service = %ctx.service,
                tenant = %ctx.tenant,
                token_type = token.token_type.as_deref().unwrap_or_default(),
                "token endpoint named a token type other than bearer; sending it as bearer"
            );
        }
        let mut credential = Credential::new(token.access_token.clone());
        if let Some(at) = token.expiry_from(ctx.clock.now()) {
            credential = credential.with_expiry(at);
        }
        Ok(credential)
    }

    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()> {
        set_authorization(headers, "Bearer", credential)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use crate::auth::test_support::{RotatingSecret, context, start};
    use crate::secret::FixedSecret;
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use http::header::AUTHORIZATION;
    use std::time::Duration;
    use wiremock::matchers::{body_string, header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn token_reply(token: &str, expires_in: Option<u64>) -> ResponseTemplate {
        let mut body = serde_json::json!({"access_token": token, "token_type": "Bearer"});
        if let Some(secs) = expires_in {
            body["expires_in"] = secs.into();
        }
        ResponseTemplate::new(200).set_body_json(body)
    }

    #[tokio::test]
    async fn basic_client_auth_posts_the_grant_and_computes_expiry() {
        let server = MockServer::start().await;
        let basic = format!("Basic {}", STANDARD.encode("cid@acme:csecret"));
        Mock::given(method("POST"))
            .and(path("/rest/oauthTokenService/v2/token"))
            .and(header("authorization", basic.as_str()))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string(
                "grant_type=client_credentials&scope=read+write",
            ))
            .respond_with(token_reply("tok-1", Some(3600)))
            .expect(1)
            .mount(&server)
            .await;
        let ctx = context(&server.uri());
        let auth = OAuth2ClientCredentials::new(
            "/rest/oauthTokenService/v2/token",
            "cid@acme",
            FixedSecret::shared("csecret"),
        )
        .scope("read write");
        let credential = auth.login(&ctx).await.unwrap();
        assert_eq!(
            credential.expires_at(),
            Some(start() + Duration::from_secs(3600))
        );
        let mut headers = HeaderMap::new();
        auth.apply(&credential, &mut headers).unwrap();
        assert_eq!(headers[AUTHORIZATION], "Bearer tok-1");
    }

    #[tokio::test]
    async fn body_client_auth_sends_the_credentials_as_form_fields() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(body_string(
                "grant_type=client_credentials&client_id=nbi&client_secret=s%26cret",
            ))
            .respond_with(token_reply("tok-2", None))
            .expect(1)
            .mount(&server)
            .await;
        // An absolute token URL is used as is, whatever the base URL.
        let ctx = context("http://127.0.0.1:9/api");
        let token_url = format!("{}/oauth/token", server.uri());
        let auth = OAuth2ClientCredentials::new(token_url, "nbi", FixedSecret::shared("s&cret"))
            .client_auth(ClientAuth::Body);
        let credential = auth.login(&ctx).await.unwrap();
        assert_eq!(credential.expires_at(), None);
        let received = &server.received_requests().await.unwrap()[0];
        assert!(received.headers.get("authorization").is_none());
    }

    #[tokio::test]
    async fn a_rejected_client_is_an_auth_error_that_shows_no_secret() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
                "error": "invalid_client",
                "error_description": "bad secret super-secret-value",
            })))
            .mount(&server)
            .await;
        let ctx = context(&server.uri());
        let secret = RotatingSecret::new("super-secret-value");
        let auth = OAuth2ClientCredentials::new("/token?tenant=x", "cid", secret.shared());
        let err = auth.login(&ctx).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert_eq!(err.status(), Some(http::StatusCode::UNAUTHORIZED));
        assert_eq!(
            err.to_string(),
            "nms[acme] token: token endpoint rejected the client credentials"
        );
        for shown in [err.to_string(), format!("{err:?}"), format!("{auth:?}")] {
            assert!(!shown.contains("super-secret-value"), "{shown}");
            assert!(!shown.contains("tenant=x"), "{shown}");
            assert!(!shown.contains(&STANDARD.encode("cid:super-secret-value")));
        }
    }

    #[tokio::test]
    async fn every_fetch_resolves_the_client_secret_again() {
        let server = MockServer::start().await;
        let new_basic = format!("Basic {}", STANDARD.encode("cid:new"));
        Mock::given(method("POST"))
            .and(header("authorization", new_basic.as_str()))
            .respond_with(token_reply("tok-new", Some(60)))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(401))
            .mount(&server)
            .await;
        let ctx = context(&server.uri());
        let secret = RotatingSecret::new("old");
        let auth = OAuth2ClientCredentials::new("/token", "cid", secret.shared());
        assert!(auth.login(&ctx).await.is_err());
        secret.rotate("new");
        let stale = Credential::new("expired".to_owned().into());
        let fresh = auth.refresh(&ctx, &stale).await.unwrap();
        assert_eq!(fresh.secret().expose_secret(), "tok-new");
    }
}
