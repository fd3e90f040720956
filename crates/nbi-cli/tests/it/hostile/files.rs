//! Malformed `nbi.toml` and inventory files: each run exits 2 with a message naming the field
//! or line at fault, within bounded time and memory, whatever the file holds.

use std::time::Duration;

use super::run_bounded;

const MAX_RSS_MIB: u64 = 160;
const DEADLINE: Duration = Duration::from_secs(20);

/// Runs `nbi --config nbi.toml ARGS` in a folder holding `files`; asserts exit 2 and that
/// stderr mentions every one of `needles`.
fn refused(files: &[(&str, &[u8])], args: &[&str], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let mut all = vec!["--config", "nbi.toml"];
    all.extend_from_slice(args);
    let run = run_bounded(dir.path(), &all, DEADLINE);
    run.assert_typed_failure(2, MAX_RSS_MIB);
    for needle in needles {
        assert!(
            run.stderr.contains(needle),
            "expected {needle:?} in the message for {:?}:\n{}",
            files
                .iter()
                .map(|(name, bytes)| format!("{name}: {}", String::from_utf8_lossy(bytes)))
                .collect::<Vec<_>>(),
            run.stderr
        );
    }
}

fn settings_refused(toml: &str, needles: &[&str]) {
    refused(
        &[("nbi.toml", toml.as_bytes())],
        &["config", "show"],
        needles,
    );
}

const SERVICE: &str = "[tenants.acme.nms]\nkind = \"http-json\"\nurl = \"http://127.0.0.1:9\"\n\
                       config_path = \"/devices/{id}\"\n";

#[test]
fn broken_settings_files_name_the_field_or_line() {
    settings_refused("[settings]\nlog_format = \"json\n", &["line 2"]);
    settings_refused(
        "[tenants.acme.netbox]\nurl = 3\n",
        &["tenants.acme.netbox.url"],
    );
    settings_refused(
        "[tenants.acme.netbox]\nurl = \"http://x\"\nauth = { scheme = \"token\", token = \"plain\" }\n",
        &["tenants.acme.netbox.auth"],
    );
    settings_refused(
        &format!("{SERVICE}retry = {{ max_attempts = \"many\" }}\n"),
        &["tenants.acme.nms.retry.max_attempts"],
    );
    settings_refused(
        "[tenants.\"ACME corp\".netbox]\nurl = \"http://x\"\n",
        &["ACME corp"],
    );
    settings_refused(
        &format!("{SERVICE}timeouts = {{ get = -1.0 }}\n"),
        &["tenants.acme.nms.timeouts"],
    );
}

#[test]
fn hostile_settings_files_are_refused_in_bounded_time_and_memory() {
    // 10,000-deep arrays and inline tables: the parser must not recurse into the stack's end.
    let deep_array = format!("x = {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    settings_refused(&deep_array, &["nbi.toml", "line 1", "recursion limit"]);
    let deep_table = format!("x = {}1{}\n", "{ a = ".repeat(10_000), " }".repeat(10_000));
    settings_refused(&deep_table, &["nbi.toml", "line 1", "recursion limit"]);
    let dotted = format!("{} = 1\n", vec!["a"; 10_000].join("."));
    settings_refused(&dotted, &["nbi.toml"]);
    // Not UTF-8.
    refused(
        &[("nbi.toml", b"[settings]\nlog_format = \"\xff\xfe\"\n")],
        &["config", "show"],
        &["nbi.toml", "line 2 is not UTF-8"],
    );
}

fn inventory_refused(fleet: &str, csv: &[u8], needles: &[&str]) {
    let toml = format!("[settings]\nallow_insecure_http = true\n\n{SERVICE}\n{fleet}");
    refused(
        &[("nbi.toml", toml.as_bytes()), ("devices.csv", csv)],
        &["fleet", "backup"],
        needles,
    );
}

#[test]
fn broken_inventories_name_the_line_or_field() {
    let csv_fleet = "[fleet]\ninventory = \"devices.csv\"\n";
    inventory_refused(
        csv_fleet,
        b"tenant,source,id\nacme,nms,r1\nacme,nms,../../etc/passwd\n",
        &["devices.csv:3"],
    );
    inventory_refused(
        csv_fleet,
        b"tenant,source,id\nacme,nms\n",
        &["devices.csv:2"],
    );
    inventory_refused(
        csv_fleet,
        b"tenant,source,id\nacme,nms,r\xff1\n",
        &["devices.csv:2", "UTF-8"],
    );
    inventory_refused(
        csv_fleet,
        format!("tenant,source,id\nacme,nms,{}/\n", "r".repeat(1 << 20)).as_bytes(),
        &["devices.csv:2"],
    );
    inventory_refused(
        "[[fleet.devices]]\ntenant = \"acme\"\nsource = \"nms\"\n",
        b"",
        &["fleet.devices"],
    );
    inventory_refused(
        "[[fleet.devices]]\ntenant = \"acme\"\nsource = \"nms\"\nid = \"..\"\n",
        b"",
        &["fleet.devices"],
    );
    inventory_refused(
        "[[fleet.devices]]\ntenant = \"nobody\"\nsource = \"nms\"\nid = \"r1\"\n",
        b"",
        &["nobody"],
    );
}
