//! Self-healing auth: a rejected credential is renewed once for all concurrent callers and
//! each call replays once; a second rejection is an auth error, with no refresh loop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use async_trait::async_trait;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use nbi_core::{
    AuthContext, AuthProvider, Credential, ErrorKind, RequestSpec, SecretString, Transport,
};
use proptest::prelude::*;

use crate::support::GET_THING;

/// A token server: `/token` issues `tok-N`; `/t` accepts only the newest token, unless every
/// token is refused.
#[derive(Default)]
struct Tokens {
    issued: AtomicU64,
    valid: AtomicU64,
    refuse_all: AtomicBool,
}

async fn issue(State(s): State<Arc<Tokens>>) -> String {
    let n = s.issued.fetch_add(1, Ordering::SeqCst) + 1;
    s.valid.store(n, Ordering::SeqCst);
    format!("tok-{n}")
}

async fn resource(State(s): State<Arc<Tokens>>, headers: HeaderMap) -> StatusCode {
    let expected = format!("Bearer tok-{}", s.valid.load(Ordering::SeqCst));
    let ok = !s.refuse_all.load(Ordering::SeqCst)
        && headers
            .get("authorization")
            .is_some_and(|v| v.as_bytes() == expected.as_bytes());
    if ok {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    }
}

async fn serve(tokens: Arc<Tokens>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new()
        .route("/token", post(issue))
        .route("/t", get(resource))
        .with_state(tokens);
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

/// A provider fetching `tok-N` from the test server's `/token`.
#[derive(Debug)]
struct ServerToken;

#[async_trait]
impl AuthProvider for ServerToken {
    fn scheme(&self) -> &'static str {
        "test-token"
    }
    async fn login(&self, ctx: &AuthContext) -> nbi_core::Result<Credential> {
        let url = ctx.base_url.join("/token").unwrap();
        let token = ctx
            .http
            .post(url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        Ok(Credential::new(SecretString::from(token)))
    }
    fn apply(
        &self,
        credential: &Credential,
        headers: &mut http::HeaderMap,
    ) -> nbi_core::Result<()> {
        use nbi_core::ExposeSecret;
        let mut v =
            http::HeaderValue::from_str(&format!("Bearer {}", credential.secret().expose_secret()))
                .unwrap();
        v.set_sensitive(true);
        headers.insert(http::header::AUTHORIZATION, v);
        Ok(())
    }
}

fn transport(addr: SocketAddr) -> Transport {
    Transport::builder("nms", "acme")
        .base_url(&format!("http://{addr}"))
        .allow_insecure_http(true)
        .auth(Arc::new(ServerToken))
        .max_concurrency(64)
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]
    #[test]
    fn concurrent_callers_with_an_expired_token_share_one_refresh(callers in 2usize..48) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let (issued, ok) = rt.block_on(async move {
            let tokens = Arc::new(Tokens::default());
            let t = transport(serve(tokens.clone()).await);
            t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
            // The server forgets tok-1: every holder is now rejected.
            tokens.valid.store(0, Ordering::SeqCst);
            let tasks: Vec<_> = (0..callers)
                .map(|_| {
                    let t = t.clone();
                    tokio::spawn(async move { t.send(RequestSpec::get(GET_THING, "/t")).await })
                })
                .collect();
            let mut ok = 0;
            for task in tasks {
                if task.await.unwrap().is_ok() {
                    ok += 1;
                }
            }
            (tokens.issued.load(Ordering::SeqCst), ok)
        });
        prop_assert_eq!(issued, 2, "one login, then exactly one refresh");
        prop_assert_eq!(ok, callers);
    }
}

#[tokio::test]
async fn a_second_rejection_is_an_auth_error_without_a_refresh_loop() {
    let tokens = Arc::new(Tokens::default());
    let t = transport(serve(tokens.clone()).await);
    tokens.refuse_all.store(true, Ordering::SeqCst);
    let e = t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(
        tokens.issued.load(Ordering::SeqCst),
        2,
        "login, one renewal, no more"
    );
    assert_eq!(e.context().unwrap().attempts, 2);
    assert_eq!(t.auth_renewals(), 2);
}

/// A login failing with `kind` when `fails(n)` holds for the n-th login (from 0), else
/// issuing `tok`.
#[derive(Debug)]
struct FlakyLogin {
    logins: AtomicU64,
    fails: fn(u64) -> bool,
    kind: ErrorKind,
}

#[async_trait]
impl AuthProvider for FlakyLogin {
    fn scheme(&self) -> &'static str {
        "flaky"
    }
    async fn login(&self, _ctx: &AuthContext) -> nbi_core::Result<Credential> {
        if (self.fails)(self.logins.fetch_add(1, Ordering::SeqCst)) {
            return Err(nbi_core::Error::new(
                self.kind,
                "token endpoint cut the body",
            ));
        }
        Ok(Credential::new(SecretString::from("tok".to_owned())))
    }
    fn apply(&self, _: &Credential, _: &mut http::HeaderMap) -> nbi_core::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_login_that_fails_in_passing_is_retried_under_the_call_policy() {
    let ok = wiremock::ResponseTemplate::new(200);
    let server = crate::support::answering_then(ok.clone(), 1, ok).await;
    // (how logins fail, which fail, logins made, the call's attempts or error kind)
    type Case = (ErrorKind, fn(u64) -> bool, u64, Result<u32, ErrorKind>);
    let cases: [Case; 3] = [
        (ErrorKind::Io, |n| n < 2, 3, Ok(3)),
        (ErrorKind::Io, |_| true, 4, Err(ErrorKind::Io)),
        (ErrorKind::Auth, |n| n < 1, 1, Err(ErrorKind::Auth)),
    ];
    for (kind, fails, logins, outcome) in cases {
        let login = Arc::new(FlakyLogin {
            logins: AtomicU64::new(0),
            fails,
            kind,
        });
        let (builder, _clock) = crate::support::builder(&server.uri(), "acme");
        let t = builder.auth(login.clone()).build().unwrap();
        let result = t.send(RequestSpec::get(GET_THING, "/t")).await;
        assert_eq!(
            result.map(|r| r.attempts()).map_err(|e| e.kind()),
            outcome,
            "{kind:?}, {logins} logins"
        );
        assert_eq!(login.logins.load(Ordering::SeqCst), logins);
    }
}

#[tokio::test]
async fn a_renewal_that_fails_in_passing_drops_the_rejected_token_and_retries() {
    let server = crate::support::answering_then(
        wiremock::ResponseTemplate::new(401),
        1,
        wiremock::ResponseTemplate::new(200),
    )
    .await;
    // Login 0 issues the token the server rejects; login 1 (the renewal) is cut short;
    // login 2, on the retried attempt, succeeds.
    let login = Arc::new(FlakyLogin {
        logins: AtomicU64::new(0),
        fails: |n| n == 1,
        kind: ErrorKind::Io,
    });
    let (builder, _clock) = crate::support::builder(&server.uri(), "acme");
    let t = builder.auth(login.clone()).build().unwrap();
    let response = t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
    assert_eq!(response.attempts(), 2);
    assert_eq!(login.logins.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn login_always_asks_the_server_and_later_calls_use_its_credential() {
    let tokens = Arc::new(Tokens::default());
    let t = transport(serve(tokens.clone()).await);
    t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
    let outcome = t.login().await.unwrap().unwrap();
    assert_eq!(outcome.scheme, "test-token");
    assert_eq!(outcome.expires_at, None);
    assert_eq!(tokens.issued.load(Ordering::SeqCst), 2, "a fresh login");
    // The server now accepts only tok-2, which the transport holds: no further login.
    t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
    assert_eq!(tokens.issued.load(Ordering::SeqCst), 2);
    let bare = Transport::builder("nms", "acme")
        .base_url("http://127.0.0.1:9")
        .allow_insecure_http(true)
        .build()
        .unwrap();
    assert_eq!(bare.login().await.unwrap(), None);
}
