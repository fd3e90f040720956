//! `nbi sim`: starts, prints one JSON line per (service, tenant), writes a working nbi.toml,
//! and exits 0 on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::nbi;

fn sigterm(pid: u32) {
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[test]
fn sim_serves_until_sigterm_and_writes_a_working_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("lab").join("nbi.toml");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nbi"))
        .args([
            "sim",
            "--tenants",
            "5",
            "--devices",
            "3",
            "--seed",
            "7",
            "--write-config",
        ])
        .arg(&config)
        .env_clear()
        .envs(std::env::var_os("LLVM_PROFILE_FILE").map(|v| ("LLVM_PROFILE_FILE", v)))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Lines are read on a thread so that a simulator that never prints fails the test instead
    // of hanging it.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    for _ in 0..5 {
        let line = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(line) => line.unwrap(),
            Err(e) => {
                let _ = child.kill();
                panic!("nbi sim printed no line per tenant: {e}");
            }
        };
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["service"], "nms");
        assert!(v["url"].as_str().unwrap().starts_with("http://127.0.0.1:"));
        seen.push(v["tenant"].as_str().unwrap().to_owned());
    }
    seen.sort();
    assert_eq!(
        seen,
        ["tenant-1", "tenant-2", "tenant-3", "tenant-4", "tenant-5"]
    );

    // The written settings load and the inventory lists every device.
    let check = nbi(
        dir.path(),
        &["--config", config.to_str().unwrap(), "config", "check"],
        &[],
    );
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let csv = std::fs::read_to_string(config.with_file_name("devices.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + 5 * 3, "{csv}");
    let toml = std::fs::read_to_string(&config).unwrap();
    assert!(toml.contains("{ file = "), "secrets are files: {toml}");

    sigterm(child.id());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nbi sim did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn impossible_rates_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = nbi(dir.path(), &["sim", "--fail-rate", "1.5"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fail-rate"));
}
