//! The lab the hostile-reply tests share: a folder whose `nbi.toml` points fleet, CMS and
//! NetBox services at one [`HostileServer`], and the bounded `nbi` runs made in it.

use std::path::Path;
use std::time::Duration;

use super::{Bounded, HostileServer, Reply, run_bounded};

/// Peak RSS allowed to a child `nbi`: its 32 MiB body cap, the copies made while decoding and
/// the runtime, far below what any of these replies would take if it were believed.
pub(super) const MAX_RSS_MIB: u64 = 160;
/// Wall time allowed: every reply ends in an error well within the 3 s request timeout set.
pub(super) const DEADLINE: Duration = Duration::from_secs(20);

/// A folder with an `nbi.toml` whose services all point at one hostile server.
pub(super) struct Lab {
    dir: tempfile::TempDir,
    pub(super) server: HostileServer,
}

impl Lab {
    pub(super) fn new(reply: Reply) -> Lab {
        Lab::with(HostileServer::start(reply))
    }

    pub(super) fn routed(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Lab {
        Lab::with(HostileServer::routed(route))
    }

    pub(super) fn with(server: HostileServer) -> Lab {
        let dir = tempfile::tempdir().unwrap();
        let url = server.url();
        let retry = "retry = { max_attempts = 2, base_ms = 10, max_ms = 20, deadline_s = 10 }";
        let toml = format!(
            r#"[settings]
allow_insecure_http = true

[tenants.t.nms]
kind = "http-json"
url = "{url}"
config_path = "/api/v1/devices/{{id}}/config"
config_pointer = "/data/running_config"
timeouts = {{ get = 3.0 }}
{retry}

[tenants.t.cms]
url = "{url}"
rest_url = "{url}"
node_type = "e7"
auth = {{ scheme = "session", username = "nbi", password = {{ file = "cms.password" }} }}
timeouts = {{ auth = 3.0, get = 3.0, list = 3.0 }}
{retry}

[tenants.t.netbox]
url = "{url}"
auth = {{ scheme = "token", token = {{ file = "netbox.token" }} }}
timeouts = {{ get = 3.0, list = 3.0 }}
{retry}

[fleet]
store = "nbi.db"

[[fleet.devices]]
tenant = "t"
source = "nms"
id = "r1"
"#
        );
        std::fs::write(dir.path().join("nbi.toml"), toml).unwrap();
        std::fs::write(dir.path().join("cms.password"), "pw").unwrap();
        std::fs::write(dir.path().join("netbox.token"), "0123456789abcdef").unwrap();
        Lab { dir, server }
    }

    pub(super) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(super) fn run(&self, args: &[&str]) -> Bounded {
        let mut all = vec!["--config", "nbi.toml"];
        all.extend_from_slice(args);
        run_bounded(self.path(), &all, DEADLINE)
    }

    /// A fleet backup of the one device: it runs, the device fails, the reason is stored.
    pub(super) fn backup_fails(&self) -> String {
        let run = self.run(&["--output", "json", "fleet", "backup"]);
        run.assert_typed_failure(1, MAX_RSS_MIB);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            (report["devices"].as_u64(), report["failed"].as_u64()),
            (Some(1), Some(1)),
            "{report}"
        );
        let status = self.run(&["--output", "json", "fleet", "status"]);
        status.stdout + &status.stderr
    }

    /// `nbi cms ont get`: it runs and fails.
    pub(super) fn cms_fails(&self) -> String {
        let run = self.run(&["cms", "ont", "get", "--node", "olt-1", "2"]);
        run.assert_typed_failure(1, MAX_RSS_MIB);
        run.stderr
    }

    pub(super) fn netbox_fails(&self) -> String {
        let run = self.run(&["netbox", "get", "dcim/devices", "1"]);
        run.assert_typed_failure(1, MAX_RSS_MIB);
        run.stderr
    }
}

pub(super) fn assert_mentions(text: &str, needle: &str) {
    assert!(
        text.to_lowercase().contains(&needle.to_lowercase()),
        "expected {needle:?} in:\n{text}"
    );
}

pub(super) const XML: &str = "text/xml";
pub(super) const JSON: &str = "application/json";
pub(super) const GIB: u64 = 1 << 30;

/// Header attacks: 10,000 headers, one of 1 MiB, and 1 GiB of them streamed without end.
pub(super) fn header_attacks() -> [Reply; 3] {
    [
        Reply::headers(10_000, 8),
        Reply::headers(1, 1 << 20),
        Reply::headers(GIB / 64, 50),
    ]
}
