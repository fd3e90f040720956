//! Proxies: a configured proxy carries the calls, and `NO_PROXY` hosts are reached directly.

use nbi_core::{ErrorKind, ProxyConfig, RequestSpec, RetryConfig, Transport};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::GET_THING;

fn transport(proxy: ProxyConfig) -> Transport {
    // `.invalid` never resolves: only a proxy can reach it.
    Transport::builder("nms", "acme")
        .base_url("http://nms.example.invalid")
        .allow_insecure_http(true)
        .proxy(proxy)
        .retry(RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        })
        .build()
        .unwrap()
}

#[tokio::test]
async fn calls_go_through_the_proxy() {
    let proxy = MockServer::start().await;
    Mock::given(path("/t"))
        .respond_with(ResponseTemplate::new(200).set_body_string("via proxy"))
        .mount(&proxy)
        .await;
    let config = ProxyConfig::from_vars(|name| (name == "http_proxy").then(|| proxy.uri()));
    let r = transport(config)
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap();
    assert_eq!(r.text().unwrap(), "via proxy");
    let seen = &proxy.received_requests().await.unwrap()[0];
    assert_eq!(
        seen.url.host_str(),
        Some("nms.example.invalid"),
        "the proxy was asked for the target"
    );
}

#[tokio::test]
async fn no_proxy_hosts_are_reached_directly() {
    let proxy = MockServer::start().await;
    let config = ProxyConfig::from_vars(|name| match name {
        "http_proxy" => Some(proxy.uri()),
        "NO_PROXY" => Some("localhost,.example.invalid".into()),
        _ => None,
    });
    let e = transport(config)
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect);
    assert!(proxy.received_requests().await.unwrap().is_empty());
}
