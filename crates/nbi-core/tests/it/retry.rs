use std::sync::Arc;
use std::time::Duration;

use http::{HeaderName, HeaderValue};
use nbi_core::{ErrorKind, RequestSpec, RetryConfig};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{CREATE_THING, GET_THING, answering_then, builder, epoch_2020};

async fn requests_to(server: &MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

#[tokio::test]
async fn transient_failures_are_retried_until_success() {
    let server = answering_then(
        ResponseTemplate::new(503),
        2,
        ResponseTemplate::new(200).set_body_string("ok"),
    )
    .await;
    let (b, clock) = builder(&server.uri(), "acme");
    let t = b.build().unwrap();
    let r = t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
    assert_eq!(r.attempts(), 3);
    assert_eq!(r.text().unwrap(), "ok");
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    assert!(
        sleeps[0] <= Duration::from_millis(100) && sleeps[1] <= Duration::from_millis(200),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn retry_after_seconds_is_waited_for() {
    let server = answering_then(
        ResponseTemplate::new(429).insert_header("retry-after", "2"),
        1,
        ResponseTemplate::new(200),
    )
    .await;
    let (b, clock) = builder(&server.uri(), "acme");
    b.build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(2)]);
}

#[tokio::test]
async fn retry_after_http_date_is_waited_for() {
    let at = httpdate::fmt_http_date(epoch_2020() + Duration::from_secs(3));
    let server = answering_then(
        ResponseTemplate::new(503).insert_header("retry-after", at.as_str()),
        1,
        ResponseTemplate::new(200),
    )
    .await;
    let (b, clock) = builder(&server.uri(), "acme");
    b.build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap();
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);
}

#[tokio::test]
async fn a_wait_beyond_the_limit_ends_the_call_as_rate_limited() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(429).insert_header("x-ratelimit-retry-after", "600"))
        .mount(&server)
        .await;
    let (b, clock) = builder(&server.uri(), "acme");
    let e = b
        .build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(600)));
    assert!(clock.sleeps().is_empty());
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(
                serde_json::json!({"title": "Not Found", "detail": "no such thing"}),
            ),
        )
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let e = b
        .build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        e.problem().and_then(|p| p.detail.as_deref()),
        Some("no such thing")
    );
    assert_eq!(e.context().unwrap().attempts, 1);
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn a_post_that_reached_the_server_is_not_sent_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let e = b
        .build()
        .unwrap()
        .send(RequestSpec::post(CREATE_THING, "/t").json(&serde_json::json!({"a": 1})))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(requests_to(&server).await, 1);
}

#[tokio::test]
async fn a_post_with_an_idempotency_key_is_retried_with_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let spec = RequestSpec::post(CREATE_THING, "/t").idempotency_key("k-1");
    b.build().unwrap().send(spec).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert!(
        received
            .iter()
            .all(|r| r.headers.get("idempotency-key").is_some_and(|v| v == "k-1"))
    );
}

#[tokio::test]
async fn a_post_that_never_connected_is_retried() {
    // A port that was just free: connections are refused, so nothing reached a server.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (b, clock) = builder(&uri, "acme");
    let e = b
        .build()
        .unwrap()
        .send(RequestSpec::post(CREATE_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect);
    assert_eq!(e.context().unwrap().attempts, 4);
    assert_eq!(clock.sleeps().len(), 3);
}

#[tokio::test]
async fn the_budget_stops_retries_when_spent() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let t = b
        .retry(RetryConfig {
            max_attempts: 5,
            budget_percent: 0.0,
            budget_min_retries: 2,
            ..RetryConfig::default()
        })
        .build()
        .unwrap();
    let first = t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap_err();
    assert_eq!(
        first.context().unwrap().attempts,
        3,
        "two retries from the budget"
    );
    let second = t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap_err();
    assert_eq!(
        second.context().unwrap().attempts,
        1,
        "budget spent: no retry"
    );
    assert_eq!(requests_to(&server).await, 4);
}

#[tokio::test]
async fn a_stalled_response_times_out_and_is_retried() {
    let server = answering_then(
        ResponseTemplate::new(200).set_delay(Duration::from_secs(5)),
        1,
        ResponseTemplate::new(200),
    )
    .await;
    let (b, _) = builder(&server.uri(), "acme");
    let r = b
        .build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t").timeout(Duration::from_millis(100)))
        .await
        .unwrap();
    assert_eq!(r.attempts(), 2);
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(vec![b'x'; 4096]))
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let e = b
        .max_body(1024)
        .build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
}

#[tokio::test]
async fn json_decode_errors_name_the_path_and_the_call() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id":"x"}"#))
        .mount(&server)
        .await;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Thing {
        id: u32,
    }
    let (b, _) = builder(&server.uri(), "acme");
    let e = b
        .build()
        .unwrap()
        .json::<Thing>(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    let shown = e.to_string();
    assert!(shown.starts_with("nms[acme] get_thing: at id:"), "{shown}");
}

#[tokio::test]
async fn http_is_refused_unless_allowed() {
    let e = nbi_core::Transport::builder("nms", "acme")
        .base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("allow_insecure_http"));
}

#[tokio::test]
async fn custom_headers_and_query_reach_the_server() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let spec = RequestSpec::get(GET_THING, "/t").query("limit", 5).header(
        HeaderName::from_static("x-trace"),
        HeaderValue::from_static("abc"),
    );
    b.retry(RetryConfig::default())
        .build()
        .unwrap()
        .send(spec)
        .await
        .unwrap();
    let r = &server.received_requests().await.unwrap()[0];
    assert_eq!(r.url.query(), Some("limit=5"));
    assert_eq!(r.headers.get("x-trace").unwrap(), "abc");
}

#[tokio::test]
async fn a_spent_server_quota_holds_the_next_call_until_its_reset() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "0.3"),
        )
        .mount(&server)
        .await;
    let (b, _) = builder(&server.uri(), "acme");
    let t = b.build().unwrap();
    t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
    let started = std::time::Instant::now();
    t.send(RequestSpec::get(GET_THING, "/t")).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "held for {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unavailable_server_asking_for_a_long_wait_keeps_its_status() {
    let server = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "600"))
        .mount(&server)
        .await;
    let (b, clock) = builder(&server.uri(), "acme");
    let e = b
        .build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(e.retry_after(), Some(Duration::from_secs(600)));
    assert_eq!(e.to_string(), "nms[acme] get_thing: HTTP 503");
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn a_busy_token_endpoint_is_asked_again_only_after_its_retry_after() {
    use nbi_core::FixedSecret;
    use nbi_core::auth::OAuth2ClientCredentials;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "3"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "tok", "token_type": "Bearer", "expires_in": 3600
        })))
        .mount(&server)
        .await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let (b, clock) = builder(&server.uri(), "acme");
    let auth = OAuth2ClientCredentials::new("/oauth/token", "nbi", FixedSecret::shared("s"));
    b.auth(Arc::new(auth))
        .build()
        .unwrap()
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap();
    // The token endpoint's own Retry-After, not the 100 ms backoff.
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(3)]);
}
