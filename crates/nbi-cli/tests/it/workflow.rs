//! `nbi workflow run|status` against `nbi sim`: a run through `core.http` and `core.wait`,
//! its status, a failed run resumed without redoing its finished steps, the refusals, and the
//! example slice deployment against the MANO simulator.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

/// The workflow: bump device r0001's revision while a wait runs beside it, fetch its config
/// after both, then check the revision is exactly 1 — which holds only if the bump ran once.
const WORKFLOW: &str = r#"
name: bump-and-check
tenant: tenant-1
steps:
  - id: bump
    action: core.http
    with: { service: nms, method: POST, path: /_sim/devices/tenant-1/r0001/change }
  - id: settle
    action: core.wait
    with: { seconds: 0.05 }
  - id: fetch
    action: core.http
    needs: [bump, settle]
    with: { service: nms, path: /api/v1/devices/r0001/config }
    retry: { attempts: 2, backoff_s: 0.01 }
    timeout_s: 20
  - id: check
    action: core.assert
    needs: [fetch]
    with: { actual: "${fetch.body.json_metadata.revision}", equals: 1, message: "one bump" }
"#;

/// `nbi --config nbi.toml --set <one try per request> ARGS` in `dir`.
fn workflow(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec![
        "--config",
        "nbi.toml",
        "--set",
        "tenants.tenant-1.nms.retry.max_attempts=1",
    ];
    all.extend_from_slice(args);
    nbi(dir, &all, &[])
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(out), stderr(out)))
}

/// `PUT /_sim/faults` with `body`.
fn set_faults(base_url: &str, body: &str) {
    let address = base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "PUT /_sim/faults HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

fn statuses(report: &Value) -> Vec<(String, String)> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_owned(),
                s["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn start_sim(dir: &Path) -> Sim {
    let config = dir.join("nbi.toml");
    let sim = Sim::start_sim(
        &[
            "--devices",
            "2",
            "--seed",
            "5",
            "--write-config",
            config.to_str().unwrap(),
        ],
        1,
    );
    std::fs::write(dir.join("bump.yaml"), WORKFLOW).unwrap();
    sim
}

#[test]
fn a_workflow_runs_against_the_simulator_and_its_status_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _sim = start_sim(d);

    let run = workflow(d, &["--output", "json", "workflow", "run", "bump.yaml"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
    let report = json(&run);
    assert_eq!(report["run_id"], 1);
    assert_eq!(report["name"], "bump-and-check");
    assert_eq!(report["status"], "succeeded");
    assert!(
        statuses(&report).iter().all(|(_, s)| s == "succeeded"),
        "{report}"
    );
    assert!(report["steps"][0]["duration_s"].as_f64().unwrap() > 0.0);
    assert!(report["steps"][0].get("error").is_none());
    // The store sits beside the settings file.
    assert!(d.join("nbi-workflow.db").exists());

    let status = workflow(d, &["workflow", "status", "1"]);
    assert_eq!(status.status.code(), Some(0), "{}", stderr(&status));
    let text = stdout(&status);
    assert!(
        text.starts_with("run 1 bump-and-check: succeeded\nSTEP"),
        "{text}"
    );
    assert!(text.contains("check   succeeded  1"), "{text}");
    let status = workflow(d, &["--output", "json", "workflow", "status", "1"]);
    assert_eq!(json(&status), report);
}

#[test]
fn a_failed_run_resumes_without_redoing_finished_steps() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sim = start_sim(d);
    let url = sim.lines[0]["url"].as_str().unwrap().to_owned();

    // Every API request answers 503 (the /_sim routes, such as the bump, are never faulted).
    set_faults(&url, r#"{"fail_rate": 1.0}"#);
    let failed = workflow(d, &["--output", "json", "workflow", "run", "bump.yaml"]);
    assert_eq!(
        failed.status.code(),
        Some(1),
        "{}{}",
        stdout(&failed),
        stderr(&failed)
    );
    let report = json(&failed);
    assert_eq!(report["status"], "failed");
    let expected: Vec<(String, String)> = [
        ("bump", "succeeded"),
        ("settle", "succeeded"),
        ("fetch", "failed"),
        ("check", "skipped"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(statuses(&report), expected);
    assert_eq!(report["steps"][2]["attempts"], 2);
    assert!(
        report["steps"][2]["error"]
            .as_str()
            .unwrap()
            .contains("503"),
        "{report}"
    );

    set_faults(&url, "{}");
    let resumed = workflow(
        d,
        &[
            "--output",
            "json",
            "workflow",
            "run",
            "bump.yaml",
            "--resume",
            "1",
        ],
    );
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "{}{}",
        stdout(&resumed),
        stderr(&resumed)
    );
    let report = json(&resumed);
    // Run 1 again, and the revision is 1: the bump was not redone.
    assert_eq!(
        (report["run_id"].as_u64(), report["status"].as_str()),
        (Some(1), Some("succeeded"))
    );

    // A changed file is refused, naming why; nothing runs.
    std::fs::write(d.join("bump.yaml"), WORKFLOW.replace("0.05", "0.06")).unwrap();
    let changed = workflow(d, &["workflow", "run", "bump.yaml", "--resume", "1"]);
    assert_eq!(changed.status.code(), Some(2));
    assert!(
        stderr(&changed).contains("cannot resume run 1: its definition has changed"),
        "{}",
        stderr(&changed)
    );
}

#[test]
fn bad_workflows_and_unknown_runs_exit_2_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("nbi.toml"), "[workflow]\nstore = \"state/wf.db\"\n").unwrap();
    let missing = nbi(d, &["workflow", "status", "1"], &[]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no workflow store at"),
        "{}",
        stderr(&missing)
    );
    let cases = [
        (
            "name: x\ntenant: acme\nsteps:\n  - { id: a, action: core.wait, with: { seconds: 1 }, needs: [b] }\n  - { id: b, action: core.wait, with: { seconds: 1 }, needs: [a] }\n",
            "dependency cycle: a -> b -> a",
        ),
        (
            "name: x\ntenant: acme\nsteps:\n  - { id: a, action: core.wait, needs: [zz] }\n",
            "steps[a].needs: unknown step `zz`",
        ),
        (
            "name: x\ntenant: acme\nsteps:\n  - { id: a, action: core.sleep }\n",
            "steps[a].action: unknown action `core.sleep`",
        ),
        (
            "name: x\ntenant: acme\nsteps:\n  - { id: a, action: core.wait, with: { seconds: 1 }, retries: 3 }\n",
            "unknown field `retries`",
        ),
    ];
    for (text, expected) in cases {
        std::fs::write(d.join("bad.yaml"), text).unwrap();
        let out = nbi(d, &["workflow", "run", "bad.yaml"], &[]);
        assert_eq!(out.status.code(), Some(2), "{expected}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{expected}: {}",
            stderr(&out)
        );
    }

    std::fs::write(
        d.join("ok.yaml"),
        "name: x\ntenant: acme\nsteps:\n  - { id: a, action: core.wait, with: { seconds: 0 } }\n",
    )
    .unwrap();
    let ok = nbi(d, &["workflow", "run", "ok.yaml"], &[]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(
        d.join("state/wf.db").exists(),
        "[workflow] store is honoured"
    );
    let unknown = nbi(d, &["workflow", "status", "9"], &[]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no workflow run 9 in the store"),
        "{}",
        stderr(&unknown)
    );
    let unknown_key = nbi(
        d,
        &["--set", "workflow.stor=x", "workflow", "status", "1"],
        &[],
    );
    assert_eq!(
        unknown_key.status.code(),
        Some(2),
        "{}",
        stderr(&unknown_key)
    );
}

#[test]
fn sigterm_stops_the_run_records_it_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("nbi.toml"), "").unwrap();
    std::fs::write(
        d.join("long.yaml"),
        "name: long\ntenant: acme\nsteps:\n  - { id: first, action: core.wait, with: { seconds: 0 } }\n  - { id: long, action: core.wait, needs: [first], with: { seconds: 600 } }\n  - { id: after, action: core.wait, needs: [long], with: { seconds: 0 } }\n",
    )
    .unwrap();
    let mut run = crate::Daemon::start(
        d,
        &["--config", "nbi.toml", "workflow", "run", "long.yaml"],
        0,
    );
    // Wait until `long` is running.
    let started = std::time::Instant::now();
    loop {
        let status = nbi(
            d,
            &[
                "--config", "nbi.toml", "--output", "json", "workflow", "status", "1",
            ],
            &[],
        );
        if status.status.success() && json(&status)["steps"][1]["status"] == "running" {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{}",
            stderr(&status)
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(run.stop().code(), Some(130));
    let status = nbi(
        d,
        &[
            "--config", "nbi.toml", "--output", "json", "workflow", "status", "1",
        ],
        &[],
    );
    let report = json(&status);
    assert_eq!(report["status"], "cancelled");
    let expected: Vec<(String, String)> = [
        ("first", "succeeded"),
        ("long", "cancelled"),
        ("after", "pending"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(statuses(&report), expected);
}

#[test]
fn the_example_slice_deployment_runs_against_the_mano_simulator() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("nbi.toml");
    let sim = Sim::start_sim(
        &[
            "--services",
            "mano",
            "--write-config",
            config.to_str().unwrap(),
        ],
        1,
    );
    crate::mano::deploy_seconds(sim.lines[0]["url"].as_str().unwrap(), 2);
    let file =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/workflows/deploy-slice.yaml");
    let run = nbi(
        d,
        &[
            "--config",
            "nbi.toml",
            "--output",
            "json",
            "workflow",
            "run",
            file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}{}",
        stdout(&run),
        stderr(&run)
    );
    let report = json(&run);
    assert_eq!(report["name"], "deploy-slice");
    assert!(
        statuses(&report).iter().all(|(_, s)| s == "succeeded"),
        "{report}"
    );
    // `deployed` succeeds only once the deployment completed; `sla` checked its metrics.
    assert_eq!(
        statuses(&report)
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>(),
        [
            "intent", "plan", "deploy", "vnfs", "agents", "tn", "deployed", "metrics", "sla"
        ]
    );

    // The intent was created once: three seeded, plus this one.
    let intents = nbi(
        d,
        &[
            "--config", "nbi.toml", "--output", "json", "mano", "intents", "list",
        ],
        &[],
    );
    assert_eq!(intents.status.code(), Some(0), "{}", stderr(&intents));
    assert_eq!(json(&intents).as_array().unwrap().len(), 4);
}
