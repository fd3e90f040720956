//! JWT login with username and password, renewed with a refresh token (the O-RAN MANO scheme).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http::HeaderMap;
use serde::Serialize;

use super::exchange::{AuthCall, decode_json};
use super::header::set_authorization;
use super::token_response::TokenResponse;
use super::{AuthContext, AuthProvider, Credential};
use crate::error::Result;
use crate::secret::{ExposeSecret, SecretString, SharedSecret};

/// Logs in with a username and password for a JWT, and renews it with the refresh token.
///
/// - login: `POST {login_path}` with `{"username", "password"}` answers `{access_token,
///   token_type, expires_in?, refresh_token?}`;
/// - refresh: `POST {refresh_path}` with `{"refresh_token"}` answers a new access token (and
///   perhaps a new refresh token; otherwise the old one is kept).
///
/// The token expires at its `exp` claim (read without checking the signature: we are the client,
/// not the party that trusts it), or `expires_in` seconds after it was issued when it has no
/// readable `exp`. The transport refreshes it ahead of that time.
///
/// A refresh that fails for any reason other than a connection failure or a timeout — the
/// refresh token expired, was revoked, or the answer was unreadable — falls back to a full
/// login, as does a credential without a refresh token. The password is resolved at every
/// login, so a rotated one is picked up.
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use nbi_core::auth::JwtLogin;
/// use nbi_core::{AuthProvider, FixedSecret, SharedAuth};
///
/// let auth: SharedAuth = Arc::new(
///     JwtLogin::new("admin@oran-mano.io", FixedSecret::shared("SecureP@ssw0rd"))
///         .login_path("/auth/login")
///         .refresh_path("/auth/refresh"),
/// );
/// assert_eq!(auth.scheme(), "jwt-login");
/// ```
#[derive(Debug, Clone)]
pub struct JwtLogin {
    username: String,
    password: SharedSecret,
    login_path: String,
    refresh_path: String,
}

#[derive(Serialize)]
struct LoginBody<'a> {
    username: &'a str,
    password: &'a str,
}

#[derive(Serialize)]
struct RefreshBody<'a> {
    refresh_token: &'a str,
}

impl JwtLogin {
    /// Logs in as `username` with the password `password` resolves to, at `/auth/login`, and
    /// refreshes at `/auth/refresh`.
    pub fn new(username: impl Into<String>, password: SharedSecret) -> Self {
        JwtLogin {
            username: username.into(),
            password,
            login_path: "/auth/login".to_owned(),
            refresh_path: "/auth/refresh".to_owned(),
        }
    }

    /// The login path (relative to the base URL) or absolute URL.
    #[must_use]
    pub fn login_path(mut self, path: impl Into<String>) -> Self {
        self.login_path = path.into();
        self
    }

    /// The refresh path (relative to the base URL) or absolute URL.
    #[must_use]
    pub fn refresh_path(mut self, path: impl Into<String>) -> Self {
        self.refresh_path = path.into();
        self
    }

    async fn refresh_with(
        &self,
        ctx: &AuthContext,
        refresh_token: &SecretString,
    ) -> Result<Credential> {
        let url = ctx.auth_url("refresh_path", &self.refresh_path)?;
        let body = RefreshBody {
            refresh_token: refresh_token.expose_secret(),
        };
        let answer = ctx.post_json(AuthCall::Refresh, &url, &body).await?;
        let token: TokenResponse = decode_json(&answer)?;
        let credential = credential_from(ctx, token);
        // Servers that do not rotate refresh tokens answer without one: keep using the old one.
        Ok(match credential.refresh_token() {
            Some(_) => credential,
            None => credential.with_refresh_token(refresh_token.clone()),
        })
    }
}

#[async_trait]
impl AuthProvider for JwtLogin {
    fn scheme(&self) -> &'static str {
        "jwt-login"
    }

    async fn login(&self, ctx: &AuthContext) -> Result<Credential> {
        let url = ctx.auth_url("login_path", &self.login_path)?;
        let password = self.password.resolve()?;
        let body = LoginBody {
            username: &self.username,
            password: password.expose_secret(),
        };
        let answer = ctx.post_json(AuthCall::Login, &url, &body).await?;
        let token: TokenResponse = decode_json(&answer)?;
        Ok(credential_from(ctx, token))
    }

    async fn refresh(&self, ctx: &AuthContext, stale: &Credential) -> Result<Credential> {
        let Some(refresh_token) = stale.refresh_token() else {
            log_path(ctx, "no refresh token; logging in again");
            return self.login(ctx).await;
        };
        match self.refresh_with(ctx, refresh_token).await {
            Ok(credential) => {
                log_path(ctx, "access token refreshed");
                Ok(credential)
            }
            // The server could not be reached or is busy (5xx, 429): a login would fail the
            // same way, and would land inside the Retry-After it gave. The caller retries.
            Err(e) if e.is_transient() => Err(e),
            Err(e) => {
                tracing::debug!(
                    target: "nbi::auth",
                    service = %ctx.service,
                    tenant = %ctx.tenant,
                    error_kind = %e.kind(),
                    "refresh failed; logging in again"
                );
                self.login(ctx).await
            }
        }
    }

    fn apply(&self, credential: &Credential, headers: &mut HeaderMap) -> Result<()> {
        set_authorization(headers, "Bearer", credential)
    }
}

fn log_path(ctx: &AuthContext, what: &'static str) {
    tracing::debug!(target: "nbi::auth", service = %ctx.service, tenant = %ctx.tenant, "{what}");
}

/// Builds the credential, with its expiry from `exp` or else `expires_in`.
fn credential_from(ctx: &AuthContext, token: TokenResponse) -> Credential {
    let now = ctx.clock.now();
    // An `exp` already past means the server's clock and ours disagree; trusting it would renew
    // on every call, so `expires_in` (relative, immune to skew) is used instead.
    let expiry = jwt_expiry(token.access_token.expose_secret())
        .filter(|exp| *exp > now)
        .or_else(|| token.expiry_from(now));
    let mut credential = Credential::new(token.access_token);
    if let Some(at) = expiry {
        credential = credential.with_expiry(at);
    }
    if let Some(refresh) = token.refresh_token {
        credential = credential.with_refresh_token(refresh);
    }
    credential
}

/// The `exp` claim of a JWT, if it is one and has a numeric `exp`. The signature is not checked.
fn jwt_expiry(token: &str) -> Option<SystemTime> {
    let mut parts = token.split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let json = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let claims: serde_json::Value = serde_json::from_slice(&json).ok()?;
    let exp = claims.get("exp")?.as_f64()?;
    UNIX_EPOCH.checked_add(Duration::try_from_secs_f64(exp).ok()?)
}

#[cfg(test)]
mod tests;
