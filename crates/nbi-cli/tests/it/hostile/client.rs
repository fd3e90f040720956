//! Hostile replies to nbi's clients: `nbi fleet backup` through the generic JSON source (the
//! transport and the normalizer), `nbi cms` (the XML reader behind a session login) and `nbi
//! netbox` (typed JSON and ProblemDetails), each against [`HostileServer`].

use std::path::Path;
use std::time::Duration;

use super::{Bounded, HostileServer, Reply, run_bounded};

/// Peak RSS allowed to a child `nbi`: its 32 MiB body cap, the copies made while decoding and
/// the runtime, far below what any of these replies would take if it were believed.
const MAX_RSS_MIB: u64 = 160;
/// Wall time allowed: every reply ends in an error well within the 3 s request timeout set.
const DEADLINE: Duration = Duration::from_secs(20);

/// A folder with an `nbi.toml` whose services all point at one hostile server.
struct Lab {
    dir: tempfile::TempDir,
    server: HostileServer,
}

impl Lab {
    fn new(reply: Reply) -> Lab {
        Lab::with(HostileServer::start(reply))
    }

    fn routed(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Lab {
        Lab::with(HostileServer::routed(route))
    }

    fn with(server: HostileServer) -> Lab {
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

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Bounded {
        let mut all = vec!["--config", "nbi.toml"];
        all.extend_from_slice(args);
        run_bounded(self.path(), &all, DEADLINE)
    }

    /// A fleet backup of the one device: it runs, the device fails, the reason is stored.
    fn backup_fails(&self) -> String {
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
    fn cms_fails(&self) -> String {
        let run = self.run(&["cms", "ont", "get", "--node", "olt-1", "2"]);
        run.assert_typed_failure(1, MAX_RSS_MIB);
        run.stderr
    }

    fn netbox_fails(&self) -> String {
        let run = self.run(&["netbox", "get", "dcim/devices", "1"]);
        run.assert_typed_failure(1, MAX_RSS_MIB);
        run.stderr
    }
}

fn assert_mentions(text: &str, needle: &str) {
    assert!(
        text.to_lowercase().contains(&needle.to_lowercase()),
        "expected {needle:?} in:\n{text}"
    );
}

const XML: &str = "text/xml";
const JSON: &str = "application/json";
const GIB: u64 = 1 << 30;

/// The first failure message `nbi fleet status` recorded.
fn fleet_failure(lab: &Lab) -> String {
    let status: serde_json::Value = serde_json::from_str(&lab.backup_fails()).unwrap();
    status["tenants"][0]["failures"][0]["message"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A 200 head declaring `length` bytes, then closing the connection after `sent` of them.
fn lying_length(length: u64, sent: &str) -> Reply {
    Reply::raw(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{sent}"
    ))
}

fn deep_json() -> String {
    format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))
}

/// Header attacks: 10,000 headers, one of 1 MiB, and 1 GiB of them streamed without end.
fn header_attacks() -> [Reply; 3] {
    [
        Reply::headers(10_000, 8),
        Reply::headers(1, 1 << 20),
        Reply::headers(GIB / 64, 50),
    ]
}

#[test]
fn fleet_json_source_refuses_hostile_bodies() {
    let prefix = r#"{"data":{"running_config":""#;
    let cases = [
        (Reply::stream(JSON, prefix, "a", GIB), "33554432-byte cap"),
        (lying_length(GIB, prefix), "33554432-byte cap"),
        (Reply::ok(JSON, deep_json()), "nested too deeply"),
        (
            Reply::ok(
                JSON,
                format!(r#"{}1{}"#, r#"{"a":"#.repeat(10_000), "}".repeat(10_000)),
            ),
            "nested too deeply",
        ),
        (
            Reply::ok(JSON, &b"{\"data\":{\"running_config\":\"\xff\xfe\"}}"[..]),
            "not UTF-8",
        ),
        (
            Reply::ok(JSON, r#"{"data":{"running_config":"hostname r1"#),
            "invalid JSON",
        ),
        (lying_length(4096, prefix), "connection failed"),
        (
            Reply::ok("text/html", "<html><body>Please log in</body></html>"),
            "config_pointer",
        ),
    ];
    for (reply, expected) in cases {
        let lab = Lab::new(reply);
        assert_mentions(&fleet_failure(&lab), expected);
    }
    for reply in header_attacks() {
        let lab = Lab::new(reply);
        assert_mentions(&fleet_failure(&lab), "connection failed");
    }
}

const LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<soapenv:Envelope><soapenv:Body><auth-reply>&lol9;</auth-reply></soapenv:Body></soapenv:Envelope>"#;

/// A 40 KB entity referenced 1,500 times: 60 MB if expanded, inside the 64 KB login cap.
fn quadratic_blowup() -> String {
    format!(
        "<!DOCTYPE q [<!ENTITY a \"{}\">]><q>{}</q>",
        "a".repeat(40_000),
        "&a;".repeat(1_500)
    )
}

fn deep_xml(depth: usize) -> String {
    format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
}

/// Every hostile XML reply, with what the error must say.
fn xml_cases(url: &str) -> Vec<(Reply, &'static str)> {
    let xxe = |system: &str| {
        format!("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"{system}\">]><r>&x;</r>")
    };
    vec![
        (Reply::ok(XML, LAUGHS), "DOCTYPE"),
        (Reply::ok(XML, quadratic_blowup()), "DOCTYPE"),
        (Reply::ok(XML, xxe("file:///etc/passwd")), "DOCTYPE"),
        (Reply::ok(XML, xxe(&format!("{url}/xxe"))), "DOCTYPE"),
        (Reply::ok(XML, "<!DOCTYPE html><html/>"), "DOCTYPE"),
        // 9,000 levels still fit the 64 KiB login cap, so the depth cap is what refuses them.
        (Reply::ok(XML, deep_xml(9_000)), "deeper than"),
        (Reply::ok(XML, &b"<r>\xff\xfe</r>"[..]), "UTF-8"),
        (
            Reply::ok(JSON, r#"{"ok":true}"#),
            "outside the root element",
        ),
    ]
}

const LOGIN_OK: &str = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\
    <soapenv:Body><auth-reply><ResultCode>0</ResultCode><SessionId>s-1</SessionId></auth-reply>\
    </soapenv:Body></soapenv:Envelope>";

#[test]
fn cms_login_refuses_hostile_xml() {
    let probe = HostileServer::start(Reply::ok(XML, ""));
    for (reply, expected) in xml_cases(&probe.url()) {
        let lab = Lab::new(reply);
        assert_mentions(&lab.cms_fails(), expected);
        assert!(
            lab.server.requests().iter().all(|r| !r.contains("xxe")),
            "an external entity was fetched"
        );
    }
    // A gigabyte login reply, chunked so that no length warns of it.
    let lab = Lab::new(Reply::stream(XML, "<auth-reply>", "a", GIB));
    assert_mentions(&lab.cms_fails(), "auth reply is too large");
    for reply in header_attacks() {
        let lab = Lab::new(reply);
        assert_mentions(&lab.cms_fails(), "auth exchange failed");
    }
}

#[test]
fn cms_requests_refuse_hostile_xml_after_a_good_login() {
    let cases = xml_cases("http://127.0.0.1:9").into_iter().chain([
        (Reply::ok(XML, deep_xml(10_000)), "deeper than"),
        (Reply::stream(XML, "<r>", "a", GIB), "33554432-byte cap"),
    ]);
    for (reply, expected) in cases {
        let lab = Lab::routed(move |request| {
            if request.contains("<login>") || request.contains("<logout>") {
                Reply::ok(XML, LOGIN_OK)
            } else {
                reply.clone()
            }
        });
        assert_mentions(&lab.cms_fails(), expected);
    }
}

#[test]
fn netbox_refuses_hostile_json_and_problem_bodies() {
    let cases = [
        (Reply::ok(JSON, deep_json()), "not valid JSON"),
        (Reply::status(400, JSON, deep_json()), "400"),
        (
            Reply::status(
                500,
                "application/problem+json",
                &b"{\"title\":\"\xff\"}"[..],
            ),
            "500",
        ),
        (Reply::ok(JSON, r#"{"id":1,"name":"#), "truncated JSON"),
        (
            Reply::ok("text/html", "<html>proxy login</html>"),
            "not valid JSON",
        ),
        (Reply::stream(JSON, "[", "1,", GIB), "33554432-byte cap"),
    ];
    for (reply, expected) in cases {
        let lab = Lab::new(reply);
        assert_mentions(&lab.netbox_fails(), expected);
    }
}
