//! The pipeline's cost per call against a bare reqwest call, on loopback.
//!
//! Both clients run on a current-thread runtime on the benchmark thread, and the server runs on
//! its own thread, so the figure reported is the client thread's CPU time per call (not wall
//! time): the server's work is not counted, and neither is the machine's other load.
//!
//! `cargo bench -p nbi-core --bench pipeline`

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use cpu_time::ThreadTime;
use criterion::{Criterion, criterion_group, criterion_main};
use nbi_core::auth::BearerAuth;
use nbi_core::{FixedSecret, Operation, OperationClass, RateLimitConfig, RequestSpec, Transport};

const GET_CONFIG: Operation = Operation::new("get_config", OperationClass::GET);
const BODY: &str = include_str!("../../../README.md");

/// Serves a 4 KB-ish body on its own thread and runtime.
fn start_server() -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let app = Router::new().route("/api/v1/devices/{id}/config", get(|| async { BODY }));
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn cpu_per_call<F, Fut>(rt: &tokio::runtime::Runtime, iters: u64, call: F) -> Duration
where
    F: Fn(u64) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let start = ThreadTime::now();
    rt.block_on(async {
        for i in 0..iters {
            call(i).await;
        }
    });
    start.elapsed()
}

fn bench(c: &mut Criterion) {
    let addr = start_server();
    let base = format!("http://{addr}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let bare = reqwest::Client::builder().build().unwrap();
    let transport = rt.block_on(async {
        Transport::builder("nms", "bench")
            .base_url(&base)
            .allow_insecure_http(true)
            .auth(Arc::new(BearerAuth::new(FixedSecret::shared(
                "bench-token",
            ))))
            .rate_limit(RateLimitConfig {
                per_minute: Some(100_000_000),
                ..RateLimitConfig::default()
            })
            .build()
            .unwrap()
    });

    let mut group = c.benchmark_group("client_cpu_per_call");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("bare_reqwest", |b| {
        b.iter_custom(|iters| {
            cpu_per_call(&rt, iters, |i| {
                let url = format!("{base}/api/v1/devices/{i}/config");
                let bare = &bare;
                async move {
                    let r = bare
                        .get(url)
                        .bearer_auth("bench-token")
                        .send()
                        .await
                        .unwrap();
                    assert!(r.status().is_success());
                    r.bytes().await.unwrap();
                }
            })
        })
    });
    group.bench_function("nbi_pipeline", |b| {
        b.iter_custom(|iters| {
            cpu_per_call(&rt, iters, |i| {
                let transport = &transport;
                async move {
                    let spec = RequestSpec::get(GET_CONFIG, "/api/v1/devices/{id}/config")
                        .path_param("id", i);
                    transport.send(spec).await.unwrap();
                }
            })
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
