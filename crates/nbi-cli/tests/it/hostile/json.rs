//! Hostile JSON replies: `nbi fleet backup` through the generic JSON source (transport, body
//! cap, normalizer) and `nbi netbox` (typed JSON, ProblemDetails on errors).

use super::Reply;
use super::lab::{GIB, JSON, Lab, assert_mentions, header_attacks};

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
