use proptest::prelude::*;

use super::*;
use crate::normalize::rules::{CISCO_VOLATILE, JUNOS_VOLATILE};

fn normalizer(settings: NormalizeSettings) -> Normalizer {
    Normalizer::new(&settings, None).unwrap()
}

fn norm(text: &str) -> String {
    normalizer(NormalizeSettings::default())
        .normalize(text.as_bytes())
        .unwrap()
}

fn with_flavor(flavor: Flavor) -> Normalizer {
    normalizer(NormalizeSettings {
        flavor,
        ..NormalizeSettings::default()
    })
}

const CISCO_SAMPLES: [&str; 9] = [
    "Building configuration...",
    "Current configuration : 1234 bytes",
    "! Last configuration change at 10:00:00 UTC Mon Jan 1 2024 by admin",
    "!! Last configuration change since boot",
    "! NVRAM config last updated at 10:00:00 UTC Mon Jan 1 2024",
    "! No configuration change since last restart",
    "ntp clock-period 17179869",
    "!Time: Mon Jan  1 10:00:00 2024",
    "!Running configuration last done at: Mon Jan  1 10:00:00 2024",
];

const JUNOS_SAMPLES: [&str; 5] = [
    "## Last commit: 2024-01-01 10:00:00 UTC by admin",
    "## Last changed: 2024-01-01 10:00:00 UTC",
    "{master}",
    "{backup:1}",
    "{linecard:12}",
];

#[test]
fn samples_cover_every_pattern() {
    let cisco = RegexSet::new(CISCO_VOLATILE).unwrap();
    let matched: std::collections::HashSet<usize> = CISCO_SAMPLES
        .iter()
        .flat_map(|s| cisco.matches(s).into_iter())
        .collect();
    assert_eq!(matched.len(), CISCO_VOLATILE.len());
    let junos = RegexSet::new(JUNOS_VOLATILE).unwrap();
    let matched: std::collections::HashSet<usize> = JUNOS_SAMPLES
        .iter()
        .flat_map(|s| junos.matches(s).into_iter())
        .collect();
    assert_eq!(matched.len(), JUNOS_VOLATILE.len());
}

#[test]
fn each_flavor_removes_its_own_volatile_lines_only() {
    for flavor in [
        Flavor::Ios,
        Flavor::Nxos,
        Flavor::Eos,
        Flavor::Iosxr,
        Flavor::Junos,
        Flavor::Auto,
    ] {
        let n = with_flavor(flavor);
        for line in CISCO_SAMPLES {
            let text = format!("hostname r1\n{line}\ninterface Gi0/1\n");
            let removed = flavor != Flavor::Junos;
            let expected = if removed {
                "hostname r1\ninterface Gi0/1\n".to_owned()
            } else {
                text.clone()
            };
            assert_eq!(
                n.normalize(text.as_bytes()).unwrap(),
                expected,
                "{flavor:?}: {line}"
            );
        }
        for line in JUNOS_SAMPLES {
            let text = format!("system {{\n{line}\n}}\n");
            let removed = matches!(flavor, Flavor::Junos | Flavor::Auto);
            let expected = if removed {
                "system {\n}\n".to_owned()
            } else {
                text.clone()
            };
            assert_eq!(
                n.normalize(text.as_bytes()).unwrap(),
                expected,
                "{flavor:?}: {line}"
            );
        }
    }
}

#[test]
fn ordinary_vendor_lines_are_kept() {
    let text = "hostname r1\n!\nntp server 10.0.0.1\n! Last login was yesterday\nbanner motd ^Current configuration^\n  {master}\n{master} extra\n## Last commit note\nset system host-name r1\n";
    assert_eq!(norm(text), text);
}

#[test]
fn defaults_false_keeps_volatile_lines_and_drop_lines_adds_rules() {
    let text = "Building configuration...\n! uptime 5 days\nhostname r1\n";
    let n = normalizer(NormalizeSettings {
        defaults: false,
        ..NormalizeSettings::default()
    });
    assert_eq!(n.normalize(text.as_bytes()).unwrap(), text);
    let n = normalizer(NormalizeSettings {
        defaults: false,
        drop_lines: vec!["^! uptime ".into()],
        ..NormalizeSettings::default()
    });
    assert_eq!(
        n.normalize(text.as_bytes()).unwrap(),
        "Building configuration...\nhostname r1\n"
    );
    let n = normalizer(NormalizeSettings {
        drop_lines: vec!["^! uptime ".into()],
        ..NormalizeSettings::default()
    });
    assert_eq!(n.normalize(text.as_bytes()).unwrap(), "hostname r1\n");
}

#[test]
fn bad_user_regex_is_named() {
    let settings = NormalizeSettings {
        drop_lines: vec!["^ok".into(), "(unclosed".into()],
        ..NormalizeSettings::default()
    };
    let e = Normalizer::new(&settings, None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Usage);
    assert!(e.message().contains("drop_lines[1] \"(unclosed\""), "{e}");
    let e = Normalizer::new(&NormalizeSettings::default(), Some("data")).unwrap_err();
    assert!(e.message().contains("\"data\""), "{e}");
}

#[test]
fn line_endings_and_trailing_blanks() {
    assert_eq!(norm("a\r\nb\rc\nd"), "a\nb\nc\nd\n");
    assert_eq!(norm("a \t\r\n b\t \n\t\n"), "a\n b\n");
    assert_eq!(
        norm("\r\n\n  \nhostname r1\n\n\n!\n\r\n \n"),
        "hostname r1\n\n\n!\n"
    );
    assert_eq!(norm(""), "");
    assert_eq!(norm("\n \r\n"), "");
}

#[test]
fn iosxr_timestamp_first_line_only() {
    let text = "\nMon Jan  1 10:00:00.123 UTC\nhostname r1\nTue Feb 2 10:00:00 UTC\n";
    assert_eq!(norm(text), "hostname r1\nTue Feb 2 10:00:00 UTC\n");
    assert_eq!(norm("Sat Dec 31 23:59:59 PST\r\n!\r\n"), "!\n");
    assert_eq!(
        norm("Building configuration...\nWed Mar 13 01:02:03 UTC\nx\n"),
        "x\n"
    );
    let kept = "hostname r1\nMon Jan  1 10:00:00 UTC\n";
    assert_eq!(norm(kept), kept);
    assert_eq!(
        norm("Mon Jan 1 10:00:00 UTC extra\n"),
        "Mon Jan 1 10:00:00 UTC extra\n"
    );
}

#[test]
fn mask_secrets_only_when_asked() {
    let text =
        "username bob password 7 ABC\nenable secret 5 $1$xyz\nsnmp-server community public RO\n";
    assert_eq!(norm(text), text);
    let n = normalizer(NormalizeSettings {
        mask_secrets: true,
        ..NormalizeSettings::default()
    });
    assert_eq!(
        n.normalize(text.as_bytes()).unwrap(),
        "username bob password 7 <removed>\nenable secret 5 <removed>\nsnmp-server community <removed> RO\n"
    );
}

#[test]
fn invalid_utf8_is_a_decode_error() {
    let e = normalizer(NormalizeSettings::default())
        .normalize(b"ab\xffcd")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.message().contains("offset 2"), "{e}");
}

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

#[test]
fn settings_deserialize_with_defaults_and_refuse_unknown_fields() {
    let s: NormalizeSettings =
        serde_json::from_str(r#"{"flavor":"junos","drop_lines":["^x"]}"#).unwrap();
    assert_eq!(s.flavor, Flavor::Junos);
    assert!(s.defaults && !s.mask_secrets);
    assert!(serde_json::from_str::<NormalizeSettings>(r#"{"flavour":"ios"}"#).is_err());
    assert!(serde_json::from_str::<NormalizeSettings>(r#"{"flavor":"cisco"}"#).is_err());
}

fn line_strategy() -> impl Strategy<Value = String> {
    let mut samples: Vec<String> = CISCO_SAMPLES
        .iter()
        .chain(&JUNOS_SAMPLES)
        .map(|s| (*s).to_owned())
        .collect();
    samples.extend(
        [
            "",
            " ",
            "\t",
            "!",
            "hostname r1",
            " password 7 ABC",
            "x { \"a\": 1 }",
        ]
        .map(String::from),
    );
    prop_oneof![
        proptest::sample::select(samples),
        "[a-z !][a-z !{}]{0,11}[ \t]{0,2}",
    ]
}

proptest! {
    #[test]
    fn normalizing_twice_changes_nothing(
        timestamp_first in any::<bool>(),
        lines in proptest::collection::vec(line_strategy(), 0..30),
        endings in proptest::collection::vec(prop_oneof!["\n", "\r\n", "\r"], 30),
        mask_secrets in any::<bool>(),
    ) {
        let mut text = String::new();
        if timestamp_first {
            text.push_str("Mon Jan  1 10:00:00.000 UTC\r\n");
        }
        for (line, ending) in lines.iter().zip(&endings) {
            text.push_str(line);
            text.push_str(ending);
        }
        let n = normalizer(NormalizeSettings { mask_secrets, ..NormalizeSettings::default() });
        let once = n.normalize(text.as_bytes()).unwrap();
        let twice = n.normalize(once.as_bytes()).unwrap();
        prop_assert_eq!(&once, &twice);
        prop_assert!(once.is_empty() || (once.ends_with('\n') && !once.ends_with("\n\n")));
        prop_assert!(!once.contains('\r'));
    }
}
