//! Property: with a bulkhead of B, however many concurrent calls are made, the server never
//! sees more than B at once, and every call completes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use nbi_core::{RequestSpec, Transport};
use proptest::prelude::*;

use crate::support::GET_THING;

#[derive(Default)]
struct Load {
    now: AtomicUsize,
    peak: AtomicUsize,
    total: AtomicUsize,
}

async fn handler(State(load): State<Arc<Load>>) -> &'static str {
    let now = load.now.fetch_add(1, Ordering::SeqCst) + 1;
    load.peak.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(2)).await;
    load.now.fetch_sub(1, Ordering::SeqCst);
    load.total.fetch_add(1, Ordering::SeqCst);
    "ok"
}

async fn serve(load: Arc<Load>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().route("/t", get(handler)).with_state(load);
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
    #[test]
    fn the_server_never_sees_more_than_the_bulkhead(bound in 1usize..8, calls in 16usize..96) {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let (peak, total) = rt.block_on(async move {
            let load = Arc::new(Load::default());
            let addr = serve(load.clone()).await;
            let t = Transport::builder("nms", "acme")
                .base_url(&format!("http://{addr}"))
                .allow_insecure_http(true)
                .max_concurrency(bound)
                .build()
                .unwrap();
            let tasks: Vec<_> = (0..calls)
                .map(|_| {
                    let t = t.clone();
                    tokio::spawn(async move { t.send(RequestSpec::get(GET_THING, "/t")).await })
                })
                .collect();
            for task in tasks {
                task.await.unwrap().unwrap();
            }
            (load.peak.load(Ordering::SeqCst), load.total.load(Ordering::SeqCst))
        });
        prop_assert!(peak <= bound, "peak {peak} > bound {bound}");
        prop_assert_eq!(total, calls);
    }
}
