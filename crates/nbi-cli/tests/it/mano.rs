//! `nbi mano …` against `nbi sim --services mano --write-config`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--config", "nbi.toml", "--output", "json", "mano"];
    all.extend_from_slice(args);
    nbi(dir, &all, &[])
}

/// `nbi mano --tenant tenant-1 ARGS`, which must succeed; its JSON.
fn mano(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--tenant", "tenant-1"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

/// Shortens the simulated deployments to `secs`.
pub(crate) fn deploy_seconds(base_url: &str, secs: u64) {
    let address = base_url.trim_start_matches("http://");
    let body = format!("{{\"deploy_s\":{secs}}}");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "PUT /_sim/mano/tenant-1/settings HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn every_area_answers_json_and_a_deployment_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("nbi.toml");
    let sim = Sim::start_sim(
        &[
            "--services",
            "mano",
            "--tenants",
            "2",
            "--write-config",
            config.to_str().unwrap(),
        ],
        2,
    );
    let url = sim.lines[0]["url"].as_str().unwrap().to_owned();
    let d = dir.path();

    // Two tenants have MANO: leaving --tenant out is a usage error naming the choices.
    let ambiguous = run(d, &["intents", "list"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("--tenant tenant-2"),
        "{}",
        stderr(&ambiguous)
    );

    assert_eq!(mano(d, &["intents", "list"]).as_array().unwrap().len(), 3);
    let intent = mano(
        d,
        &[
            "intents",
            "create",
            "--data",
            r#"{"bandwidth":100,"latency":10,"slice_type":"uRLLC"}"#,
        ],
    );
    let intent_id = intent["id"].as_str().unwrap();
    assert_eq!(mano(d, &["intents", "get", intent_id])["bandwidth"], 100.0);
    let bad = run(
        d,
        &[
            "--tenant",
            "tenant-1",
            "intents",
            "create",
            "--data",
            r#"{"bandwidth":0,"latency":10,"slice_type":"eMBB"}"#,
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bandwidth"), "{}", stderr(&bad));

    deploy_seconds(&url, 2);
    let plan = mano(d, &["plans", "create", "--intents", intent_id]);
    let plan_id = plan["id"].as_str().unwrap();
    let started = mano(d, &["deployments", "deploy", plan_id]);
    let deployment = started["deployment_id"].as_str().unwrap();
    let out = run(
        d,
        &[
            "--tenant",
            "tenant-1",
            "deployments",
            "wait",
            deployment,
            "--interval-s",
            "1",
            "--timeout-s",
            "30",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let done: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(done["status"], "completed");
    assert!(
        stderr(&out).contains("100%"),
        "progress goes to stderr: {}",
        stderr(&out)
    );

    assert_eq!(mano(d, &["tn", "agents"]).as_array().unwrap().len(), 2);
    let managers = mano(d, &["o2", "managers"]);
    let dm = managers[0]["id"].as_str().unwrap();
    assert_eq!(
        mano(d, &["o2", "descriptors", dm])
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(mano(d, &["monitoring", "health"])["status"], "healthy");
    assert!(mano(d, &["vnfs", "list"]).as_array().unwrap().is_empty());
    std::fs::write(d.join("hook.secret"), "s3cret").unwrap();
    let sub = mano(
        d,
        &[
            "webhooks",
            "subscribe",
            "--url",
            "http://127.0.0.1:9/h",
            "--events",
            "slice.created",
            "--secret-file",
            "hook.secret",
        ],
    );
    assert!(sub["id"].as_str().is_some());
    assert!(
        !mano(d, &["webhooks", "list"])
            .to_string()
            .contains("s3cret")
    );
}
