//! `nbi ofsc …` against `nbi sim --services ofsc --write-config`: tenant-1 on basic auth,
//! tenant-2 on OAuth 2, both written with `instance` and a client id without `@instance`.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::{Sim, nbi, stderr, stdout};

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--config", "nbi.toml", "--output", "json", "ofsc"];
    all.extend_from_slice(args);
    nbi(dir, &all, &[])
}

/// `nbi ofsc ARGS`, which must succeed; its JSON.
fn ok(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)))
}

#[test]
fn every_area_answers_json_for_both_auth_schemes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("nbi.toml");
    let _sim = Sim::start_sim(
        &[
            "--services",
            "ofsc",
            "--tenants",
            "2",
            "--devices",
            "4",
            "--write-config",
            config.to_str().unwrap(),
        ],
        2,
    );
    for tenant in ["tenant-1", "tenant-2"] {
        let t = ["--tenant", tenant];
        fn joined<'a>(t: &[&'a str], args: &[&'a str]) -> Vec<&'a str> {
            [t, args].concat()
        }
        let with = |args: &[&'static str]| joined(&t, args);
        let capacity = ok(
            d,
            &with(&[
                "capacity",
                "get",
                "--dates",
                "2025-06-25",
                "--areas",
                "FLUSA,CAUSA",
            ]),
        );
        assert_eq!(
            capacity["items"][0]["areas"].as_array().unwrap().len(),
            2,
            "{tenant}"
        );
        let found = ok(
            d,
            &with(&[
                "activities",
                "search",
                "--resources",
                "FLUSA",
                "--include-children",
                "all",
                "--date-from",
                "2025-06-24",
                "--date-to",
                "2025-06-26",
                "--limit",
                "5",
            ]),
        );
        assert_eq!(
            found.as_array().unwrap().len(),
            12,
            "two FLUSA technicians × 2 × 3 days"
        );
        assert_eq!(found[0]["XA_NOTES"], "seeded", "unknown fields kept");
        let started = ok(d, &with(&["activities", "action", "4225001", "start"]));
        assert_eq!(started["status"], "started");
        let created = ok(
            d,
            &with(&[
                "activities",
                "create",
                "--data",
                r#"{"activityType":"INSTALL","resourceId":"tech-002"}"#,
            ]),
        );
        let id = created["activityId"].to_string();
        assert_eq!(
            ok(d, &joined(&t, &["activities", "delete", &id]))["deleted"],
            id
        );
        assert_eq!(
            ok(d, &with(&["resources", "children", "CAUSA"]))
                .as_array()
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            ok(d, &with(&["users", "list", "--limit", "1"]))
                .as_array()
                .unwrap()
                .len(),
            4
        );
        let sub = ok(
            d,
            &with(&[
                "events",
                "subscribe",
                "--data",
                r#"{"events":["activityCreated"]}"#,
            ]),
        );
        assert!(sub["subscriptionId"].is_string());
        assert_eq!(
            ok(d, &with(&["work-zones", "list", "--limit", "2"]))
                .as_array()
                .unwrap()
                .len(),
            6
        );
        assert_eq!(
            ok(d, &with(&["capacity-areas", "get", "FLUSA"]))["label"],
            "FLUSA"
        );
        let quota = ok(
            d,
            &with(&["capacity", "quota", "--dates", "2025-06-25", "--v2"]),
        );
        assert!(quota["items"][0]["areas"][0]["maxAvailable"].is_number());
    }
    let two = run(d, &["users", "list"]);
    assert_eq!(two.status.code(), Some(2), "two tenants: --tenant needed");
    assert!(stderr(&two).contains("tenant-2"), "{}", stderr(&two));
    let bad = run(
        d,
        &[
            "--tenant",
            "tenant-1",
            "capacity",
            "get",
            "--dates",
            "2025/06/25",
        ],
    );
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("dates"));
    let missing = run(d, &["--tenant", "tenant-1", "activities", "get", "1"]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
}
