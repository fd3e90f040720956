//! `nbi config show` and `nbi config check`.

use std::path::Path;

use crate::{nbi, stderr, stdout};

const SETTINGS: &str = r#"
[tenants.acme.netbox]
url = "https://netbox.acme.example"
auth = { scheme = "token", token = { env = "ACME_NETBOX_TOKEN" } }

[tenants.acme.core-nms]
kind = "http-json"
url = "https://nms.acme.example"
auth = { scheme = "session", username = "nbi", password = { env = "ACME_NMS_PASSWORD" } }
"#;

fn dir_with(settings: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("nbi.toml"), settings).unwrap();
    dir
}

fn row<'a>(text: &'a str, path: &str) -> &'a str {
    text.lines()
        .find(|l| l.split_whitespace().next() == Some(path))
        .unwrap_or_else(|| panic!("no {path} in:\n{text}"))
}

#[test]
fn show_names_the_environment_as_the_source_of_an_override() {
    let dir = dir_with(SETTINGS);
    let out = nbi(
        dir.path(),
        &["config", "show"],
        &[("NBI__TENANTS__ACME__CORE_NMS__MAX_CONCURRENCY", "3")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = row(&text, "tenants.acme.core-nms.max_concurrency");
    assert!(line.contains(" 3 "), "{line}");
    assert!(
        line.ends_with("environment NBI__TENANTS__ACME__CORE_NMS__MAX_CONCURRENCY"),
        "{line}"
    );
    let url = row(&text, "tenants.acme.netbox.url");
    let file = dir.path().join("nbi.toml");
    assert!(
        url.ends_with(&format!("nbi.toml ({})", file.display())),
        "{url}"
    );
    assert!(row(&text, "tenants.acme.netbox.auth.token").contains("env:ACME_NETBOX_TOKEN"));
    assert!(row(&text, "tenants.acme.netbox.retry.max_attempts").ends_with("default"));
}

#[test]
fn set_flags_win_over_the_environment() {
    let dir = dir_with(SETTINGS);
    let out = nbi(
        dir.path(),
        &[
            "config",
            "show",
            "--set",
            "tenants.acme.netbox.max_concurrency=4",
        ],
        &[("NBI__TENANTS__ACME__NETBOX__MAX_CONCURRENCY", "3")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let line = row(&text, "tenants.acme.netbox.max_concurrency");
    assert!(line.contains(" 4 ") && line.ends_with("--set"), "{line}");
}

#[test]
fn a_plain_string_secret_exits_2_naming_the_field() {
    let dir = dir_with(
        "[tenants.acme.netbox]\nurl = \"https://n.example\"\nauth = { scheme = \"token\", token = \"abc123\" }\n",
    );
    let out = nbi(dir.path(), &["config", "check"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("tenants.acme.netbox.auth.token: a secret in nbi.toml must be"),
        "{err}"
    );
    assert!(!err.contains("abc123"), "{err}");
}

#[test]
fn an_http_url_exits_2() {
    let dir = dir_with("[tenants.acme.netbox]\nurl = \"http://n.example\"\n");
    let out = nbi(dir.path(), &["config", "show"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(
        "tenants.acme.netbox.url: http:// is refused unless settings.allow_insecure_http = true"
    ));
    let out = nbi(
        dir.path(),
        &[
            "config",
            "check",
            "--set",
            "settings.allow_insecure_http=true",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).trim(), "ok");
}

#[test]
fn json_output_is_one_valid_document() {
    let dir = dir_with(SETTINGS);
    let out = nbi(dir.path(), &["--output", "json", "config", "show"], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = doc.as_array().unwrap();
    let url = rows
        .iter()
        .find(|r| r["path"] == "tenants.acme.netbox.url")
        .unwrap();
    assert_eq!(url["value"], "https://netbox.acme.example");
    assert!(url["source"].as_str().unwrap().starts_with("nbi.toml ("));

    let bad = dir_with("[tenants.acme.netbox]\nurl = \"http://n.example\"\n");
    let out = nbi(bad.path(), &["config", "check", "--output", "json"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["error"]["kind"], "config");
}

#[test]
fn secrets_never_appear_in_the_output() {
    const MARKER: &str = "marker-s3cret-9f2c";
    let dir = dir_with(SETTINGS);
    let env = [
        ("ACME_NETBOX_TOKEN", MARKER),
        ("NBI__TENANTS__ACME__CORE_NMS__AUTH__PASSWORD", MARKER),
    ];
    for args in [
        &["config", "show"][..],
        &["--output", "json", "-vvv", "config", "show"],
    ] {
        let out = nbi(dir.path(), args, &env);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stdout(&out).contains(MARKER), "{}", stdout(&out));
        assert!(!stderr(&out).contains(MARKER), "{}", stderr(&out));
    }
    let out = nbi(dir.path(), &["config", "show"], &env);
    let line = row(&stdout(&out), "tenants.acme.core-nms.auth.password").to_string();
    assert!(line.contains("[REDACTED]"), "{line}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        nbi(dir.path(), &["config", "frobnicate"], &[])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(nbi(dir.path(), &["--help"], &[]).status.code(), Some(0));
    let missing = nbi(
        dir.path(),
        &["--config", "nope.toml", "config", "check"],
        &[],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.toml"));
}

#[test]
fn a_settings_file_is_optional() {
    let dir = tempfile::tempdir().unwrap();
    let out = nbi(Path::new(dir.path()), &["config", "check"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn completions_are_printed_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = nbi(dir.path(), &["completions", shell], &[]);
        assert!(out.status.success(), "{shell}");
        assert!(stdout(&out).contains("config"), "{shell}");
    }
    assert_eq!(
        nbi(dir.path(), &["completions", "tcsh"], &[]).status.code(),
        Some(2)
    );
}

#[test]
fn completions_to_a_reader_that_stops_early_exit_cleanly() {
    // The script is larger than a pipe's buffer, so writing it hits the closed pipe.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nbi"))
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}
