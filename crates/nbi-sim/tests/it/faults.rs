//! Each fault knob at rate 0, 1 and a middle rate over a seeded run.

use std::time::{Duration, Instant};

use nbi_sim::FaultConfig;

use crate::support::{config_url, fetch_many, fresh_client, open_sim};

const N: usize = 40;

/// Runs `N` concurrent fetches with `faults` and returns (statuses, stats). The set of request
/// numbers is 0..N whatever the order, so fault counts depend on the seed only.
async fn run(faults: FaultConfig, timeout: Option<Duration>) -> (Vec<Option<u16>>, nbi_sim::Stats) {
    let sim = open_sim(faults).await;
    let mut builder = reqwest::Client::builder().pool_max_idle_per_host(0);
    if let Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    let statuses = fetch_many(&builder.build().unwrap(), &config_url(&sim, "r0001"), N).await;
    (statuses, sim.stats())
}

fn count(statuses: &[Option<u16>], wanted: Option<u16>) -> usize {
    statuses.iter().filter(|s| **s == wanted).count()
}

/// Runs the knob `set` at rate 0, rate 1 and `middle`: the three runs' statuses and the
/// middle run's stats.
async fn at_rates(
    set: fn(&mut FaultConfig, f64),
    middle: f64,
    timeout: Option<Duration>,
) -> ([Vec<Option<u16>>; 3], nbi_sim::Stats) {
    let faults = |rate| {
        let mut f = FaultConfig::default();
        set(&mut f, rate);
        f
    };
    let (none, _) = run(faults(0.0), timeout).await;
    let (all, _) = run(faults(1.0), timeout).await;
    let (some, stats) = run(faults(middle), timeout).await;
    ([none, all, some], stats)
}

#[tokio::test]
async fn fail_rate() {
    let ([s0, s1, s], stats) = at_rates(|f, r| f.fail_rate = r, 0.3, None).await;
    assert_eq!(count(&s0, Some(200)), N);
    assert_eq!(count(&s1, Some(503)), N);
    assert_eq!(count(&s, Some(503)), 10);
    assert_eq!(stats.faults.fail, 10);
    assert_eq!(stats.by_route["GET /api/v1/devices/{id}/config"]["503"], 10);
}

#[tokio::test]
async fn throttle_rate_and_headers() {
    let ([s0, s1, s], stats) = at_rates(|f, r| f.throttle_rate = r, 0.5, None).await;
    assert_eq!(count(&s0, Some(429)), 0);
    assert_eq!(count(&s1, Some(429)), N);
    assert_eq!(count(&s, Some(429)), 21);
    assert_eq!(stats.faults.throttle, 21);

    let sim = open_sim(FaultConfig {
        throttle_rate: 1.0,
        retry_after_s: 7,
        ..Default::default()
    })
    .await;
    let response = fresh_client()
        .get(config_url(&sim, "r0001"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("retry-after"), "7");
    assert_eq!(header("x-ratelimit-remaining"), "0");
    assert_eq!(header("x-ratelimit-limit"), "100");
    assert!(header("x-ratelimit-reset").parse::<u64>().unwrap() > 1_700_000_000);
    assert_eq!(header("content-type"), "application/problem+json");
}

#[tokio::test]
async fn reset_rate() {
    let ([s0, s1, s], stats) = at_rates(|f, r| f.reset_rate = r, 0.25, None).await;
    assert_eq!(count(&s0, None), 0);
    assert_eq!(count(&s1, None), N);
    assert_eq!(count(&s, None), 9);
    assert_eq!(stats.faults.reset, 9);
    assert_eq!(
        stats.by_route["GET /api/v1/devices/{id}/config"]["reset"],
        9
    );
}

#[tokio::test]
async fn stall_rate() {
    let timeout = Some(Duration::from_millis(800));
    let ([s0, s1, s], stats) = at_rates(|f, r| f.stall_rate = r, 0.5, timeout).await;
    assert_eq!(count(&s0, None), 0);
    assert_eq!(count(&s1, None), N);
    assert_eq!(count(&s, None), 18);
    assert_eq!(stats.faults.stall, 18);
}

#[tokio::test]
async fn truncate_rate() {
    let ([s0, s1, s], stats) = at_rates(|f, r| f.truncate_rate = r, 0.5, None).await;
    assert_eq!(count(&s0, None), 0);
    assert_eq!(count(&s1, None), N);
    assert_eq!(count(&s, None), 26);
    assert_eq!(stats.faults.truncate, 26);
}

#[tokio::test]
async fn latency_and_jitter_are_added() {
    let sim = open_sim(FaultConfig {
        latency_ms: 40,
        jitter_ms: 10,
        ..Default::default()
    })
    .await;
    let started = Instant::now();
    let response = fresh_client()
        .get(config_url(&sim, "r0001"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(started.elapsed() >= Duration::from_millis(40));
    assert_eq!(sim.stats().faults.delayed, 1);
}

#[tokio::test]
async fn requests_inside_a_retry_after_window_are_counted() {
    let sim = open_sim(FaultConfig {
        fail_rate: 1.0,
        retry_after_s: 5,
        ..Default::default()
    })
    .await;
    let client = fresh_client();
    let statuses = [
        client
            .get(config_url(&sim, "r0001"))
            .send()
            .await
            .unwrap()
            .status(),
        client
            .get(config_url(&sim, "r0001"))
            .send()
            .await
            .unwrap()
            .status(),
        client
            .get(config_url(&sim, "r0002"))
            .send()
            .await
            .unwrap()
            .status(),
    ];
    assert!(statuses.iter().all(|s| *s == 503));
    assert_eq!(sim.stats().in_retry_after_window, 1);
}

#[tokio::test]
async fn faults_change_at_run_time_and_per_tenant() {
    let sim = open_sim(FaultConfig::default()).await;
    let client = fresh_client();
    let admin = format!("{}/_sim/faults", sim.url(nbi_sim::Service::Nms));
    let put = client
        .put(&admin)
        .body(r#"{"fail_rate": 1.0}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200);
    assert_eq!(
        client
            .get(config_url(&sim, "r0001"))
            .send()
            .await
            .unwrap()
            .status(),
        503
    );
    // Admin routes are never faulted.
    let current: FaultConfig = client
        .get(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(current.fail_rate, 1.0);
    // tenant-1 is the only tenant without auth; its override wins over the global settings.
    sim.set_faults(Some("tenant-1"), FaultConfig::default());
    assert_eq!(
        client
            .get(config_url(&sim, "r0001"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let unknown = client
        .put(format!("{admin}?tenant=nobody"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}
