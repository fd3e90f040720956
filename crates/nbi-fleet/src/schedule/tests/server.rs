use std::net::SocketAddr;
use std::time::Duration;

use nbi_core::Metrics;
use nbi_core::telemetry::OPENMETRICS_CONTENT_TYPE;
use serde_json::{Value, json};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::at;
use crate::ErrorKind;
use crate::schedule::{HealthServer, HealthState, JobReport, Schedule, serve_health};

struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<crate::Result<()>>,
}

async fn start(metrics: Metrics, health: HealthState) -> Running {
    let server = HealthServer::bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let addr = server.local_addr();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(server.serve(metrics, health, async {
        let _ = stopped.await;
    }));
    Running { addr, stop, task }
}

impl Running {
    async fn healthz(&self) -> (u16, Value) {
        let resp = reqwest::get(format!("http://{}/healthz", self.addr))
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap())
    }

    async fn stop(self) {
        self.stop.send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .unwrap()
            .unwrap()
            .unwrap();
    }
}

fn run(ok: bool, failed: u64, error: Option<&str>) -> JobReport {
    JobReport {
        run_id: error.is_none().then_some(7),
        ok,
        devices: 10,
        failed,
        duration: Duration::from_millis(2500),
        error: error.map(str::to_owned),
    }
}

#[tokio::test]
async fn healthz_follows_the_runs() {
    let schedule = Schedule::parse("0 */6 * * *", "UTC").unwrap();
    let health = HealthState::new(&schedule);
    let server = start(Metrics::new(), health.clone()).await;

    let (status, body) = server.healthz().await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"status": "starting", "schedule": "0 */6 * * * (UTC)", "next_run": null,
               "last_run": null, "runs": 0})
    );

    health.set_next_run(Some(at("2026-01-01T06:00:00Z")));
    health.record_run(run(true, 0, None), at("2026-01-01T00:00:02.75Z"));
    let (status, body) = server.healthz().await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"status": "ok", "schedule": "0 */6 * * * (UTC)",
               "next_run": "2026-01-01T06:00:00Z",
               "last_run": {"run_id": 7, "ok": true, "devices": 10, "failed": 0,
                            "duration_s": 2.5, "finished_at": "2026-01-01T00:00:02Z",
                            "error": null},
               "runs": 1})
    );

    health.record_run(run(false, 3, None), at("2026-01-01T06:00:03Z"));
    let (status, body) = server.healthz().await;
    assert_eq!(status, 200);
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["last_run"]["failed"], 3);
    assert_eq!(body["runs"], 2);

    health.record_run(
        run(false, 0, Some("the store is locked by another backup")),
        at("2026-01-01T12:00:00Z"),
    );
    let (status, body) = server.healthz().await;
    assert_eq!(status, 503);
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["last_run"]["run_id"], Value::Null);
    assert_eq!(
        body["last_run"]["error"],
        "the store is locked by another backup"
    );

    server.stop().await;
}

#[tokio::test]
async fn metrics_are_served_beside_healthz() {
    let metrics = Metrics::new();
    metrics.request("nms", "acme", "get_config", "200", Duration::from_millis(5));
    let schedule = Schedule::parse("@daily", "UTC").unwrap();
    let server = start(metrics, HealthState::new(&schedule)).await;

    let resp = reqwest::get(format!("http://{}/metrics", server.addr))
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(
        resp.headers()[reqwest::header::CONTENT_TYPE],
        OPENMETRICS_CONTENT_TYPE
    );
    assert!(resp.text().await.unwrap().contains("nbi_requests_total"));

    let missing = reqwest::get(format!("http://{}/other", server.addr))
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    server.stop().await;
}

#[tokio::test]
async fn an_address_in_use_is_an_io_error_naming_the_setting() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = taken.local_addr().unwrap();
    let schedule = Schedule::parse("@daily", "UTC").unwrap();
    let err = serve_health(
        addr,
        Metrics::new(),
        HealthState::new(&schedule),
        std::future::ready(()),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    assert_eq!(
        err.to_string(),
        format!("settings.metrics.listen: cannot listen on {addr}")
    );
}
