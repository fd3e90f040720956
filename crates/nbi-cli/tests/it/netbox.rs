//! `nbi netbox …` and a NetBox-driven `nbi fleet backup` against `nbi sim --services
//! nms,netbox --write-config`.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--config", "nbi.toml"];
    all.extend_from_slice(args);
    nbi(dir, &all, &[])
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(out), stderr(out)))
}

fn start(dir: &Path) -> Sim {
    let config = dir.join("nbi.toml");
    Sim::start_sim(
        &[
            "--services",
            "nms,netbox",
            "--tenants",
            "2",
            "--devices",
            "6",
            "--seed",
            "3",
            "--write-config",
            config.to_str().unwrap(),
        ],
        4,
    )
}

#[test]
fn every_operation_answers_json_and_failures_exit_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _sim = start(d);

    let routers = run(
        d,
        &[
            "netbox",
            "--tenant",
            "tenant-1",
            "list",
            "dcim/devices",
            "--filter",
            "role=router",
            "--limit",
            "1",
        ],
    );
    assert!(routers.status.success(), "{}", stderr(&routers));
    let routers = json(&routers);
    let names: Vec<&str> = routers
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["r0001", "r0002", "r0005", "r0006"],
        "every page, one array"
    );

    let ambiguous = run(d, &["netbox", "list", "dcim/devices"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert!(
        stderr(&ambiguous).contains("tenant-1, tenant-2"),
        "{}",
        stderr(&ambiguous)
    );

    fn with<'a>(rest: &[&'a str]) -> Vec<&'a str> {
        [&["netbox", "--tenant", "tenant-2"][..], rest].concat()
    }
    let site = json(&run(
        d,
        &with(&[
            "create",
            "dcim/sites",
            "--data",
            r#"{"name":"lab","slug":"lab"}"#,
        ]),
    ));
    let id = site["id"].to_string();
    assert_eq!(
        json(&run(d, &with(&["get", "dcim/sites", &id])))["slug"],
        "lab"
    );
    let put = json(&run(
        d,
        &with(&[
            "update",
            "dcim/sites",
            &id,
            "--data",
            r#"{"name":"lab2","slug":"lab2"}"#,
        ]),
    ));
    assert_eq!(put["name"], "lab2");
    let deleted = run(d, &with(&["delete", "dcim/sites", &id]));
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    let missing = run(d, &with(&["get", "dcim/sites", &id]));
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("No Site matches the given query."),
        "{}",
        stderr(&missing)
    );

    let free = json(&run(d, &with(&["available-ips", "3"])));
    assert_eq!(free.as_array().unwrap().len(), 4);
    let taken = json(&run(d, &with(&["available-ips", "3", "--allocate", "3"])));
    assert_eq!(taken[0]["address"], "10.2.2.3/29");
    let exhausted = run(
        d,
        &with(&["--output", "json", "available-ips", "3", "--allocate", "2"]),
    );
    assert_eq!(exhausted.status.code(), Some(1));
    assert_eq!(json(&exhausted)["error"]["kind"], "status");

    let rendered = json(&run(d, &with(&["render-config", "r0003"])));
    assert!(
        rendered["content"]
            .as_str()
            .unwrap()
            .contains("hostname r0003"),
        "{rendered}"
    );
    assert_eq!(json(&run(d, &with(&["status"])))["netbox-version"], "4.5.0");
    let bad = run(d, &with(&["create", "dcim/sites", "--data", "{not json"]));
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn fleet_backup_takes_its_inventory_from_netbox() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let _sim = start(d);
    let written = std::fs::read_to_string(d.join("nbi.toml")).unwrap();
    assert!(written.contains("[tenants.tenant-1.netbox]"), "{written}");
    let csv = std::fs::read_to_string(d.join("devices.csv")).unwrap();
    assert!(csv.contains("tenant-2,netbox,r0006"), "{csv}");
    let config = written.replace(
        "[fleet]\ninventory = \"devices.csv\"\n",
        "[fleet]\n\n[[fleet.inventory.netbox]]\ntenant = \"tenant-1\"\nsource = \"nms\"\nfilter = { role = \"router\" }\nid = \"name\"\n\n[[fleet.inventory.netbox]]\ntenant = \"tenant-2\"\nsource = \"netbox\"\nfilter = { role = [\"olt\", \"switch\"] }\nid = \"pk\"\n",
    );
    std::fs::write(d.join("nbi.toml"), config).unwrap();

    let first = run(d, &["--output", "json", "fleet", "backup"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let report = json(&first);
    assert_eq!(
        (
            report["devices"].as_u64(),
            report["changed"].as_u64(),
            report["failed"].as_u64()
        ),
        (Some(6), Some(6), Some(0)),
        "{report}"
    );
    let shown = run(d, &["fleet", "show", "tenant-2/netbox/3"]);
    assert!(
        stdout(&shown).contains("hostname r0003"),
        "{}",
        stdout(&shown)
    );
    let nms = run(d, &["fleet", "show", "tenant-1/nms/r0005"]);
    assert!(nms.status.success(), "{}", stderr(&nms));

    let serial = run(
        d,
        &[
            "netbox",
            "--tenant",
            "tenant-2",
            "patch",
            "dcim/devices",
            "4",
            "--data",
            r#"{"serial":"RMA-7"}"#,
        ],
    );
    assert!(serial.status.success(), "{}", stderr(&serial));
    let second = json(&run(d, &["--output", "json", "fleet", "backup"]));
    assert_eq!(
        (second["changed"].as_u64(), second["unchanged"].as_u64()),
        (Some(1), Some(5)),
        "{second}"
    );
}
