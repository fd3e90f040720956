//! The fast loop against a real socket: hot answers, pipelining, fallback to the router, faults
//! and hostile input.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::{FaultConfig, Service, SimConfig, spawn};

fn bench_config() -> SimConfig {
    SimConfig {
        bench: true,
        ..Default::default()
    }
}

/// Sends `request` raw and reads until the server closes or `timeout` passes.
fn exchange(address: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn address(sim: &crate::SimHandle) -> String {
    sim.url(Service::Nms)
        .trim_start_matches("http://")
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_requests_are_answered_in_order() {
    let sim = spawn(bench_config()).await.unwrap();
    let address = address(&sim);
    let text = tokio::task::spawn_blocking(move || {
        exchange(
            &address,
            b"GET /api/v1/devices/a1/config HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v1/devices/b2/config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        )
    })
    .await
    .unwrap();
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2, "{text}");
    let first = text.find("\"device\":\"a1\"").unwrap();
    let second = text.find("\"device\":\"b2\"").unwrap();
    assert!(first < second);
    assert!(text.contains("connection: close"));
    let stats = sim.stats();
    assert_eq!(stats.requests, 2);
    assert_eq!(stats.by_route["GET /api/v1/devices/{id}/config"]["200"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_routes_and_faults_go_through_the_router() {
    let sim = spawn(bench_config()).await.unwrap();
    let address = address(&sim);
    let faults = br#"{"fail_rate": 1.0}"#;
    let mut put = format!(
        "PUT /_sim/faults HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        faults.len()
    )
    .into_bytes();
    put.extend_from_slice(faults);
    put.extend_from_slice(
        b"GET /api/v1/devices/a1/config HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let text = tokio::task::spawn_blocking(move || exchange(&address, &put))
        .await
        .unwrap();
    assert!(text.starts_with("HTTP/1.1 200 OK"), "{text}");
    assert!(text.contains("HTTP/1.1 503 Service Unavailable"), "{text}");
    assert!(text.contains("retry-after: 1"), "{text}");
    assert_eq!(sim.stats().faults.fail, 1);
    sim.set_faults(None, FaultConfig::default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_fault_closes_without_an_answer() {
    let sim = spawn(bench_config()).await.unwrap();
    sim.set_faults(
        None,
        FaultConfig {
            reset_rate: 1.0,
            ..Default::default()
        },
    );
    let address = address(&sim);
    let text = tokio::task::spawn_blocking(move || {
        exchange(
            &address,
            b"GET /api/v1/devices/a1/config HTTP/1.1\r\nHost: x\r\n\r\n",
        )
    })
    .await
    .unwrap();
    assert_eq!(text, "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_input_gets_an_error_and_a_closed_connection() {
    let sim = spawn(bench_config()).await.unwrap();
    let address = address(&sim);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"\x16\x03\x01garbage\r\n\r\n".to_vec(), "400"),
        (
            b"POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec(),
            "400",
        ),
        (
            b"PUT /x HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n".to_vec(),
            "413",
        ),
        ([b"GET /".as_slice(), &vec![b'a'; 20_000]].concat(), "431"),
        (
            b"GET /api/v1/devices/../config HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(),
            "404",
        ),
    ];
    for (request, status) in cases {
        let address = address.clone();
        let text = tokio::task::spawn_blocking(move || exchange(&address, &request))
            .await
            .unwrap();
        assert!(
            text.starts_with(&format!("HTTP/1.1 {status}")),
            "want {status}: {text}"
        );
    }
}
