//! Benchmark mode: exactly what `../shared/anchors` fetch, as cheaply as possible. One 4 KB
//! envelope is rendered at start; each request concatenates its pieces with the device id and
//! the volatile `ntp clock-period` value. The fast loop ([`crate::fast`]) answers through
//! [`FastRoute`]; the axum route below serves the same bodies when a fault is switched on.

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
use crate::fast::{FastAnswer, FastRoute};
use crate::problem::Problem;
use crate::shared::Shared;
use crate::stats::DeviceHit;

/// Target size of a benchmark envelope.
const ENVELOPE_BYTES: usize = 4096;
/// The longest `?delay_ms=` honoured.
const MAX_DELAY_MS: u64 = 60_000;

/// The route the anchors fetch.
const CONFIG_ROUTE: &str = "/api/v1/devices/{id}/config";

/// The benchmark envelope and its fetch counter.
#[derive(Debug)]
pub(crate) struct Bench {
    template: Template,
    fetches: AtomicU64,
}

/// The renderer of benchmark mode.
pub(crate) fn bench(shared: &Shared) -> Arc<Bench> {
    Arc::new(Bench {
        template: Template::parse(&envelope(shared.seed)),
        fetches: AtomicU64::new(0),
    })
}

/// The axum route of benchmark mode (used when faults are on).
pub(crate) fn bench_router(bench: &Arc<Bench>) -> Router {
    Router::new()
        .route(CONFIG_ROUTE, get(config))
        .with_state(bench.clone())
}

impl Bench {
    fn body(&self, id: &str) -> Vec<u8> {
        let fetch = self.fetches.fetch_add(1, Ordering::Relaxed);
        self.template.render(|slot, out| match slot {
            Slot::DeviceId => out.extend_from_slice(id.as_bytes()),
            Slot::ClockPeriod => out.extend_from_slice(clock_period(fetch).as_bytes()),
            _ => {}
        })
    }
}

impl FastRoute for Bench {
    fn answer(&self, path: &str, query: Option<&str>) -> Option<FastAnswer> {
        let id = path
            .strip_prefix("/api/v1/devices/")?
            .strip_suffix("/config")?;
        if !valid_id(id) {
            return None;
        }
        Some(FastAnswer {
            delay: Duration::from_millis(delay_ms(query)),
            route: CONFIG_ROUTE,
            device: DeviceHit {
                tenant: 0,
                id: id.to_owned(),
            },
            body: self.body(id),
        })
    }
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
    let mut response = json_bytes(bench.body(&id));
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
