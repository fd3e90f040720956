//! `nbi cms …` against `nbi sim --services cms`: JSON out, exit codes, fleet backup through the
//! cms source, and a logout when interrupted.

use std::time::{Duration, Instant};

use crate::{Daemon, Sim, nbi, stderr, stdout};

fn lab(extra: &[&str]) -> (tempfile::TempDir, String, Sim) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("nbi.toml").to_str().unwrap().to_owned();
    let mut args = vec![
        "--services",
        "cms",
        "--tenants",
        "1",
        "--devices",
        "3",
        "--write-config",
        &config,
    ];
    args.extend_from_slice(extra);
    let sim = Sim::start_sim(&args, 1);
    (dir, config, sim)
}

fn sessions(sim: &Sim) -> serde_json::Value {
    let url = sim.lines[0]["url"].as_str().unwrap();
    let out = std::process::Command::new("curl")
        .args(["-s", &format!("{url}/_sim/cms/sessions")])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ont_commands_print_json_and_map_errors_to_exit_codes() {
    let (dir, config, _sim) = lab(&[]);
    let run = |args: &[&str]| {
        let mut all = vec!["--config", config.as_str()];
        all.extend_from_slice(args);
        nbi(dir.path(), &all, &[])
    };
    let out = run(&["cms", "ont", "get", "--node", "olt-1", "2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ont: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(ont["id"], 2);
    assert_eq!(ont["subscriber_id"], "SUB000002");

    let out = run(&[
        "cms",
        "ont",
        "create",
        "--node",
        "NTWK-olt-2",
        "--data",
        r#"{"ont_profile":5,"serial":"ABCDEF"}"#,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let created: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (created["id"].as_u64(), created["serial"].as_str()),
        (Some(1), Some("ABCDEF"))
    );

    let out = run(&["cms", "ont", "list", "--node", "olt-1"]);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3);

    let out = run(&[
        "cms",
        "ont",
        "create",
        "--node",
        "olt-1",
        "--data",
        r#"{"ont_profile":1,"id":1}"#,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("Ont 1 already exists"),
        "{}",
        stderr(&out)
    );

    let out = run(&[
        "cms", "ont", "swap", "--node", "olt-1", "1", "--serial", "XYZ",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("serial:"), "{}", stderr(&out));

    let out = run(&["cms", "rest", "profiles", "--profile-type", "OntProf"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = run(&["--output", "json", "fleet", "backup"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (report["devices"].as_u64(), report["failed"].as_u64()),
        (Some(3), Some(0))
    );
    let out = run(&["fleet", "show", "tenant-1/cms/NTWK-olt-1:2"]);
    assert!(
        stdout(&out).starts_with("node NTWK-olt-1\nont 2\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_interrupted_command_logs_its_session_out() {
    let (dir, config, sim) = lab(&["--latency-ms", "700"]);
    let mut cmd = Daemon::start(
        dir.path(),
        &["--config", &config, "cms", "ont", "list", "--node", "olt-1"],
        0,
    );
    let started = Instant::now();
    while sessions(&sim)["logins"]["tenant-1"].as_u64().unwrap_or(0) < 2 {
        // One login was made by --write-config's listing; wait for the command's own.
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the command never logged in"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &cmd.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = cmd.child.wait().unwrap();
    assert_eq!(exit.code(), Some(130));
    let counts = sessions(&sim);
    assert_eq!(counts["active"], 0, "{counts}");
    assert_eq!(counts["logouts"], 2, "{counts}");
}
