use std::time::Duration;

use http::header::AUTHORIZATION;
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::auth::test_support::{START_SECS, context, fake_jwt, start};
use crate::error::ErrorKind;
use crate::secret::FixedSecret;

fn token_reply(access: &str, refresh: Option<&str>) -> ResponseTemplate {
    let mut body = json!({"access_token": access, "token_type": "Bearer", "expires_in": 3600});
    if let Some(refresh) = refresh {
        body["refresh_token"] = refresh.into();
    }
    ResponseTemplate::new(200).set_body_json(body)
}

fn mano() -> JwtLogin {
    JwtLogin::new("admin@oran-mano.io", FixedSecret::shared("SecureP@ssw0rd"))
}

#[tokio::test]
async fn login_posts_credentials_and_reads_exp_from_the_token() {
    let server = MockServer::start().await;
    let access = fake_jwt(json!({"sub": "admin", "exp": START_SECS + 900}));
    Mock::given(method("POST"))
        .and(path("/v1/auth/login"))
        .and(body_json(
            json!({"username": "admin@oran-mano.io", "password": "SecureP@ssw0rd"}),
        ))
        .respond_with(token_reply(&access, Some("rt-1")))
        .expect(1)
        .mount(&server)
        .await;
    let ctx = context(&format!("{}/v1", server.uri()));
    let credential = mano().login(&ctx).await.unwrap();
    // `exp` (900 s) wins over `expires_in` (3600 s).
    assert_eq!(
        credential.expires_at(),
        Some(start() + Duration::from_secs(900))
    );
    assert_eq!(credential.refresh_token().unwrap().expose_secret(), "rt-1");
    let mut headers = HeaderMap::new();
    mano().apply(&credential, &mut headers).unwrap();
    assert_eq!(headers[AUTHORIZATION], format!("Bearer {access}").as_str());
}

#[tokio::test]
async fn opaque_or_stale_tokens_fall_back_to_expires_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(token_reply("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...", None))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    // A server whose clock is an hour behind ours issues an `exp` we already passed.
    let behind = fake_jwt(json!({"exp": START_SECS - 10}));
    Mock::given(method("POST"))
        .respond_with(token_reply(&behind, None))
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    for _ in 0..2 {
        let credential = mano().login(&ctx).await.unwrap();
        assert_eq!(
            credential.expires_at(),
            Some(start() + Duration::from_secs(3600))
        );
    }
}

#[test]
fn exp_is_read_only_from_well_formed_tokens() {
    let exp = |claims| jwt_expiry(&fake_jwt(claims));
    assert_eq!(
        exp(json!({"exp": 1_700_000_123})),
        Some(UNIX_EPOCH + Duration::from_secs(1_700_000_123))
    );
    assert_eq!(exp(json!({"exp": "soon"})), None);
    assert_eq!(exp(json!({"exp": 1e300})), None);
    assert_eq!(exp(json!({"exp": -5})), None);
    assert_eq!(exp(json!({"sub": "x"})), None);
    assert_eq!(jwt_expiry("not-a-jwt"), None);
    assert_eq!(jwt_expiry("a.!!!.c"), None);
    assert_eq!(jwt_expiry("a.b.c.d"), None);
}

#[tokio::test]
async fn refresh_sends_the_refresh_token_and_keeps_it_when_none_is_returned() {
    let server = MockServer::start().await;
    let renewed = fake_jwt(json!({"exp": START_SECS + 1800}));
    Mock::given(method("POST"))
        .and(path("/auth/refresh"))
        .and(body_json(json!({"refresh_token": "rt-1"})))
        .respond_with(token_reply(&renewed, None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let stale =
        Credential::new("old".to_owned().into()).with_refresh_token("rt-1".to_owned().into());
    let fresh = mano().refresh(&ctx, &stale).await.unwrap();
    assert_eq!(fresh.secret().expose_secret(), renewed);
    assert_eq!(fresh.refresh_token().unwrap().expose_secret(), "rt-1");
    assert_eq!(
        fresh.expires_at(),
        Some(start() + Duration::from_secs(1800))
    );
}

#[tokio::test]
async fn a_rejected_refresh_falls_back_to_a_full_login() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/refresh"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .respond_with(token_reply("after-login", Some("rt-2")))
        .expect(1)
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let stale =
        Credential::new("old".to_owned().into()).with_refresh_token("rt-1".to_owned().into());
    let fresh = mano().refresh(&ctx, &stale).await.unwrap();
    assert_eq!(fresh.secret().expose_secret(), "after-login");
    assert_eq!(fresh.refresh_token().unwrap().expose_secret(), "rt-2");
}

#[tokio::test]
async fn without_a_refresh_token_refresh_logs_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .respond_with(token_reply("fresh", None))
        .expect(1)
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let stale = Credential::new("old".to_owned().into());
    let fresh = mano().refresh(&ctx, &stale).await.unwrap();
    assert_eq!(fresh.secret().expose_secret(), "fresh");
}

#[tokio::test]
async fn a_busy_refresh_endpoint_is_not_followed_by_a_login() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/auth/refresh"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/auth/login"))
        .respond_with(token_reply("too-early", None))
        .expect(0)
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let stale =
        Credential::new("old".to_owned().into()).with_refresh_token("rt-1".to_owned().into());
    let err = mano().refresh(&ctx, &stale).await.unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
}

#[tokio::test]
async fn an_unreachable_refresh_endpoint_is_not_followed_by_a_login() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let ctx = context(&closed);
    let stale =
        Credential::new("old".to_owned().into()).with_refresh_token("rt-1".to_owned().into());
    let err = mano().refresh(&ctx, &stale).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect);
    assert_eq!(err.context().unwrap().operation, "refresh");
}

#[tokio::test]
async fn a_wrong_password_is_a_plain_auth_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "status": 401, "title": "Unauthorized", "detail": "password SecureP@ssw0rd is wrong"
        })))
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let err = mano().login(&ctx).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(
        err.to_string(),
        "nms[acme] login: login rejected: wrong username or password"
    );
    assert!(!format!("{err:?}").contains("SecureP@ssw0rd"));
    assert!(!format!("{:?}", mano()).contains("SecureP@ssw0rd"));
}
