//! Shared helpers: transports pointed at local servers, with a manual clock for waits.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use nbi_core::{ManualClock, Operation, OperationClass, RetryConfig, Transport, TransportBuilder};

pub(crate) const GET_THING: Operation = Operation::new("get_thing", OperationClass::GET);
pub(crate) const CREATE_THING: Operation = Operation::new("create_thing", OperationClass::CREATE);

/// 2020-01-01T00:00:00Z: a fixed wall-clock start for HTTP-date arithmetic.
pub(crate) fn epoch_2020() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_577_836_800)
}

/// A transport to `uri` whose retry waits go to a manual clock (returned too).
pub(crate) fn builder(uri: &str, tenant: &str) -> (TransportBuilder, ManualClock) {
    let clock = ManualClock::new(epoch_2020());
    let b = Transport::builder("nms", tenant)
        .base_url(uri)
        .allow_insecure_http(true)
        .clock(Arc::new(clock.clone()))
        .jitter_seed(7)
        .retry(RetryConfig {
            max_attempts: 4,
            base_ms: 100,
            max_ms: 1_000,
            ..RetryConfig::default()
        });
    (b, clock)
}

/// A server at path `/t` answering `first` for the first `times` requests, then `then`.
pub(crate) async fn answering_then(
    first: wiremock::ResponseTemplate,
    times: u64,
    then: wiremock::ResponseTemplate,
) -> wiremock::MockServer {
    use wiremock::matchers::path;
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(path("/t"))
        .respond_with(first)
        .up_to_n_times(times)
        .mount(&server)
        .await;
    wiremock::Mock::given(path("/t"))
        .respond_with(then)
        .mount(&server)
        .await;
    server
}
