//! No secret reaches stdout, stderr (logs at `-vvv`, JSON format, and any panic message),
//! the store or the HTML report, whatever the command does: the demo, a backup under faults,
//! service commands that succeed and that fail, `config show`, and a webhook receiver fed bad
//! deliveries. The markers are every secret the simulators hand out (unique random strings)
//! plus our own for credentials the servers refuse.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::{Daemon, nbi, stderr};

/// Credentials the servers do not know, one marker each.
const BAD_TENANT: &str = "
[tenants.bad.nms]
kind = \"http-json\"
url = \"NMS_URL\"
config_path = \"/api/v1/devices/{id}/config\"
auth = { scheme = \"oauth2\", token_url = \"NMS_URL/oauth/token\", client_id = \"x\", client_secret = { env = \"BAD_OAUTH\" } }

[tenants.bad.netbox]
url = \"NETBOX_URL\"
auth = { scheme = \"token\", token = { env = \"BAD_NETBOX\" } }

[tenants.bad.genieacs]
url = \"GENIEACS_URL\"
auth = { scheme = \"basic\", username = \"acs\", password = { env = \"BAD_GENIEACS\" } }

[tenants.bad.voltha]
url = \"VOLTHA_URL\"
auth = { scheme = \"bearer\", token = { env = \"BAD_VOLTHA\" } }

[tenants.bad.cms]
url = \"CMS_URL\"
rest_url = \"CMS_URL\"
node_type = \"e7\"
auth = { scheme = \"session\", username = \"nbi\", password = { env = \"BAD_CMS\" } }

[tenants.jwt.nms]
kind = \"http-json\"
url = \"NMS_URL\"
config_path = \"/api/v1/devices/{id}/config\"
auth = { scheme = \"jwt-login\", username = \"who\", password = { env = \"BAD_JWT\" } }

[webhooks]
listen = \"127.0.0.1:0\"
path = \"/hooks\"
scheme = \"standard\"
secret = { env = \"WEBHOOK_SECRET\" }
";

const OUR_MARKERS: [(&str, &str); 7] = [
    ("BAD_OAUTH", "MARKER-oauth-7f3a91"),
    ("BAD_NETBOX", "MARKER-netbox-0c22d4"),
    ("BAD_GENIEACS", "MARKER-genieacs-5e8b10"),
    ("BAD_VOLTHA", "MARKER-voltha-a4d6e2"),
    ("BAD_CMS", "MARKER-cms-93bb07"),
    ("BAD_JWT", "MARKER-jwt-1d0f55"),
    // Standard Webhooks secrets are base64 after `whsec_`; the marker is its text.
    ("WEBHOOK_SECRET", "whsec_TUFSS0VSLXdlYmhvb2stc2VjcmV0LTQ0"),
];

/// Fails naming `what` if any marker appears in `text`.
fn assert_clean(markers: &[String], what: &str, text: &str) {
    for marker in markers {
        assert!(
            !text.contains(marker.as_str()),
            "a secret ({}…) leaked into {what}:\n{text}",
            &marker[..6.min(marker.len())]
        );
    }
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--config", "nbi.toml", "-vvv"];
    all.extend_from_slice(args);
    let env: Vec<(&str, &str)> = OUR_MARKERS.to_vec();
    nbi(dir, &all, &env)
}

/// Every table of an SQLite file as text (blobs read as lossy UTF-8).
fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut text = String::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                match row.get_ref(i).unwrap() {
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        text.push_str(&String::from_utf8_lossy(t));
                    }
                    other => text.push_str(&format!("{other:?}")),
                }
                text.push('\t');
            }
            text.push('\n');
        }
    }
    text
}

fn url_of(sim: &Daemon, service: &str) -> String {
    sim.lines
        .iter()
        .find(|l| l["service"] == service)
        .and_then(|l| l["url"].as_str())
        .unwrap()
        .to_owned()
}

#[test]
fn no_command_prints_or_stores_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let config = d.join("nbi.toml");
    #[rustfmt::skip]
    let sim = Daemon::start_sim(
        &[
            "--services", "nms,netbox,genieacs,voltha,cms", "--tenants", "3", "--devices", "3",
            "--fail-rate", "0.05", "--throttle-rate", "0.02", "--reset-rate", "0.01",
            "--truncate-rate", "0.01", "--token-uses", "5", "--seed", "77",
            "--write-config", config.to_str().unwrap(),
        ],
        15,
    );
    let mut markers: Vec<String> = std::fs::read_dir(d.join("secrets"))
        .unwrap()
        .map(|f| {
            std::fs::read_to_string(f.unwrap().path())
                .unwrap()
                .trim()
                .to_owned()
        })
        .collect();
    assert!(markers.len() >= 12, "{markers:?}");
    markers.extend(OUR_MARKERS.iter().map(|(_, m)| m.to_string()));

    let mut toml = std::fs::read_to_string(&config).unwrap().replacen(
        "[settings]\n",
        "[settings]\nlog_format = \"json\"\n",
        1,
    );
    let mut bad = BAD_TENANT.to_owned();
    for service in ["nms", "netbox", "genieacs", "voltha", "cms"] {
        bad = bad.replace(
            &format!("{}_URL", service.to_uppercase()),
            &url_of(&sim, service),
        );
    }
    // The [fleet] table stays last: the tables above go before it.
    let (head, fleet) = toml.split_once("\n[fleet]").unwrap();
    toml = format!("{head}\n{bad}\n[fleet]{fleet}");
    std::fs::write(&config, toml).unwrap();

    #[rustfmt::skip]
    let commands: &[&[&str]] = &[
        &["config", "show"],
        &["--output", "json", "config", "show"],
        &["config", "check"],
        &["fleet", "backup"],
        &["--output", "json", "fleet", "backup"],
        &["fleet", "status"],
        &["fleet", "history", "tenant-2/nms/r0001"],
        &["fleet", "show", "tenant-3/nms/r0002"],
        &["fleet", "diff", "tenant-1/nms/r0001"],
        &["fleet", "report", "--html", "report.html"],
        &["fleet", "export", "--dir", "exported"],
        &["netbox", "--tenant", "tenant-1", "list", "dcim/devices"],
        &["netbox", "--tenant", "tenant-2", "get", "dcim/devices", "1"],
        &["netbox", "--tenant", "bad", "list", "dcim/devices"],
        &["netbox", "--tenant", "tenant-1", "create", "dcim/sites", "--data", "{\"name\": 1}"],
        &["genieacs", "--tenant", "tenant-1", "devices", "list"],
        &["genieacs", "--tenant", "bad", "devices", "list"],
        &["voltha", "--tenant", "tenant-1", "devices", "list"],
        &["voltha", "--tenant", "bad", "devices", "list"],
        &["voltha", "--tenant", "tenant-2", "devices", "get", "no-such-device"],
        &["cms", "--tenant", "tenant-1", "ont", "list", "--node", "olt-1"],
        &["cms", "--tenant", "bad", "ont", "list", "--node", "olt-1"],
    ];
    let mut failures = 0;
    for args in commands {
        let out = run(d, args);
        if out.status.code() != Some(0) {
            failures += 1;
        }
        let what = format!("`nbi {}`", args.join(" "));
        assert!(
            out.status.code().is_some(),
            "{what} was killed: {}",
            stderr(&out)
        );
        assert_clean(
            &markers,
            &format!("{what} stdout"),
            &String::from_utf8_lossy(&out.stdout),
        );
        assert_clean(&markers, &format!("{what} stderr"), &stderr(&out));
    }
    assert!(failures >= 5, "the bad tenants' commands fail");
    let backup_stderr = stderr(&run(d, &["fleet", "backup"]));
    assert!(
        backup_stderr.contains("\"level\""),
        "JSON logs at -vvv: {backup_stderr}"
    );

    assert_clean(&markers, "the store", &dump(&d.join("nbi.db")));
    let html = std::fs::read_to_string(d.join("report.html")).unwrap();
    assert_clean(&markers, "the HTML report", &html);

    webhooks_with_bad_deliveries(d, &markers);
}

/// `nbi webhooks serve -vvv` fed unsigned, wrongly signed and malformed deliveries.
fn webhooks_with_bad_deliveries(d: &Path, markers: &[String]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nbi"))
        .current_dir(d)
        .env_clear()
        .envs(OUR_MARKERS)
        .args(["--config", "nbi.toml", "-vvv", "--output", "json"])
        .args(["webhooks", "serve", "--out", "events.jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
    let listening: serde_json::Value = serde_json::from_str(&line).unwrap();
    let url = format!("http://{}/hooks", listening["listen"].as_str().unwrap());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let deliveries = [
            vec![],
            vec![
                ("webhook-id", "m1"),
                ("webhook-timestamp", "1"),
                ("webhook-signature", "v1,AAAA"),
            ],
            vec![
                ("webhook-id", "m2"),
                ("webhook-timestamp", "x"),
                ("webhook-signature", "garbage"),
            ],
        ];
        for headers in deliveries {
            let mut request = client.post(&url).body("{\"type\":\"x\"}");
            for (k, v) in headers {
                request = request.header(k, v);
            }
            let response = request.send().await.unwrap();
            assert!(response.status().is_client_error());
            let body = response.text().await.unwrap();
            assert_clean(markers, "a webhook refusal", &body);
        }
    });
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(&mut stdout, &mut rest);
    assert_clean(markers, "webhooks serve stdout", &format!("{line}{rest}"));
    assert_clean(
        markers,
        "webhooks serve stderr",
        &String::from_utf8_lossy(&out.stderr),
    );
    let _ = std::fs::read_to_string(d.join("events.jsonl"))
        .map(|events| assert_clean(markers, "the events file", &events));
}

#[test]
fn the_demo_prints_and_stores_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let out = nbi(
        dir.path(),
        &[
            "-vvv",
            "demo",
            "--devices",
            "6",
            "--changes",
            "2",
            "--seed",
            "9",
        ],
        &[("NBI__SETTINGS__LOG_FORMAT", "json")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The demo's simulators derive their secrets from the seed: the same ones again.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let markers: Vec<String> = runtime.block_on(async {
        let sim = nbi_sim::spawn(nbi_sim::SimConfig {
            tenants: 3,
            seed: 9,
            ..nbi_sim::SimConfig::default()
        })
        .await
        .unwrap();
        sim.endpoints()
            .iter()
            .filter_map(|e| match &e.credentials {
                nbi_sim::Credentials::Bearer { token } => Some(token.clone()),
                nbi_sim::Credentials::OAuth2 { client_secret, .. } => Some(client_secret.clone()),
                nbi_sim::Credentials::JwtLogin { password, .. } => Some(password.clone()),
                _ => None,
            })
            .collect()
    });
    assert_eq!(markers.len(), 3);
    assert_clean(
        &markers,
        "demo stdout",
        &String::from_utf8_lossy(&out.stdout),
    );
    assert_clean(&markers, "demo stderr", &stderr(&out));
    assert_clean(
        &markers,
        "the demo store",
        &dump(&dir.path().join("nbi-demo.db")),
    );
    let html = std::fs::read_to_string(dir.path().join("nbi-demo.html")).unwrap();
    assert_clean(&markers, "the demo report", &html);
}
