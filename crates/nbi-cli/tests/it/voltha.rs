//! `nbi voltha …` against `nbi sim --services voltha --write-config`, and `nbi fleet backup`
//! through the VOLTHA config source.

use std::path::Path;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--config", "nbi.toml", "--output", "json"];
    all.extend_from_slice(args);
    let out = nbi(dir, &all, &[]);
    assert!(out.status.success(), "nbi {args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn failing(dir: &Path, args: &[&str]) -> (i32, String) {
    let mut all = vec!["--config", "nbi.toml"];
    all.extend_from_slice(args);
    let out = nbi(dir, &all, &[]);
    (out.status.code().unwrap_or(-1), stderr(&out))
}

/// `voltha --tenant tenant-1` and `rest`.
fn with<'a>(rest: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["voltha", "--tenant", "tenant-1"];
    args.extend_from_slice(rest);
    args
}

#[test]
fn every_voltha_operation_runs_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("nbi.toml");
    let _sim = Sim::start_sim(
        &[
            "--services",
            "voltha",
            "--tenants",
            "2",
            "--devices",
            "1",
            "--write-config",
            config.to_str().unwrap(),
        ],
        2,
    );
    let d = dir.path();
    let (code, message) = failing(d, &["voltha", "devices", "list"]);
    assert_eq!(code, 2, "{message}");
    assert!(message.contains("tenant-1, tenant-2"), "{message}");
    let (code, _) = failing(d, &["voltha", "--tenant", "nobody", "health"]);
    assert_eq!(code, 2);

    let devices = json(d, &with(&["devices", "list"]));
    assert_eq!(devices.as_array().unwrap().len(), 3);
    let olt = devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["root"] == true)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(json(d, &with(&["devices", "get", &olt]))["type"], "openolt");
    assert_eq!(
        json(d, &with(&["devices", "ports", &olt]))
            .as_array()
            .unwrap()
            .len(),
        5
    );
    assert_eq!(
        json(d, &with(&["devices", "flows", &olt]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let pm = json(d, &with(&["devices", "pm-configs", &olt]));
    assert_eq!(pm["default_freq"], 150);
    let new_pm = r#"{"default_freq": 600, "grouped": false}"#;
    assert_eq!(
        json(d, &with(&["devices", "pm-configs", &olt, "--data", new_pm])),
        serde_json::json!({})
    );
    assert_eq!(
        json(d, &with(&["devices", "pm-configs", &olt]))["default_freq"],
        600
    );
    let onu = devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["root"] == false)
        .unwrap();
    let onu_id = onu["id"].as_str().unwrap();
    assert_eq!(
        json(d, &with(&["devices", "image-downloads", onu_id]))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let logical = json(d, &with(&["logical-devices", "list"]));
    let lid = logical[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        json(d, &with(&["logical-devices", "get", &lid]))["root_device_id"],
        olt.as_str()
    );
    assert_eq!(
        json(d, &with(&["logical-devices", "ports", &lid]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        json(d, &with(&["logical-devices", "flows", &lid]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        json(d, &with(&["logical-devices", "meters", &lid]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        json(d, &with(&["adapters", "list"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        json(d, &with(&["device-types", "list"]))
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        json(d, &with(&["device-types", "get", "openolt"]))["id"],
        "openolt"
    );
    assert_eq!(json(d, &with(&["health"]))["state"], "HEALTHY");

    // State machine errors are API failures (exit 1) naming the gRPC status.
    let (code, message) = failing(d, &with(&["devices", "enable", &olt]));
    assert_eq!(code, 1);
    assert!(message.contains("FAILED_PRECONDITION"), "{message}");
    let (code, _) = failing(
        d,
        &with(&["devices", "preprovision", "--data", "{not json"]),
    );
    assert_eq!(code, 2);

    let created = json(
        d,
        &with(&[
            "devices",
            "preprovision",
            "--data",
            r#"{"type":"openolt","host_and_port":"10.3.3.3:9191"}"#,
        ]),
    );
    assert_eq!(created["admin_state"], "PREPROVISIONED");
    let new = created["id"].as_str().unwrap();
    json(d, &with(&["devices", "enable", new]));
    json(d, &with(&["devices", "reboot", new]));
    json(d, &with(&["devices", "disable", new]));
    json(d, &with(&["devices", "delete", new]));
    let (code, _) = failing(d, &with(&["devices", "get", new]));
    assert_eq!(code, 1);

    let serial = [
        "--olt",
        &olt,
        "--port",
        "536870915",
        "--serial",
        "BRCM0000f00d",
    ];
    let provisioned = json(
        d,
        &[&with(&["onu", "provision", "--poll-ms", "1"]), &serial[..]].concat(),
    );
    assert_eq!(provisioned["oper_status"], "ACTIVE");
    json(
        d,
        &[&with(&["onu", "disable-serial"]), &serial[..]].concat(),
    );
    json(d, &[&with(&["onu", "enable-serial"]), &serial[..]].concat());
    let onu_new = provisioned["id"].as_str().unwrap();
    json(d, &with(&["onu", "disable", onu_new]));
    json(d, &with(&["onu", "enable", onu_new]));
    json(d, &with(&["devices", "delete", &olt, "--force"]));
    assert!(
        json(d, &with(&["devices", "list"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn fleet_backup_fetches_voltha_devices() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("nbi.toml");
    let _sim = Sim::start_sim(
        &[
            "--services",
            "voltha",
            "--tenants",
            "2",
            "--devices",
            "2",
            "--write-config",
            config.to_str().unwrap(),
        ],
        2,
    );
    let d = dir.path();
    let first = json(d, &["fleet", "backup"]);
    assert_eq!(first["devices"], 12);
    assert_eq!(first["changed"], 12);
    assert_eq!(first["failed"], 0);
    let second = json(d, &["fleet", "backup"]);
    assert_eq!(
        (second["changed"].clone(), second["unchanged"].clone()),
        (0.into(), 12.into())
    );
    let csv = std::fs::read_to_string(d.join("devices.csv")).unwrap();
    let id = csv
        .lines()
        .nth(1)
        .unwrap()
        .rsplit(',')
        .next()
        .unwrap()
        .to_owned();
    let out = nbi(
        d,
        &[
            "--config",
            "nbi.toml",
            "fleet",
            "show",
            &format!("tenant-1/voltha/{id}"),
        ],
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with(&format!("# VOLTHA device {id} (openolt)")));
}
