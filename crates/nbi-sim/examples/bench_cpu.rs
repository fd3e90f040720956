//! Measures the server side of benchmark mode: runs the simulator on its own thread
//! (current-thread runtime) and a raw HTTP/1.1 keep-alive load on another, then prints the
//! requests per second, the server thread's CPU time per request and the requests per second
//! one server core sustains.
//!
//! `cargo run --release -p nbi-sim --example bench_cpu -- [requests] [connections] [depth]`
//!
//! `depth` is how many requests each connection has on the wire at once: 1 (the default) is
//! what the HTTP clients nbi is compared with do; more is HTTP/1.1 pipelining, which lets the
//! server answer a batch of requests with one read and one write.

use std::time::Instant;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

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

/// How many complete responses start `buf`, and the bytes they take.
fn complete_responses(buf: &[u8]) -> (usize, usize) {
    let (mut count, mut at) = (0, 0);
    while let Some(end) = buf[at..].windows(4).position(|w| w == b"\r\n\r\n") {
        let head = std::str::from_utf8(&buf[at..at + end]).unwrap();
        assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|v| v.parse().ok())
            .unwrap();
        let total = end + 4 + length;
        if buf.len() - at < total {
            break;
        }
        at += total;
        count += 1;
    }
    (count, at)
}

/// One connection's load: `batches` rounds of `depth` pipelined requests.
async fn load(address: String, first_id: usize, batches: usize, depth: usize) {
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let mut request = Vec::new();
    let mut input = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 64 * 1024];
    for batch in 0..batches {
        request.clear();
        for i in 0..depth {
            let id = first_id + batch * depth + i;
            request.extend_from_slice(
                format!(
                    "GET /api/v1/devices/dev{id:06}/config HTTP/1.1\r\nhost: {address}\r\n\r\n"
                )
                .as_bytes(),
            );
        }
        stream.write_all(&request).await.unwrap();
        let mut answered = 0;
        while answered < depth {
            let n = stream.read(&mut chunk).await.unwrap();
            assert!(n > 0, "server closed the connection");
            input.extend_from_slice(&chunk[..n]);
            let (count, used) = complete_responses(&input);
            answered += count;
            input.drain(..used);
        }
    }
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let requests = args.first().copied().unwrap_or(200_000);
    let connections = args.get(1).copied().unwrap_or(50).max(1);
    let depth = args.get(2).copied().unwrap_or(1).max(1);
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
        })
        .unwrap();
    let url = url_rx.recv().unwrap();
    let address = url.trim_start_matches("http://").to_owned();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let batches = (requests / connections / depth).max(1);
    let started = Instant::now();
    runtime.block_on(async {
        let tasks: Vec<_> = (0..connections)
            .map(|c| tokio::spawn(load(address.clone(), c * batches * depth, batches, depth)))
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
    });
    let wall = started.elapsed().as_secs_f64();
    let _ = stop_tx.send(());
    let server_cpu = server.join().unwrap();
    let served = (batches * connections * depth) as f64;
    println!(
        "{{\"requests\":{served},\"connections\":{connections},\"depth\":{depth},\"wall_s\":{wall:.3},\"rps\":{:.0},\"server_cpu_s\":{server_cpu:.3},\"server_cpu_us_per_req\":{:.2},\"rps_per_server_core\":{:.0}}}",
        served / wall,
        server_cpu * 1e6 / served,
        served / server_cpu
    );
}
