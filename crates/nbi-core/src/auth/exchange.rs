//! The HTTP exchanges providers make with auth endpoints: a login, a token fetch, a refresh.
//!
//! Everything here is careful about what ends up in an error: requests and responses of auth
//! endpoints carry passwords and tokens, so an error names the call and the status, never a
//! body, a header value, a query string or reqwest's URL-bearing error text.

use std::time::SystemTime;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;
use url::Url;

use super::AuthContext;
use crate::error::{Error, ErrorKind, ProblemDetails, RawResponse, RequestContext, Result};
use crate::retry::after::requested_wait;
use crate::secret::{ExposeSecret, SecretString};
use crate::transport::attempt::{map_reqwest, read_capped};

/// The most of an auth response that is read; token responses are a few hundred bytes.
const MAX_BODY: usize = 1024 * 1024;

/// Which auth call is being made: names the operation in errors and words its rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthCall {
    /// Username and password login.
    Login,
    /// OAuth2 token request with client credentials.
    Token,
    /// Exchange of a refresh token for a new access token.
    Refresh,
}

impl AuthCall {
    /// The operation name used in the error's context.
    pub(crate) fn name(self) -> &'static str {
        match self {
            AuthCall::Login => "login",
            AuthCall::Token => "token",
            AuthCall::Refresh => "refresh",
        }
    }

    /// What a 401 or 403 from this call means.
    fn rejection(self) -> &'static str {
        match self {
            AuthCall::Login => "login rejected: wrong username or password",
            AuthCall::Token => "token endpoint rejected the client credentials",
            AuthCall::Refresh => "refresh token rejected",
        }
    }
}

impl AuthContext {
    /// Resolves a login or token path against the base URL, or takes an absolute URL as is.
    ///
    /// A relative path extends the base URL's path, as OpenAPI server URLs do:
    /// `https://h/v1` + `/auth/login` is `https://h/v1/auth/login`. `field` names the setting
    /// in the error; the value itself is never shown, as it may hold a query string.
    pub(crate) fn auth_url(&self, field: &str, path_or_url: &str) -> Result<Url> {
        let is_absolute = ["http://", "https://"].iter().any(|scheme| {
            path_or_url
                .get(..scheme.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
        });
        let parsed = if is_absolute {
            Url::parse(path_or_url)
        } else {
            let base_path = self.base_url.path().trim_end_matches('/');
            let relative = path_or_url.trim_start_matches('/');
            self.base_url.join(&format!("{base_path}/{relative}"))
        };
        parsed.map_err(|e| Error::config(format_args!("auth.{field}"), e))
    }

    /// POSTs a JSON body and returns the (capped) body of a 2xx response.
    pub(crate) async fn post_json(
        &self,
        call: AuthCall,
        url: &Url,
        body: &impl Serialize,
    ) -> Result<Bytes> {
        let request = self.http.post(url.clone()).json(body);
        self.send(call, url, request).await
    }

    /// POSTs a form, optionally with HTTP basic client authentication, and returns the (capped)
    /// body of a 2xx response.
    pub(crate) async fn post_form(
        &self,
        call: AuthCall,
        url: &Url,
        form: &[(&str, &str)],
        basic: Option<(&str, &SecretString)>,
    ) -> Result<Bytes> {
        let mut request = self.http.post(url.clone()).form(form);
        if let Some((user, password)) = basic {
            // reqwest marks the resulting header value sensitive.
            request = request.basic_auth(user, Some(password.expose_secret()));
        }
        self.send(call, url, request).await
    }

    async fn send(
        &self,
        call: AuthCall,
        url: &Url,
        request: reqwest::RequestBuilder,
    ) -> Result<Bytes> {
        let context = RequestContext::new(
            self.service.as_str(),
            self.tenant.as_str(),
            call.name(),
            Method::POST,
            url.path(),
        );
        let outcome = async {
            let response = request
                .header(http::header::ACCEPT, "application/json")
                .timeout(self.timeout)
                .send()
                .await
                .map_err(map_reqwest)?;
            let status = response.status();
            if !status.is_success() {
                // A busy auth endpoint's Retry-After binds the retry as any endpoint's does.
                let wait = matches!(status.as_u16(), 429 | 503)
                    .then(|| requested_wait(response.headers(), SystemTime::now()))
                    .flatten();
                // The error body only feeds the problem title; a failure to read it changes
                // nothing about the outcome.
                let body = read_capped(response, MAX_BODY).await.unwrap_or_default();
                let error = rejected(call, status, &body);
                return Err(match wait {
                    Some(wait) => error.with_retry_after(wait),
                    None => error,
                });
            }
            read_capped(response, MAX_BODY).await
        };
        outcome.await.map_err(|e| e.with_context(context))
    }
}

pub(crate) use crate::response::decode_json;

/// The error for a non-2xx answer: an `Auth` error (`Status` for a 5xx, `RateLimited` for a
/// 429) with the status and, at most, the server's problem title and codes. The body's other text is left out: a login error may echo input.
fn rejected(call: AuthCall, status: StatusCode, body: &[u8]) -> Error {
    let problem = ProblemDetails::from_json(body).map(|p| ProblemDetails {
        detail: None,
        instance: None,
        field_errors: Vec::new(),
        ..p
    });
    let message = match status.as_u16() {
        401 | 403 => call.rejection().to_owned(),
        code => {
            let mut message = format!("{} failed: HTTP {code}", call.name());
            if let Some(title) = problem.as_ref().and_then(|p| p.title.as_deref()) {
                message.push_str(": ");
                message.push_str(title);
            }
            message
        }
    };
    // The raw response carries the status only: an auth exchange's headers and body may hold
    // credentials (cookies, tokens).
    // A busy or failing endpoint is not a refusal: those are retried like any call.
    let kind = match status.as_u16() {
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Status,
        _ => ErrorKind::Auth,
    };
    let mut error = Error::new(kind, message).with_raw(RawResponse {
        status,
        headers: HeaderMap::new(),
        body: Bytes::new(),
    });
    if let Some(problem) = problem {
        error = error.with_problem(problem);
    }
    error
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::test_support::context;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    #[test]
    fn relative_paths_extend_the_base_path_and_absolute_urls_stay() {
        let ctx = context("http://127.0.0.1:9/v1/");
        let url = ctx.auth_url("login_path", "/auth/login").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:9/v1/auth/login");
        let url = ctx.auth_url("login_path", "auth/login").unwrap();
        assert_eq!(url.as_str(), "http://127.0.0.1:9/v1/auth/login");
        let url = ctx
            .auth_url("token_url", "HTTPS://idp.example/oauth/token")
            .unwrap();
        assert_eq!(url.as_str(), "https://idp.example/oauth/token");
        let err = ctx
            .auth_url("token_url", "https://[bad/x?key=1")
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(!err.to_string().contains("key=1"));
    }

    #[tokio::test]
    async fn server_errors_keep_their_status_and_title_only() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/auth/login"))
            .respond_with(ResponseTemplate::new(500).set_body_json(serde_json::json!({
                "title": "Database down", "detail": "user alice password hunter2"
            })))
            .mount(&server)
            .await;
        let ctx = context(&server.uri());
        let url = ctx.auth_url("login_path", "/auth/login").unwrap();
        let err = ctx
            .post_json(AuthCall::Login, &url, &serde_json::json!({}))
            .await
            .unwrap_err();
        // A failing endpoint is transient, not a refusal of the credentials.
        assert_eq!(err.kind(), ErrorKind::Status);
        assert!(err.is_transient());
        assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(
            err.to_string(),
            "nms[acme] login: login failed: HTTP 500: Database down"
        );
        assert!(!format!("{err:?}").contains("hunter2"));
    }

    #[tokio::test]
    async fn a_busy_endpoint_passes_its_retry_after_on() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "7"))
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/auth/login"))
            .respond_with(ResponseTemplate::new(500).insert_header("retry-after", "7"))
            .mount(&server)
            .await;
        let ctx = context(&server.uri());
        let url = ctx.auth_url("token_url", "/oauth/token").unwrap();
        let err = ctx
            .post_form(AuthCall::Token, &url, &[], None)
            .await
            .unwrap_err();
        assert!(err.is_transient());
        assert_eq!(err.retry_after(), Some(std::time::Duration::from_secs(7)));
        // Only 429 and 503 speak of waiting, as for any other endpoint.
        let url = ctx.auth_url("login_path", "/auth/login").unwrap();
        let err = ctx
            .post_json(AuthCall::Login, &url, &serde_json::json!({}))
            .await
            .unwrap_err();
        assert_eq!(err.retry_after(), None);
    }

    #[tokio::test]
    async fn refused_connections_and_slow_servers_map_to_connect_and_timeout() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let closed = format!("http://{}", listener.local_addr().unwrap());
        drop(listener);
        let ctx = context(&closed);
        let url = ctx.auth_url("token_url", "/token?secret=1").unwrap();
        let err = ctx
            .post_form(AuthCall::Token, &url, &[], None)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Connect);
        assert!(!format!("{err:?}").contains("secret=1"));

        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(200).set_delay(std::time::Duration::from_secs(5)))
            .mount(&server)
            .await;
        let mut ctx = context(&server.uri());
        ctx.timeout = std::time::Duration::from_millis(50);
        let url = ctx.auth_url("token_url", "/token").unwrap();
        let err = ctx
            .post_form(AuthCall::Token, &url, &[], None)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Timeout);
    }

    #[test]
    fn decode_errors_name_the_path_but_not_the_value() {
        #[derive(Debug, serde::Deserialize)]
        struct Token {
            #[allow(dead_code)]
            access_token: String,
            #[allow(dead_code)]
            expires_in: u64,
        }
        let body = br#"{"access_token": "a", "expires_in": "sekrit-token"}"#;
        let err = decode_json::<Token>(body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(err.to_string().contains("expires_in"));
        assert!(!format!("{err:?}").contains("sekrit"));
        let err = decode_json::<Token>(br#"{"expires_in": 1}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `access_token`"));
    }
}
