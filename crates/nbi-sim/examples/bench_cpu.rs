//! Measures the server CPU cost of benchmark mode: runs the simulator on its own thread
//! (current-thread runtime) and a raw hyper HTTP/1 client load on another, then prints the
//! server thread's CPU time per request and the implied requests per second on one core.
//!
//! `cargo run --release -p nbi-sim --example bench_cpu -- [requests] [concurrency]`

use std::time::Instant;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;

/// utime + stime of the calling thread, in seconds (clock ticks of 10 ms).
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let requests = args.first().copied().unwrap_or(200_000);
    let concurrency = args.get(1).copied().unwrap_or(50);
    let (url_tx, url_rx) = std::sync::mpsc::channel();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let server = std::thread::Builder::new()
        .name("sim-server".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let config = nbi_sim::SimConfig {
                    bench: true,
                    ..Default::default()
                };
                let sim = nbi_sim::spawn(config).await.unwrap();
                let start = thread_cpu_seconds();
                url_tx
                    .send(sim.url(nbi_sim::Service::Nms).to_owned())
                    .unwrap();
                let _ = stop_rx.await;
                thread_cpu_seconds() - start
            })
        });
    let server = server.unwrap();
    let url = url_rx.recv().unwrap();
    let address = url.trim_start_matches("http://").to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    runtime.block_on(async {
        let per_task = requests / concurrency;
        let tasks: Vec<_> = (0..concurrency)
            .map(|task| {
                let address = address.clone();
                tokio::spawn(async move {
                    let stream = tokio::net::TcpStream::connect(&address).await.unwrap();
                    let (mut sender, conn) =
                        hyper::client::conn::http1::handshake(TokioIo::new(stream))
                            .await
                            .unwrap();
                    tokio::spawn(conn);
                    for i in 0..per_task {
                        let uri = format!("/api/v1/devices/dev{:05}/config", task * per_task + i);
                        let request = hyper::Request::get(uri)
                            .header("host", &address)
                            .body(Empty::<Bytes>::new())
                            .unwrap();
                        let response = sender.send_request(request).await.unwrap();
                        assert_eq!(response.status(), 200);
                        response.into_body().collect().await.unwrap();
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    let wall = started.elapsed().as_secs_f64();
    let _ = stop_tx.send(());
    let server_cpu = server.join().unwrap();
    let served = (requests / concurrency * concurrency) as f64;
    println!(
        "{{\"requests\":{served},\"wall_s\":{wall:.3},\"rps\":{:.0},\"server_cpu_s\":{server_cpu:.3},\"server_cpu_us_per_req\":{:.2},\"rps_per_server_core\":{:.0}}}",
        served / wall,
        server_cpu * 1e6 / served,
        served / server_cpu
    );
}
