//! [`AuthState`] driven by real providers: single-flight renewal, shared failures, expiry.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use futures::future::join_all;
use http::HeaderMap;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::test_support::{context, context_with_clock, start};
use super::*;
use crate::clock::ManualClock;
use crate::error::{Error, ErrorKind};
use crate::secret::{ExposeSecret, FixedSecret};

const K: usize = 50;

/// Counts logins and refreshes; each takes a while, so concurrent callers pile up behind it.
#[derive(Debug, Default)]
struct CountingProvider {
    logins: AtomicU32,
    refreshes: AtomicU32,
    fail: bool,
}

#[async_trait]
impl AuthProvider for CountingProvider {
    fn scheme(&self) -> &'static str {
        "counting"
    }

    async fn login(&self, _ctx: &AuthContext) -> Result<Credential> {
        let n = self.logins.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
        if self.fail {
            return Err(Error::auth("login rejected: wrong username or password"));
        }
        Ok(Credential::new(format!("login-{n}").into()))
    }

    async fn refresh(&self, _ctx: &AuthContext, _stale: &Credential) -> Result<Credential> {
        let n = self.refreshes.fetch_add(1, Ordering::SeqCst) + 1;
        tokio::time::sleep(Duration::from_millis(100)).await;
        Ok(Credential::new(format!("refresh-{n}").into()))
    }

    fn apply(&self, _credential: &Credential, _headers: &mut HeaderMap) -> Result<()> {
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn concurrent_rejections_of_one_generation_share_one_renewal() {
    let provider = Arc::new(CountingProvider::default());
    let state = Arc::new(AuthState::new(provider.clone(), Duration::from_secs(30)));
    let ctx = context("http://127.0.0.1:9");
    let first = state.credential(&ctx).await.unwrap();
    assert_eq!(first.generation, 1);

    let tasks = (0..K).map(|_| {
        let (state, ctx) = (state.clone(), ctx.clone());
        tokio::spawn(async move { state.renew_rejected(&ctx, 1).await })
    });
    let renewed: Vec<_> = join_all(tasks).await;
    for issued in renewed {
        let issued = issued.unwrap().unwrap();
        assert_eq!(issued.generation, 2);
        assert_eq!(issued.credential.secret().expose_secret(), "refresh-1");
    }
    assert_eq!(provider.logins.load(Ordering::SeqCst), 1);
    assert_eq!(provider.refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(state.renewals(), 2);

    // A late caller still holding generation 1 gets generation 2 without another renewal.
    let late = state.renew_rejected(&ctx, 1).await.unwrap();
    assert_eq!(late.generation, 2);
    assert_eq!(provider.refreshes.load(Ordering::SeqCst), 1);
}

/// A login that answers 503 with `Retry-After: 2` once, then succeeds.
#[derive(Debug, Default)]
struct BusyOnceProvider {
    logins: AtomicU32,
}

#[async_trait]
impl AuthProvider for BusyOnceProvider {
    fn scheme(&self) -> &'static str {
        "busy-once"
    }

    async fn login(&self, _ctx: &AuthContext) -> Result<Credential> {
        if self.logins.fetch_add(1, Ordering::SeqCst) == 0 {
            return Err(Error::new(ErrorKind::Status, "login failed: HTTP 503")
                .with_retry_after(Duration::from_secs(2)));
        }
        Ok(Credential::new("tok".to_owned().into()))
    }

    fn apply(&self, _credential: &Credential, _headers: &mut HeaderMap) -> Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_later_caller_waits_out_a_failed_logins_retry_after() {
    let provider = Arc::new(BusyOnceProvider::default());
    let state = AuthState::new(provider.clone(), Duration::from_secs(30));
    let clock = ManualClock::new(start());
    let ctx = context_with_clock("http://127.0.0.1:9", clock.clone());
    let first = state.credential(&ctx).await.unwrap_err();
    assert_eq!(first.retry_after(), Some(Duration::from_secs(2)));
    // A second after, another call shares the failure and the rest of the wait.
    clock.advance(Duration::from_secs(1));
    let later = state.credential(&ctx).await.unwrap_err();
    assert_eq!(later.retry_after(), Some(Duration::from_secs(1)));
    assert_eq!(provider.logins.load(Ordering::SeqCst), 1);
    // Once the wait is over, the endpoint is asked again.
    clock.advance(Duration::from_secs(1));
    assert!(state.credential(&ctx).await.is_ok());
    assert_eq!(provider.logins.load(Ordering::SeqCst), 2);
}

#[tokio::test(start_paused = true)]
async fn concurrent_callers_share_a_failed_login_instead_of_repeating_it() {
    let provider = Arc::new(CountingProvider {
        fail: true,
        ..CountingProvider::default()
    });
    let state = Arc::new(AuthState::new(provider.clone(), Duration::from_secs(30)));
    let ctx = context("http://127.0.0.1:9");
    let tasks = (0..K).map(|_| {
        let (state, ctx) = (state.clone(), ctx.clone());
        tokio::spawn(async move { state.credential(&ctx).await })
    });
    for outcome in join_all(tasks).await {
        let err = outcome.unwrap().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Auth);
        assert_eq!(err.message(), "login rejected: wrong username or password");
    }
    assert_eq!(provider.logins.load(Ordering::SeqCst), 1);

    // A call that starts after the failure tries again.
    assert!(state.credential(&ctx).await.is_err());
    assert_eq!(provider.logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn oauth2_token_endpoint_is_hit_once_for_fifty_rejections() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "t", "expires_in": 3600}))
                .set_delay(Duration::from_millis(20)),
        )
        .expect(2) // the first token, then one renewal for all K callers
        .mount(&server)
        .await;
    let provider = OAuth2ClientCredentials::new("/oauth/token", "cid", FixedSecret::shared("cs"));
    let state = Arc::new(AuthState::new(Arc::new(provider), Duration::from_secs(30)));
    let ctx = context(&server.uri());
    let stale = state.credential(&ctx).await.unwrap().generation;
    let tasks = (0..K).map(|_| {
        let (state, ctx) = (state.clone(), ctx.clone());
        tokio::spawn(async move { state.renew_rejected(&ctx, stale).await })
    });
    for outcome in join_all(tasks).await {
        assert_eq!(outcome.unwrap().unwrap().generation, stale + 1);
    }
}

#[tokio::test]
async fn a_token_is_fetched_again_within_the_skew_of_its_expiry() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "t", "expires_in": 600})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let clock = ManualClock::new(start());
    let ctx = context_with_clock(&server.uri(), clock.clone());
    let provider = OAuth2ClientCredentials::new("/token", "cid", FixedSecret::shared("cs"));
    let state = AuthState::new(Arc::new(provider), Duration::from_secs(60));

    let first = state.credential(&ctx).await.unwrap();
    assert_eq!(
        first.credential.expires_at(),
        Some(start() + Duration::from_secs(600))
    );
    clock.advance(Duration::from_secs(539));
    assert_eq!(state.credential(&ctx).await.unwrap().generation, 1);
    clock.advance(Duration::from_secs(1));
    assert_eq!(state.credential(&ctx).await.unwrap().generation, 2);
}

#[tokio::test]
async fn a_failed_early_renewal_keeps_the_valid_token_and_rests() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "t", "expires_in": 600})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let clock = ManualClock::new(start());
    let ctx = context_with_clock(&server.uri(), clock.clone());
    let provider = OAuth2ClientCredentials::new("/token", "cid", FixedSecret::shared("cs"));
    let state = AuthState::new(Arc::new(provider), Duration::from_secs(60));

    state.credential(&ctx).await.unwrap();
    clock.advance(Duration::from_secs(560)); // inside the skew, 40 s before expiry
    assert_eq!(
        state.credential(&ctx).await.unwrap().generation,
        1,
        "still valid: used"
    );
    assert_eq!(state.credential(&ctx).await.unwrap().generation, 1);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "early renewal rests after failing"
    );
    clock.advance(Duration::from_secs(41)); // expired now
    let e = state.credential(&ctx).await.unwrap_err();
    // The endpoint's 500 comes through as such: the pipeline retries it.
    assert_eq!(e.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert!(e.is_transient());
}
