//! `nbi webhooks serve`: signed deliveries land in `out` once, bad ones are refused, the
//! replay window survives a restart, and bad settings exit 2 naming the field.

use std::path::Path;

use nbi_core::SecretString;
use nbi_webhooks::ManoVerifier;

use crate::{Daemon, nbi, stderr};

const SECRET: &str = "cli-test-webhook-secret";
const BODY: &str =
    r#"{"id":"evt-7","event":"slice.deployed","slice_id":"s-7","metrics":{"latency_ms":4}}"#;

fn write_settings(dir: &Path) {
    std::fs::write(dir.join("secret"), format!("{SECRET}\n")).unwrap();
    std::fs::write(
        dir.join("nbi.toml"),
        "[webhooks]\nlisten = \"127.0.0.1:0\"\npath = \"/hooks/mano\"\nscheme = \"mano\"\n\
         secret = { file = \"secret\" }\n",
    )
    .unwrap();
}

fn start(dir: &Path) -> (Daemon, String) {
    let daemon = Daemon::start(
        dir,
        &[
            "--output",
            "json",
            "webhooks",
            "serve",
            "--out",
            "events.jsonl",
        ],
        1,
    );
    let line = &daemon.lines[0];
    assert_eq!(line["path"], "/hooks/mano");
    let url = format!("http://{}/hooks/mano", line["listen"].as_str().unwrap());
    (daemon, url)
}

async fn post(url: &str, signature: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .header("X-Webhook-Signature", signature)
        .body(BODY)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

fn out_lines(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("events.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Waits (briefly) for the handler, which runs after the 2xx, to write `n` lines.
async fn wait_for_lines(dir: &Path, n: usize) -> Vec<serde_json::Value> {
    for _ in 0..200 {
        let lines = out_lines(dir);
        if lines.len() >= n {
            return lines;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    out_lines(dir)
}

#[tokio::test]
async fn serve_appends_each_event_once_and_remembers_it_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    write_settings(dir.path());
    let signature = ManoVerifier::new(&[SecretString::from(SECRET)])
        .unwrap()
        .sign(BODY.as_bytes());

    let (mut daemon, url) = start(dir.path());
    assert_eq!(
        post(&url, &signature).await,
        (
            200,
            serde_json::json!({"status": "received", "id": "evt-7"})
        )
    );
    let lines = wait_for_lines(dir.path(), 1).await;
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "evt-7");
    assert_eq!(lines[0]["type"], "slice.deployed");
    assert_eq!(
        lines[0]["payload"],
        serde_json::from_str::<serde_json::Value>(BODY).unwrap()
    );
    let received_at = lines[0]["received_at"].as_str().unwrap();
    assert!(received_at.parse::<jiff::Timestamp>().is_ok() && received_at.ends_with('Z'));

    assert_eq!(post(&url, &signature).await.1["status"], "duplicate");
    let (status, body) = post(
        &url,
        "sha256=0000000000000000000000000000000000000000000000000000000000000000",
    )
    .await;
    assert_eq!(status, 401, "{body}");
    let health: serde_json::Value = reqwest::get(url.replace("/hooks/mano", "/healthz"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (health["received"].as_u64(), health["duplicates"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(daemon.stop().code(), Some(0));
    assert_eq!(
        out_lines(dir.path()).len(),
        1,
        "the replay was not appended"
    );
    assert!(
        dir.path().join("events.jsonl.db").is_file(),
        "the store sits beside out"
    );

    let (mut daemon, url) = start(dir.path());
    assert_eq!(post(&url, &signature).await.1["status"], "duplicate");
    assert_eq!(daemon.stop().code(), Some(0));
    assert_eq!(out_lines(dir.path()).len(), 1);
}

#[test]
fn bad_webhook_settings_exit_2_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("", "webhooks: no [webhooks] table"),
        (
            "[webhooks]\nscheme = \"mano\"\n",
            "webhooks.secret: not set",
        ),
        (
            "[webhooks]\nscheme = \"svix\"\nsecret = { env = \"X\" }\n",
            "webhooks.scheme",
        ),
        (
            "[webhooks]\nscheme = \"standard\"\nsecrets = [{ env = \"WH\" }]\n",
            "webhooks.secrets[0]: is not base64",
        ),
    ];
    for (toml, expected) in cases {
        std::fs::write(dir.path().join("nbi.toml"), toml).unwrap();
        let out = nbi(
            dir.path(),
            &["webhooks", "serve"],
            &[("WH", "not base64 !!")],
        );
        assert_eq!(out.status.code(), Some(2), "{toml}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{toml}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("not base64 !!"),
            "a secret was shown"
        );
    }
}
