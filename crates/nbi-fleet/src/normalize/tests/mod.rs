//! Normalizer tests: text rules and flavours here, JSON bodies in `json.rs`.

mod json;

use super::*;
use crate::normalize::rules::{CISCO_VOLATILE, JUNOS_VOLATILE};
use proptest::prelude::*;

pub(super) fn normalizer(settings: NormalizeSettings) -> Normalizer {
    Normalizer::new(&settings, None).unwrap()
}

pub(super) fn norm(text: &str) -> String {
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

#[test]
fn normalizer_is_shareable_across_tasks() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Normalizer>();
}
