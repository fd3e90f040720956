use nbi_core::{BreakerConfig, BreakerState, ErrorKind, RequestSpec, RetryConfig};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{GET_THING, builder};

fn three_strikes() -> BreakerConfig {
    BreakerConfig {
        failure_threshold: 3,
        ..BreakerConfig::default()
    }
}

#[tokio::test]
async fn an_open_breaker_fails_fast_without_io_and_isolates_tenants() {
    let server = MockServer::start().await;
    Mock::given(path("/down"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    Mock::given(path("/up"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let no_retry = RetryConfig {
        max_attempts: 1,
        ..RetryConfig::default()
    };
    let (a, _) = builder(&server.uri(), "tenant-a");
    let a = a
        .breaker(three_strikes())
        .retry(no_retry.clone())
        .build()
        .unwrap();
    let (b, _) = builder(&server.uri(), "tenant-b");
    let b = b.breaker(three_strikes()).retry(no_retry).build().unwrap();

    for _ in 0..3 {
        let e = a
            .send(RequestSpec::get(GET_THING, "/down"))
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Status);
    }
    assert_eq!(a.breaker_state(), BreakerState::Open);
    let gauge = r#"nbi_circuit_state{service="nms",tenant="tenant-a"} 2"#;
    assert!(
        a.metrics().encode().contains(gauge),
        "{}",
        a.metrics().encode()
    );
    let e = a
        .send(RequestSpec::get(GET_THING, "/up"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CircuitOpen);
    assert!(e.retry_after().is_some());
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "no I/O while open"
    );

    // Tenant B shares the server but not the breaker.
    b.send(RequestSpec::get(GET_THING, "/up")).await.unwrap();
    assert_eq!(b.breaker_state(), BreakerState::Closed);
}

#[tokio::test]
async fn client_errors_do_not_open_the_breaker() {
    let server = MockServer::start().await;
    Mock::given(path("/missing"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let (a, _) = builder(&server.uri(), "acme");
    let a = a.breaker(three_strikes()).build().unwrap();
    for _ in 0..5 {
        a.send(RequestSpec::get(GET_THING, "/missing"))
            .await
            .unwrap_err();
    }
    assert_eq!(a.breaker_state(), BreakerState::Closed);
}

#[tokio::test]
async fn forcing_the_breaker_open_and_closed() {
    let server = MockServer::start().await;
    Mock::given(path("/up"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let (a, _) = builder(&server.uri(), "acme");
    let a = a.build().unwrap();
    a.breaker().force_open();
    let e = a
        .send(RequestSpec::get(GET_THING, "/up"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CircuitOpen);
    a.breaker().force_close();
    a.send(RequestSpec::get(GET_THING, "/up")).await.unwrap();
}
