//! Crash and resume: `nbi fleet backup` killed with SIGKILL at seeded random points leaves a
//! store that passes `PRAGMA integrity_check`, and `--resume` fetches exactly the devices the
//! run has no result for.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::{Sim, nbi, stderr, stdout};

const TENANTS: usize = 2;
const DEVICES: usize = 25;

/// `GET /_sim/stats` → config fetches per `tenant/id`.
fn fetches(base_url: &str) -> BTreeMap<String, u64> {
    let address = base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET /_sim/stats HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let body = answer.split_once("\r\n\r\n").unwrap().1;
    let stats: serde_json::Value = serde_json::from_str(body).unwrap();
    serde_json::from_value(stats["by_device"].clone()).unwrap()
}

/// The devices (`tenant/id`) with a result in `run`, and the integrity check's verdict.
fn store_state(db: &Path, run: u64) -> (BTreeSet<String>, String) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    drop(conn);
    let store = nbi_fleet::SqliteStore::open(db).unwrap();
    let done = nbi_fleet::SnapshotStore::results(&store, nbi_fleet::RunId(run))
        .unwrap()
        .into_iter()
        .map(|r| format!("{}/{}", r.device.tenant, r.device.id))
        .collect();
    (done, check)
}

/// A deterministic pseudo-random kill delay for `seed`, inside the ~1.5 s the run takes.
fn kill_after(seed: u64) -> Duration {
    let mixed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
    Duration::from_millis(250 + mixed % 1000)
}

fn crash_and_resume(seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("nbi.toml");
    let (tenants, devices) = (TENANTS.to_string(), DEVICES.to_string());
    let sim = Sim::start_sim(
        &[
            "--tenants",
            &tenants,
            "--devices",
            &devices,
            "--latency-ms",
            "120",
            "--seed",
            &seed.to_string(),
            "--write-config",
            config.to_str().unwrap(),
        ],
        TENANTS,
    );
    let url = sim.lines[0]["url"].as_str().unwrap().to_owned();

    let mut child = Command::new(env!("CARGO_BIN_EXE_nbi"))
        .current_dir(d)
        .env_clear()
        .args([
            "--config",
            "nbi.toml",
            "fleet",
            "backup",
            "--concurrency",
            "4",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(kill_after(seed));
    // Child::kill sends SIGKILL: no handler runs, nothing is flushed.
    let _ = child.kill();
    let status = child.wait().unwrap();
    let db = d.join("nbi.db");
    assert!(
        db.exists(),
        "seed {seed}: the run had not started ({status})"
    );

    let (done, check) = store_state(&db, 1);
    assert_eq!(check, "ok", "seed {seed}");
    let all: BTreeSet<String> = (1..=TENANTS)
        .flat_map(|t| (1..=DEVICES).map(move |i| format!("tenant-{t}/r{i:04}")))
        .collect();
    let missing: BTreeSet<String> = all.difference(&done).cloned().collect();
    assert!(
        !missing.is_empty(),
        "seed {seed}: killed after the run ended ({status}); lower the kill delay"
    );

    let before = fetches(&url);
    let resumed = nbi(
        d,
        &[
            "--config", "nbi.toml", "--output", "json", "fleet", "backup", "--resume", "1",
        ],
        &[],
    );
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "seed {seed}: {}{}",
        stdout(&resumed),
        stderr(&resumed)
    );
    let report: serde_json::Value = serde_json::from_slice(&resumed.stdout).unwrap();
    assert_eq!(report["run_id"], 1, "{report}");
    assert_eq!(report["devices"], TENANTS * DEVICES, "{report}");
    assert_eq!(report["failed"], 0, "{report}");

    // Exactly the devices without a result were fetched again.
    let after = fetches(&url);
    let refetched: BTreeSet<String> = after
        .iter()
        .filter(|(device, n)| before.get(*device).copied().unwrap_or(0) < **n)
        .map(|(device, _)| device.clone())
        .collect();
    assert_eq!(refetched, missing, "seed {seed}");
    let (done, check) = store_state(&db, 1);
    assert_eq!(check, "ok", "seed {seed}");
    assert_eq!(done, all, "seed {seed}");
}

#[test]
fn a_killed_backup_resumes_fetching_only_what_it_lacks() {
    for seed in 1..=5 {
        crash_and_resume(seed);
    }
}
