//! `nbi fleet …` against `nbi sim`: backups record exactly the real changes, and the history
//! commands, exports and report read them back.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

/// Runs `nbi --config CONFIG ARGS` in `dir`.
fn fleet(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--config", "nbi.toml"];
    all.extend_from_slice(args);
    nbi(dir, &all, &[])
}

fn json(out: &Output) -> Value {
    assert!(out.status.code().is_some(), "killed: {}", stderr(out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(out), stderr(out)))
}

/// `METHOD path` on a local server, the way `curl` would; returns the whole answer.
fn http(method: &str, base_url: &str, path: &str) -> String {
    let address = base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// `POST path` to a simulator.
fn post(base_url: &str, path: &str) {
    let answer = http("POST", base_url, path);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

fn git_available() -> bool {
    std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn backups_record_exactly_the_real_changes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("nbi.toml");
    #[rustfmt::skip]
    let mut sim = Sim::start_sim(
        &[
            "--tenants", "2", "--devices", "12", "--fail-rate", "0.05", "--reset-rate", "0.02",
            "--truncate-rate", "0.02", "--token-uses", "15", "--seed", "3", "--write-config",
            config.to_str().unwrap(),
        ],
        2,
    );
    let mut toml = std::fs::read_to_string(&config).unwrap();
    toml.push_str(
        "export = { dir = \"mirror\", git = \"history\" }\nretention = { keep_versions = 1 }\n",
    );
    std::fs::write(&config, toml).unwrap();

    let first = fleet(d, &["--output", "json", "fleet", "backup"]);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}{}",
        stdout(&first),
        stderr(&first)
    );
    let first = json(&first);
    assert_eq!(
        (
            &first["run_id"],
            &first["devices"],
            &first["changed"],
            &first["failed"]
        ),
        (
            &Value::from(1),
            &Value::from(24),
            &Value::from(24),
            &Value::from(0)
        ),
        "{first}"
    );
    assert!(
        first["retries"].as_u64().unwrap() > 0,
        "faults were injected: {first}"
    );

    // Volatile lines change on every fetch; none of them makes a new version.
    let second = json(&fleet(d, &["--output", "json", "fleet", "backup"]));
    assert_eq!(
        (&second["changed"], &second["unchanged"]),
        (&Value::from(0), &Value::from(24))
    );

    let tenant_1 = sim
        .lines
        .iter()
        .find(|e| e["tenant"] == "tenant-1")
        .unwrap();
    post(
        tenant_1["url"].as_str().unwrap(),
        "/_sim/devices/tenant-1/r0003/change",
    );
    let third = fleet(d, &["fleet", "backup", "--tenant", "tenant-1"]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    assert!(
        stdout(&third).starts_with("run 3: 12 devices, 1 changed, 11 unchanged, 0 failed"),
        "{}",
        stdout(&third)
    );

    let diff = fleet(d, &["fleet", "diff", "tenant-1/nms/r0003"]);
    assert_eq!(diff.status.code(), Some(0));
    let diff = stdout(&diff);
    assert!(
        diff.starts_with("--- tenant-1/nms/r0003@1\n+++ tenant-1/nms/r0003@2\n@@ -"),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('+') && !l.starts_with("+++")),
        "{diff}"
    );
    let flagged = fleet(d, &["fleet", "diff", "tenant-1/nms/r0003", "--exit-code"]);
    assert_eq!(flagged.status.code(), Some(1));

    let history = json(&fleet(
        d,
        &["--output", "json", "fleet", "history", "tenant-1/nms/r0003"],
    ));
    let versions = history["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[1]["first_seen_run"], 3);

    let shown = stdout(&fleet(d, &["fleet", "show", "tenant-1/nms/r0003"]));
    let mirrored = std::fs::read_to_string(d.join("mirror/tenant-1/nms/r0003")).unwrap();
    assert_eq!(shown, mirrored);
    assert!(
        !shown.contains("Last configuration change"),
        "volatile line kept"
    );

    let status = json(&fleet(d, &["--output", "json", "fleet", "status"]));
    let tenants = status["tenants"].as_array().unwrap();
    assert_eq!(tenants.len(), 2);
    assert_eq!(tenants[0]["run"]["id"], 3);
    assert_eq!(tenants[1]["run"]["id"], 2);

    let export = fleet(d, &["fleet", "export", "--dir", "out", "--run", "1"]);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let old = std::fs::read_to_string(d.join("out/tenant-1/nms/r0003")).unwrap();
    assert_ne!(old, mirrored, "run 1's version is the old text");

    let report = fleet(d, &["fleet", "report", "--html", "report.html"]);
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let html = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert!(html.contains("<svg") && html.contains("tenant-1/nms/r0003"));

    if git_available() {
        let log = std::process::Command::new("git")
            .args(["-C", "history", "log", "--format=%s"])
            .current_dir(d)
            .output()
            .unwrap();
        let subjects = String::from_utf8_lossy(&log.stdout);
        assert_eq!(
            subjects.lines().count(),
            2,
            "one commit per run that changed: {subjects}"
        );
    }

    let pruned = json(&fleet(d, &["--output", "json", "fleet", "prune"]));
    assert_eq!(pruned["versions_removed"], 1);
    let renormalized = json(&fleet(d, &["--output", "json", "fleet", "renormalize"]));
    assert_eq!(renormalized["changed"], 0);

    assert_eq!(sim.stop().code(), Some(0));
}

#[test]
fn fleet_usage_errors_exit_2_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("nbi.toml"),
        "[[fleet.devices]]\ntenant = \"acme\"\nsource = \"core-nms\"\nid = \"r1\"\n",
    )
    .unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["fleet", "status"], "run `nbi fleet backup` first"),
        (&["fleet", "show", "acme/r1"], "tenant/source/id"),
        (&["fleet", "backup"], "no [tenants.acme.core-nms]"),
        (
            &["fleet", "backup", "--device", "acme/core-nms/r9"],
            "not in the inventory",
        ),
        (&["fleet", "schedule"], "fleet.schedule"),
    ];
    for (args, expected) in cases {
        let out = fleet(d, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn schedule_serves_health_and_metrics_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nbi.toml"),
        "[settings.metrics]\nlisten = \"127.0.0.1:0\"\n\n[fleet]\nschedule = { cron = \"0 3 * * *\", timezone = \"Europe/Paris\" }\n\n[[fleet.devices]]\ntenant = \"acme\"\nsource = \"nms\"\nid = \"r1\"\n",
    )
    .unwrap();
    let mut daemon = crate::Daemon::start(
        dir.path(),
        &[
            "--config", "nbi.toml", "--output", "json", "fleet", "schedule",
        ],
        1,
    );
    let listening = &daemon.lines[0];
    assert_eq!(listening["event"], "listening", "{listening}");
    assert!(listening["next_run"].as_str().unwrap().ends_with('Z'));
    let health_url = listening["healthz"].as_str().unwrap();
    let base = health_url.trim_end_matches("/healthz");
    let health = http("GET", base, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains(r#""status":"starting""#), "{health}");
    let metrics = http("GET", base, "/metrics");
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert_eq!(daemon.stop().code(), Some(0));
}
