//! A configured secret never reaches logs (captured at TRACE), errors (Display, Debug, source
//! chain) or the metrics text.

use std::io::Write;
use std::sync::{Arc, Mutex};

use nbi_core::auth::BearerAuth;
use nbi_core::telemetry::Metrics;
use nbi_core::{FixedSecret, RequestSpec, RetryConfig, Transport};
use tracing_subscriber::fmt::MakeWriter;
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::GET_THING;

const SECRET: &str = "s3cr3t-MARKER-9f2c";
const QUERY_SECRET: &str = "q-MARKER-77aa";

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn error_text(e: &nbi_core::Error) -> String {
    let mut text = format!("{e}\n{e:?}\n{e:#?}\n");
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!("{s}\n{s:?}\n"));
        source = s.source();
    }
    text
}

#[tokio::test]
async fn secrets_stay_out_of_logs_errors_and_metrics() {
    // A global subscriber: a thread-local one misses events whose callsites other tests,
    // running at the same time without a subscriber, registered first. Other tests' lines land
    // in the capture too, which only widens what is checked.
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber)
        .expect("the only global subscriber in this test binary");

    let server = MockServer::start().await;
    Mock::given(path("/denied"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(path("/down"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let metrics = Metrics::new();
    let t = Transport::builder("nms", "acme")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .auth(Arc::new(BearerAuth::new(FixedSecret::shared(SECRET))))
        .metrics(metrics.clone())
        .retry(RetryConfig {
            max_attempts: 2,
            base_ms: 1,
            max_ms: 2,
            ..RetryConfig::default()
        })
        .build()
        .unwrap();

    let mut seen = String::new();
    for p in ["/denied", "/down"] {
        let e = t
            .send(RequestSpec::get(GET_THING, p).query("api_key", QUERY_SECRET))
            .await
            .unwrap_err();
        seen.push_str(&error_text(&e));
    }
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let uri = format!("http://{}", l.local_addr().unwrap());
        drop(l);
        uri
    };
    let t2 = Transport::builder("nms", "acme")
        .base_url(&refused)
        .allow_insecure_http(true)
        .auth(Arc::new(BearerAuth::new(FixedSecret::shared(SECRET))))
        .retry(RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        })
        .build()
        .unwrap();
    let e = t2
        .send(RequestSpec::get(GET_THING, "/x").query("token", QUERY_SECRET))
        .await
        .unwrap_err();
    seen.push_str(&error_text(&e));
    seen.push_str(&format!("{t:?}"));

    let logs = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("nbi.call"),
        "TRACE logs were captured: {logs}"
    );
    let metrics_text = metrics.encode();
    assert!(metrics_text.contains("nbi_requests_total"));
    for (what, text) in [
        ("logs", &logs),
        ("errors", &seen),
        ("metrics", &metrics_text),
    ] {
        assert!(!text.contains(SECRET), "secret leaked into {what}");
        assert!(
            !text.contains(QUERY_SECRET),
            "query secret leaked into {what}"
        );
    }
    // The secret did go out on the wire, so the test is not vacuous.
    let sent = server.received_requests().await.unwrap();
    assert!(sent.iter().any(|r| {
        r.headers
            .get("authorization")
            .is_some_and(|v| v.to_str().unwrap().contains(SECRET))
    }));
}
