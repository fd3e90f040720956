//! `nbi sim`: starts, prints one JSON line per (service, tenant), writes a working nbi.toml,
//! and exits 0 on SIGTERM.

use crate::{Sim, nbi};

#[test]
fn sim_serves_until_sigterm_and_writes_a_working_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("lab").join("nbi.toml");
    let config_arg = config.to_str().unwrap();
    let mut sim = Sim::start_sim(
        &[
            "--tenants",
            "5",
            "--devices",
            "3",
            "--seed",
            "7",
            "--write-config",
            config_arg,
        ],
        5,
    );
    let mut seen = Vec::new();
    for v in &sim.lines {
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

    let status = sim.stop();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn impossible_rates_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = nbi(dir.path(), &["sim", "--fail-rate", "1.5"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fail-rate"));
}
