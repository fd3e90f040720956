//! Benchmark mode: exactly what `../shared/anchors` fetch, as cheaply as possible. One 4 KB
//! envelope is rendered at start; each request concatenates its pieces with the device id and
//! the volatile `ntp clock-period` value.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::Value;

use super::template::{Slot, Template, clock_period};
use super::{json_bytes, valid_id};
use crate::problem::Problem;
use crate::shared::Shared;
use crate::stats::DeviceHit;

/// Target size of a benchmark envelope.
const ENVELOPE_BYTES: usize = 4096;
/// The longest `?delay_ms=` honoured.
const MAX_DELAY_MS: u64 = 60_000;

#[derive(Debug)]
struct Bench {
    template: Template,
    fetches: AtomicU64,
}

pub(super) fn router(shared: Arc<Shared>) -> Router {
    let bench = Arc::new(Bench {
        template: Template::parse(&envelope(shared.seed)),
        fetches: AtomicU64::new(0),
    });
    Router::new()
        .route("/api/v1/devices/{id}/config", get(config))
        .with_state(bench)
}

/// The envelope with `@@DEVICE_ID@@` and `@@CLOCK_PERIOD@@` holes, padded to about 4 KB.
fn envelope(seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut text = String::from(
        "Building configuration...\n\nCurrent configuration : 3712 bytes\n!\nversion 15.9\nservice timestamps log datetime msec\n!\nhostname bench\n!\n",
    );
    let mut i = 0;
    while text.len() < ENVELOPE_BYTES - 400 {
        text.push_str(&format!(
            "interface GigabitEthernet0/0/{i}\n description uplink {}\n ip address 10.{}.{}.1 255.255.255.252\n no shutdown\n!\n",
            rng.u16(1000..9999),
            rng.u8(0..=255),
            rng.u8(0..=255)
        ));
        i += 1;
    }
    text.push_str("ntp clock-period @@CLOCK_PERIOD@@\n!\nend\n");
    format!(
        "{{\"json_metadata\":{{\"device\":\"@@DEVICE_ID@@\",\"source\":\"nbi-sim\"}},\"envelope_id\":\"bench\",\"api_version\":\"v2\",\"data\":{{\"running_config\":{}}}}}",
        Value::String(text)
    )
}

fn delay_ms(query: Option<&str>) -> u64 {
    query
        .and_then(|q| q.split('&').find_map(|pair| pair.strip_prefix("delay_ms=")))
        .and_then(|v| v.parse().ok())
        .map_or(0, |ms: u64| ms.min(MAX_DELAY_MS))
}

async fn config(
    State(bench): State<Arc<Bench>>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if !valid_id(&id) {
        return Problem::not_found("No Device matches the given query.").into_response();
    }
    let delay = delay_ms(query.as_deref());
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let fetch = bench.fetches.fetch_add(1, Ordering::Relaxed);
    let body = bench.template.render(|slot, out| match slot {
        Slot::DeviceId => out.extend_from_slice(id.as_bytes()),
        Slot::ClockPeriod => out.extend_from_slice(clock_period(fetch).as_bytes()),
        _ => {}
    });
    let mut response = json_bytes(body);
    response
        .extensions_mut()
        .insert(DeviceHit { tenant: 0, id });
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_is_about_4_kb_and_valid_json() {
        let template = Template::parse(&envelope(1));
        let body = template.render(|slot, out| match slot {
            Slot::DeviceId => out.extend_from_slice(b"dev00001"),
            _ => out.extend_from_slice(b"17179001"),
        });
        assert!((3_900..=4_300).contains(&body.len()), "{}", body.len());
        let doc: Value = serde_json::from_slice(&body).unwrap();
        assert!(
            doc["data"]["running_config"]
                .as_str()
                .unwrap()
                .contains("ntp clock-period 17179001")
        );
        assert_eq!(doc["json_metadata"]["device"], "dev00001");
    }

    #[test]
    fn delay_is_read_from_the_query() {
        assert_eq!(delay_ms(Some("delay_ms=20")), 20);
        assert_eq!(delay_ms(Some("a=1&delay_ms=5")), 5);
        assert_eq!(delay_ms(None), 0);
        assert_eq!(delay_ms(Some("delay_ms=x")), 0);
    }
}
