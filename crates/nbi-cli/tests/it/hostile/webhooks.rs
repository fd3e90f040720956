//! `nbi webhooks serve` under attack: gigabyte and endless bodies, 10,000-deep and non-UTF-8
//! JSON (correctly signed, so it reaches the parser), huge headers, and hundreds of connections
//! that stop mid-head or mid-body. Every attack is refused or outlasted, the receiver keeps accepting the real
//! delivery sent last, and its peak RSS stays bounded.

use std::path::Path;
use std::time::Duration;

use futures::StreamExt as _;
use nbi_core::SecretString;
use nbi_webhooks::ManoVerifier;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::Daemon;

const SECRET: &str = "hostile-test-webhook-secret";
const MAX_BODY: usize = 64 * 1024;
const MAX_RSS_MIB: u64 = 128;

fn sign(body: &[u8]) -> String {
    ManoVerifier::new(&[SecretString::from(SECRET)])
        .unwrap()
        .sign(body)
}

fn start(dir: &Path) -> (Daemon, String) {
    std::fs::write(dir.join("secret"), SECRET).unwrap();
    std::fs::write(
        dir.join("nbi.toml"),
        format!(
            "[webhooks]\nlisten = \"127.0.0.1:0\"\npath = \"/hook\"\nscheme = \"mano\"\n\
             secret = {{ file = \"secret\" }}\nmax_body = {MAX_BODY}\n"
        ),
    )
    .unwrap();
    let daemon = Daemon::start(
        dir,
        &[
            "--output",
            "json",
            "webhooks",
            "serve",
            "--out",
            "events.jsonl",
        ],
        1,
    );
    let listen = daemon.lines[0]["listen"].as_str().unwrap().to_owned();
    (daemon, listen)
}

async fn post(listen: &str, body: Vec<u8>) -> u16 {
    let signature = sign(&body);
    reqwest::Client::new()
        .post(format!("http://{listen}/hook"))
        .header("content-type", "application/json")
        .header("X-Webhook-Signature", signature)
        .body(body)
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Writes `request` on a fresh connection and returns what came back (status line first),
/// or the empty string when the receiver closed without an answer.
async fn raw(listen: &str, request: Vec<u8>) -> String {
    let mut socket = TcpStream::connect(listen).await.unwrap();
    // The receiver may answer and close before the whole request is written.
    let _ = socket.write_all(&request).await;
    let mut reply = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), socket.read_to_end(&mut reply));
    assert!(
        read.await.is_ok(),
        "the receiver neither answered nor closed"
    );
    String::from_utf8_lossy(&reply).into_owned()
}

fn vm_hwm_mib(daemon: &Daemon) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", daemon.child.id())).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kib / 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receiver_survives_hostile_deliveries_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (mut daemon, listen) = start(dir.path());

    // A declared gigabyte is refused before a byte of it is read.
    let head = "POST /hook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
                X-Webhook-Signature: sha256=00\r\nContent-Length: 1073741824\r\n\r\n";
    let reply = raw(&listen, head.as_bytes().to_vec()).await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");

    // A gigabyte streamed without a length is cut at the cap.
    let endless = futures::stream::iter(
        (0..16 * 1024).map(|_| Ok::<_, std::io::Error>(vec![b'['; 64 * 1024])),
    );
    let sent = reqwest::Client::new()
        .post(format!("http://{listen}/hook"))
        .header("X-Webhook-Signature", sign(b"{}"))
        .body(reqwest::Body::wrap_stream(endless.boxed()))
        .timeout(Duration::from_secs(20))
        .send()
        .await;
    if let Ok(response) = sent {
        assert_eq!(response.status().as_u16(), 413);
    }

    // Correctly signed, so they reach the JSON parser: deep nesting and invalid UTF-8.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(post(&listen, deep.into_bytes()).await, 400);
    let deep_objects = format!("{}1{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    assert_eq!(post(&listen, deep_objects.into_bytes()).await, 400);
    assert_eq!(post(&listen, b"{\"id\":\"\xff\xfe\"}".to_vec()).await, 400);
    assert_eq!(post(&listen, b"{\"id\":\"evt-1\",".to_vec()).await, 400);

    // Huge headers: many, and one long; refused (431) or the connection is closed.
    let many: String = (0..10_000).map(|i| format!("X-H{i}: v\r\n")).collect();
    let long = format!("X-Long: {}\r\n", "v".repeat(1 << 20));
    for headers in [many, long] {
        let request =
            format!("POST /hook HTTP/1.1\r\nHost: x\r\n{headers}Content-Length: 2\r\n\r\n{{}}");
        let reply = raw(&listen, request.into_bytes()).await;
        assert!(
            reply.is_empty() || reply.starts_with("HTTP/1.1 431"),
            "{}",
            &reply[..reply.len().min(200)]
        );
    }

    // Hundreds of uploads that declare a body and never send it.
    let mut slow = Vec::new();
    for _ in 0..300 {
        let mut socket = TcpStream::connect(&listen).await.unwrap();
        let head = "POST /hook HTTP/1.1\r\nHost: x\r\nX-Webhook-Signature: sha256=00\r\n\
                    Content-Length: 60000\r\n\r\n{\"id\":";
        socket.write_all(head.as_bytes()).await.unwrap();
        slow.push(socket);
    }
    // … and hundreds that stop in the middle of the request head …
    for _ in 0..300 {
        let mut socket = TcpStream::connect(&listen).await.unwrap();
        socket
            .write_all(b"POST /hook HTTP/1.1\r\nHost: x\r\nX-Webhook-Sig")
            .await
            .unwrap();
        slow.push(socket);
    }
    // … while a real delivery is still accepted, promptly. (Both kinds are cut after 30 s
    // of silence: see the receiver's own tests.)
    let body = br#"{"id":"evt-real","event":"slice.deployed"}"#.to_vec();
    let accepted = tokio::time::timeout(Duration::from_secs(5), post(&listen, body));
    assert_eq!(accepted.await.expect("answered while under attack"), 200);

    let peak = vm_hwm_mib(&daemon);
    assert!(peak < MAX_RSS_MIB, "receiver peak RSS {peak} MiB");
    drop(slow);
    assert_eq!(daemon.stop().code(), Some(0));
    let out = std::fs::read_to_string(dir.path().join("events.jsonl")).unwrap();
    assert_eq!(
        out.lines().count(),
        1,
        "only the real delivery is recorded: {out}"
    );
    assert!(out.contains("evt-real"));
}
