//! `nbi demo`: two backups with changes between, one diff, a store and a report; exit 0.

use crate::{nbi, stderr};

#[test]
fn the_demo_backs_up_twice_and_finds_exactly_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = nbi(
        dir.path(),
        &[
            "--output",
            "json",
            "demo",
            "--devices",
            "20",
            "--changes",
            "4",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let runs = doc["runs"].as_array().unwrap();
    assert_eq!(runs[0]["devices"], 60);
    assert_eq!(runs[0]["changed"], 60);
    assert_eq!(runs[1]["changed"], 4, "{doc}");
    assert_eq!(runs[1]["unchanged"], 56);
    assert!(doc["diff"]["diff"].as_str().unwrap().starts_with("--- "));
    assert!(dir.path().join("nbi-demo.db").exists());
    let html = std::fs::read_to_string(dir.path().join("nbi-demo.html")).unwrap();
    assert!(html.contains("<svg"));
}
