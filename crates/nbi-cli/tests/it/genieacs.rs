//! `nbi genieacs …` and `nbi fleet backup` through the GenieACS source, against
//! `nbi sim --services genieacs --write-config`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--config", "nbi.toml", "--output", "json"];
    all.extend_from_slice(args);
    nbi(dir, &all, &[])
}

/// `nbi genieacs --tenant tenant-1 ARGS`, which must succeed; its JSON.
fn acs(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["genieacs", "--tenant", "tenant-1"];
    all.extend_from_slice(args);
    let out = run(dir, &all);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

fn start(dir: &Path) -> Sim {
    let config = dir.join("nbi.toml");
    Sim::start_sim(
        &[
            "--services",
            "genieacs",
            "--tenants",
            "2",
            "--devices",
            "5",
            "--write-config",
            config.to_str().unwrap(),
        ],
        2,
    )
}

fn post(base_url: &str, path: &str) {
    let address = base_url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[test]
fn every_area_answers_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _sim = start(d);

    let lab = acs(
        d,
        &[
            "devices",
            "list",
            "--tag",
            "lab",
            "--query-gt",
            "_lastInform=2025-05-01T00:00:00Z",
            "--projection",
            "_id,_tags",
            "--sort",
            "_id:-1",
            "--page-size",
            "1",
        ],
    );
    let ids: Vec<&str> = lab
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["202BC1-BM632w-000001", "00259E-HG8245Q2-000004"]);
    let raw = acs(
        d,
        &[
            "devices",
            "list",
            "--query",
            r#"{"_deviceId._OUI": "E8F1B0"}"#,
            "--count",
        ],
    );
    assert_eq!(raw["total"], 1);
    let escaped = acs(d, &["devices", "get", "A4B1E9-FAST%205670-000003"]);
    assert_eq!(escaped["_deviceId"]["_ProductClass"], "FAST 5670");
    acs(d, &["devices", "tag", "202BC1-BM632w-000005", "gold"]);
    let gold = acs(
        d,
        &[
            "devices",
            "list",
            "--query-eq",
            "_tags=gold",
            "--projection",
            "_id",
        ],
    );
    assert_eq!(gold.as_array().unwrap().len(), 1);
    acs(d, &["devices", "untag", "202BC1-BM632w-000005", "gold"]);

    let set = acs(
        d,
        &[
            "tasks",
            "set-parameter-values",
            "202BC1-BM632w-000001",
            "InternetGatewayDevice.ManagementServer.PeriodicInformInterval=900",
            "--connection-request",
            "--timeout-ms",
            "2000",
        ],
    );
    assert_eq!(set["outcome"], "executed");
    let device = acs(
        d,
        &[
            "devices",
            "get",
            "202BC1-BM632w-000001",
            "--projection",
            "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
        ],
    );
    assert_eq!(
        device["InternetGatewayDevice"]["ManagementServer"]["PeriodicInformInterval"]["_value"],
        900
    );
    let queued = acs(
        d,
        &[
            "tasks",
            "create",
            "00259E-HG8245Q2-000004",
            "--name",
            "refreshObject",
            "--data",
            r#"{"objectName": "InternetGatewayDevice.WANDevice"}"#,
        ],
    );
    assert_eq!(queued["outcome"], "queued");
    let task_id = queued["task"]["_id"].as_str().unwrap().to_owned();
    acs(d, &["tasks", "retry", &task_id]);
    acs(d, &["tasks", "delete", &task_id]);
    let missed = run(
        d,
        &[
            "genieacs",
            "--tenant",
            "tenant-1",
            "tasks",
            "reboot",
            "00259E-HG8245Q2-000004",
            "--connection-request",
        ],
    );
    assert_eq!(
        missed.status.code(),
        Some(1),
        "a missed connection request exits 1"
    );
    let missed: Value = serde_json::from_slice(&missed.stdout).unwrap();
    assert_eq!(missed["outcome"], "connection_request_failed");

    let faults = acs(d, &["faults", "list"]);
    let fault_id = faults[0]["_id"].as_str().unwrap().to_owned();
    acs(d, &["faults", "delete", &fault_id]);
    acs(
        d,
        &[
            "presets",
            "put",
            "wifi",
            "--data",
            r#"{"weight": 5, "provision": "wifi"}"#,
        ],
    );
    assert_eq!(
        acs(d, &["presets", "list", "--query-eq", "_id=wifi"])[0]["weight"],
        5
    );
    acs(d, &["presets", "delete", "wifi"]);
    acs(
        d,
        &["objects", "put", "guest", "--data", r#"{"SSID": "guest"}"#],
    );
    assert_eq!(acs(d, &["objects", "list", "--count"])["total"], 1);
    acs(d, &["objects", "delete", "guest"]);
    acs(
        d,
        &[
            "provisions",
            "put",
            "wifi",
            "--script",
            "declare(\"x\", {value: 1});",
        ],
    );
    acs(
        d,
        &[
            "virtual-parameters",
            "put",
            "one",
            "--script",
            "return {writable: false, value: [1, \"xsd:int\"]};",
        ],
    );
    assert_eq!(
        acs(d, &["virtual-parameters", "list", "--count"])["total"],
        2
    );
    acs(d, &["provisions", "delete", "wifi"]);
    acs(d, &["virtual-parameters", "delete", "one"]);
    std::fs::write(d.join("fw.bin"), b"firmware").unwrap();
    let fw = d.join("fw.bin");
    acs(
        d,
        &[
            "files",
            "put",
            "fw.bin",
            "--file",
            fw.to_str().unwrap(),
            "--file-type",
            "1 Firmware Upgrade Image",
            "--version",
            "3.0",
        ],
    );
    assert_eq!(
        acs(d, &["files", "list", "--query-eq", "_id=fw.bin"])[0]["length"],
        8
    );
    acs(d, &["files", "delete", "fw.bin"]);
    assert!(
        acs(d, &["ping", "10.0.0.1"])["output"]
            .as_str()
            .unwrap()
            .contains("3 received")
    );

    let bad = run(
        d,
        &[
            "genieacs",
            "--tenant",
            "tenant-1",
            "provisions",
            "put",
            "x",
            "--script",
            "if (a) {",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("SyntaxError"), "{}", stderr(&bad));
    let ambiguous = run(d, &["genieacs", "devices", "list"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("--tenant tenant-2"),
        "{}",
        stderr(&ambiguous)
    );
    let usage = run(
        d,
        &[
            "genieacs",
            "--tenant",
            "tenant-1",
            "devices",
            "list",
            "--query-eq",
            "novalue",
        ],
    );
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn fleet_backup_reads_parameter_trees() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sim = start(d);
    let url = sim.lines[0]["url"].as_str().unwrap().to_owned();

    let first = run(d, &["fleet", "backup"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let first: Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(
        (first["changed"].as_u64(), first["failed"].as_u64()),
        (Some(8), Some(0)),
        "{first}"
    );

    let csv = std::fs::read_to_string(d.join("devices.csv")).unwrap();
    for line in csv.lines().skip(1) {
        let mut cells = line.split(',');
        let (tenant, _, id) = (cells.next().unwrap(), cells.next(), cells.next().unwrap());
        post(
            &url,
            &format!("/_sim/genieacs/{tenant}/devices/{id}/inform"),
        );
    }
    post(
        &url,
        "/_sim/genieacs/tenant-1/devices/E8F1B0-AX3000-000002/change",
    );
    let second = run(d, &["fleet", "backup"]);
    let second: Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(
        (second["changed"].as_u64(), second["unchanged"].as_u64()),
        (Some(1), Some(7)),
        "{second}"
    );

    let shown = nbi(
        d,
        &[
            "--config",
            "nbi.toml",
            "fleet",
            "show",
            "tenant-1/genieacs/E8F1B0-AX3000-000002",
        ],
        &[],
    );
    let text = stdout(&shown);
    assert!(
        text.contains("Device.WiFi.SSID.1.SSID = SAGEMCOM-0002-v2"),
        "{text}"
    );
    assert!(!text.contains("UpTime"), "{text}");
}
