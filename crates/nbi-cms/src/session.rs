//! The CMS session scheme: the XML login and logout that nbi-core's
//! [`SessionAuth`](nbi_core::auth::SessionAuth) drives. One session per (tenant, CMS) is shared
//! by every call; a "session not exist" rpc-error renews it once for all callers (see
//! [`crate::classify`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use async_trait::async_trait;
use bytes::Bytes;
use http::header::CONTENT_TYPE;
use nbi_core::auth::SessionHooks;
use nbi_core::{
    AuthContext, Credential, Error, ErrorKind, ExposeSecret, ProblemDetails, Result, SecretString,
    SharedSecret,
};

use crate::endpoint::XML_CONTENT_TYPE;
use crate::wire::{reply, request};

/// Login replies are small; a bigger body is refused.
const MAX_AUTH_REPLY: usize = 64 * 1024;

/// Logs in and out of one CMS as one user.
pub(crate) struct CmsSession {
    username: String,
    password: SharedSecret,
    path: &'static str,
    message_ids: Arc<AtomicU64>,
    live: AtomicBool,
}

impl std::fmt::Debug for CmsSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CmsSession")
            .field("username", &self.username)
            .field("path", &self.path)
            .field("live", &self.is_live())
            .finish_non_exhaustive()
    }
}

impl CmsSession {
    pub(crate) fn new(
        username: String,
        password: SharedSecret,
        path: &'static str,
        message_ids: Arc<AtomicU64>,
    ) -> Self {
        CmsSession {
            username,
            password,
            path,
            message_ids,
            live: AtomicBool::new(false),
        }
    }

    /// Whether a session is open (logged in and not yet logged out).
    pub(crate) fn is_live(&self) -> bool {
        self.live.load(Ordering::Acquire)
    }

    fn next_id(&self) -> u64 {
        self.message_ids.fetch_add(1, Ordering::Relaxed) + 1
    }

    async fn post(&self, ctx: &AuthContext, body: String) -> Result<Bytes> {
        let mut url = ctx.base_url.clone();
        let path = format!("{}{}", ctx.base_url.path().trim_end_matches('/'), self.path);
        url.set_path(&path);
        url.set_query(None);
        let exchange = async {
            let response = ctx
                .http
                .post(url)
                .header(CONTENT_TYPE, XML_CONTENT_TYPE)
                .body(body)
                .send()
                .await
                .map_err(map_reqwest)?;
            let status = response.status();
            if !status.is_success() {
                return Err(Error::from_status(status, None));
            }
            read_auth_reply(response).await
        };
        match tokio::time::timeout(ctx.timeout, exchange).await {
            Ok(result) => result,
            Err(_) => Err(Error::new(
                ErrorKind::Timeout,
                "no complete CMS auth reply in time",
            )),
        }
    }
}

/// The reply body, refused as soon as it passes [`MAX_AUTH_REPLY`]: a chunked reply has no
/// declared length, so it is read piece by piece rather than whole and measured afterwards.
async fn read_auth_reply(mut response: reqwest::Response) -> Result<Bytes> {
    let too_large = || Error::decode("/", "auth reply is too large");
    if response
        .content_length()
        .is_some_and(|n| n > MAX_AUTH_REPLY as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
        if body.len() + chunk.len() > MAX_AUTH_REPLY {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

/// By how far the request got; the URL is dropped.
fn map_reqwest(e: reqwest::Error) -> Error {
    let (kind, message) = if e.is_connect() {
        (ErrorKind::Connect, "could not connect to CMS")
    } else if e.is_timeout() {
        (ErrorKind::Timeout, "CMS auth request timed out")
    } else {
        (ErrorKind::Io, "CMS auth exchange failed")
    };
    Error::new(kind, message).with_source(e.without_url())
}

#[async_trait]
impl SessionHooks for CmsSession {
    async fn login(&self, ctx: &AuthContext) -> Result<Credential> {
        let password = self.password.resolve()?;
        let body = request::login(self.next_id(), &self.username, password.expose_secret());
        drop(password);
        let answer = reply::auth_reply(&self.post(ctx, body).await?)?;
        if answer.code != 0 {
            // ResultCode 6 is a refused user name or password; others (the session limit …)
            // are told in ResultMessage, kept in the problem details.
            return Err(
                Error::auth(format!("CMS login refused (ResultCode {})", answer.code))
                    .with_problem(ProblemDetails::titled(answer.message)),
            );
        }
        let session = answer
            .session
            .ok_or_else(|| Error::decode("/Envelope/Body/auth-reply", "no SessionId"))?;
        self.live.store(true, Ordering::Release);
        tracing::debug!(target: "nbi::cms", service = %ctx.service, tenant = %ctx.tenant, "CMS session opened");
        Ok(Credential::new(SecretString::from(session)))
    }

    async fn logout(&self, ctx: &AuthContext, session: &Credential) -> Result<()> {
        let body = request::logout(
            self.next_id(),
            &self.username,
            session.secret().expose_secret(),
        );
        let outcome = self.post(ctx, body).await;
        // Once the server answered, the session is gone either way (ended now, or it had
        // already expired).
        if outcome.is_ok() {
            self.live.store(false, Ordering::Release);
        }
        let answer = reply::auth_reply(&outcome?)?;
        tracing::debug!(target: "nbi::cms", service = %ctx.service, tenant = %ctx.tenant, code = answer.code, "CMS session closed");
        Ok(())
    }
}
