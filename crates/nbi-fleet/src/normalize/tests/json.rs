//! JSON bodies: volatile keys, config lookup, canonical JSON.

use super::{norm, normalizer};
use crate::{ErrorKind, NormalizeSettings, Normalizer};

#[test]
fn json_string_config_goes_through_text_rules() {
    let body = r#"{"api_version":"2","data":{"running_config":"Building configuration...\r\nhostname r1  \r\n"}}"#;
    assert_eq!(norm(body), "hostname r1\n");
}

#[test]
fn config_pointer_present_and_absent() {
    let body = br#"{"data":{"cfg":"hostname r1\n","a/b":{"x~y":[1,"ios"]}}}"#;
    let at = |p: &str| {
        Normalizer::new(&NormalizeSettings::default(), Some(p))
            .unwrap()
            .normalize(body)
    };
    assert_eq!(at("/data/cfg").unwrap(), "hostname r1\n");
    assert_eq!(at("/data/a~1b/x~0y/1").unwrap(), "ios\n");
    assert_eq!(at("/data/a~1b/x~0y").unwrap(), "[\n  1,\n  \"ios\"\n]\n");
    for missing in [
        "/data/running_config",
        "/data/a~1b/x~0y/2",
        "/data/a~1b/x~0y/01",
        "/data/cfg/x",
    ] {
        let e = at(missing).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode);
        assert!(
            e.message().contains(&format!("{missing:?} is absent")),
            "{e}"
        );
    }
    let e = Normalizer::new(&NormalizeSettings::default(), Some("/data"))
        .unwrap()
        .normalize(b"hostname r1\n")
        .unwrap_err();
    assert!(
        e.message().contains("\"/data\": the body is not JSON"),
        "{e}"
    );
}

#[test]
fn pointer_cannot_reach_dropped_keys() {
    let n = Normalizer::new(&NormalizeSettings::default(), Some("/envelope_id")).unwrap();
    assert!(n.normalize(br#"{"envelope_id":"x"}"#).is_err());
}

#[test]
fn key_search_is_depth_first_in_document_order() {
    assert_eq!(
        norm(r#"{"a":{"b":{"config":"deep"}},"running_config":"top"}"#),
        "deep\n"
    );
    assert_eq!(
        norm(r#"{"configuration":"first","running_config":"second"}"#),
        "first\n"
    );
    assert_eq!(
        norm(r#"[{"x":1},{"running-config":"in array"}]"#),
        "in array\n"
    );
    assert_eq!(
        norm(r#"{"meta":{"json_metadata":{"config":"dropped"}},"config":"kept"}"#),
        "kept\n"
    );
    assert_eq!(
        norm(r#"{"config":{"b":2,"a":1}}"#),
        "{\n  \"a\": 1,\n  \"b\": 2\n}\n"
    );
}

#[test]
fn no_config_key_writes_the_whole_document_canonically() {
    let body = r#"{"z": [1.50, 1e3, -0.0, 123456789012345678901234567890, {}, []], "a": {"junos:changed-seconds": "1", "y": null, "x": true, "api_version": 3}, "é": "ü\"\\\n\u0001\ud83d\ude00", "m": false}"#;
    let expected = "{\n  \"a\": {\n    \"x\": true,\n    \"y\": null\n  },\n  \"m\": false,\n  \"z\": [\n    1.50,\n    1e3,\n    -0.0,\n    123456789012345678901234567890,\n    {},\n    []\n  ],\n  \"é\": \"ü\\\"\\\\\\n\\u0001😀\"\n}\n";
    assert_eq!(norm(body), expected);
    assert_eq!(norm(expected), expected, "canonical JSON is a fixed point");
}

#[test]
fn empty_json_documents_and_brace_led_text() {
    assert_eq!(norm(" {} "), "{}\n");
    assert_eq!(norm("[]"), "[]\n");
    assert_eq!(norm("[ 1.0 ]"), "[\n  1.0\n]\n");
    assert_eq!(norm("{} braces\n"), "{} braces\n");
    assert_eq!(norm("\"hostname r1\\r\\n\""), "hostname r1\n");
}

#[test]
fn repeated_keys_keep_the_last_value() {
    assert_eq!(
        norm(r#"{"a":1,"b":2,"a":3}"#),
        "{\n  \"a\": 3,\n  \"b\": 2\n}\n"
    );
}

#[test]
fn junos_and_edit_text_is_not_mistaken_for_json() {
    assert_eq!(
        norm("{master:0}\nsystem {\n    host-name r1;\n}\n"),
        "system {\n    host-name r1;\n}\n"
    );
    assert_eq!(
        norm("[edit]\nset system host-name r1\n"),
        "[edit]\nset system host-name r1\n"
    );
}

#[test]
fn broken_json_is_a_decode_error() {
    for body in [
        r#"{"config": "trunc"#,
        r#"[1, 2"#,
        r#"{"a": 01}"#,
        r#"{"a": 1.}"#,
        r#"{"a": 1} x"#,
        r#""\ud800""#,
    ] {
        let e = normalizer(NormalizeSettings::default())
            .normalize(body.as_bytes())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{body}");
        assert!(e.message().contains("invalid JSON at byte"), "{e}");
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowing() {
    let body = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(
        normalizer(NormalizeSettings::default())
            .normalize(body.as_bytes())
            .is_err()
    );
}
