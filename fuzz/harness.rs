//! What each fuzz target does with its input. The targets under `fuzz_targets/` and the corpus
//! replay test of `nbi-cli` (`tests/it/fuzz_corpus.rs`) include this one file, so a corpus
//! entry replayed on stable drives exactly the code the fuzzer drove.
//!
//! Every function takes attacker bytes and must return without panicking; the few assertions
//! here check documented contracts on what succeeded.
#![allow(dead_code)]

use std::path::Path;
use std::sync::{Arc, LazyLock};
use std::time::{Duration, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue};
use nbi_core::xml::{self, XmlLimits};
use nbi_core::{ManualClock, ProblemDetails, SecretString, Settings};
use nbi_fleet::{Flavor, Inventory, NormalizeSettings, Normalizer};
use nbi_webhooks::{ManoVerifier, StandardVerifier};

/// The hardened XML reader, with the default caps and with tight ones (so the caps' error
/// paths are reached by small inputs too), then the tree walkers on what it accepted.
pub(crate) fn xml_reader(data: &[u8]) {
    let tight = XmlLimits {
        max_bytes: 4096,
        max_depth: 8,
        max_elements: 64,
        max_attributes: 4,
    };
    for limits in [XmlLimits::default(), tight] {
        if let Ok(root) = xml::parse(data, &limits) {
            let _ = root.descendant("data");
            let _ = root.find(&["Body", "rpc-reply"]);
            let _ = root.child_ignore_case("body");
            let _ = root.attr("id");
        }
    }
}

/// Eight normalizers: with or without a `config_pointer`, secret masking and the built-in
/// volatile-line patterns, over every flavour in turn.
static NORMALIZERS: LazyLock<Vec<Normalizer>> = LazyLock::new(|| {
    let flavors = [
        Flavor::Auto,
        Flavor::Ios,
        Flavor::Nxos,
        Flavor::Eos,
        Flavor::Iosxr,
        Flavor::Junos,
    ];
    (0..8u8)
        .map(|bits| {
            let settings = NormalizeSettings {
                flavor: flavors[usize::from(bits) % flavors.len()],
                defaults: bits & 2 == 0,
                drop_lines: vec!["^! uptime ".to_owned()],
                mask_secrets: bits & 4 != 0,
            };
            let pointer = (bits & 1 == 1).then_some("/data/running_config");
            Normalizer::new(&settings, pointer).expect("fixed settings compile")
        })
        .collect()
});

/// The fleet normalizer: the first byte picks the settings, the rest is the fetched body. What
/// it returns is empty or ends in exactly one newline, as documented.
pub(crate) fn normalizer(data: &[u8]) {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let normalizer = &NORMALIZERS[usize::from(pick) % NORMALIZERS.len()];
    if let Ok(text) = normalizer.normalize(body) {
        assert!(
            text.is_empty() || (text.ends_with('\n') && !text.ends_with("\n\n")),
            "normalized text must be empty or end in one newline: {text:?}"
        );
    }
}

/// ProblemDetails parsing of an error body, and its one-line rendering.
pub(crate) fn problem_details(data: &[u8]) {
    if let Some(problem) = ProblemDetails::from_json(data) {
        let _ = problem.to_string();
        let _ = problem.status.as_ref().and_then(|s| s.as_u16());
    }
}

/// The instant the Standard Webhooks verifier takes as "now".
const NOW_S: u64 = 1_750_000_000;
const STANDARD_SECRETS: [&str; 2] = [
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=",
];
const MANO_SECRETS: [&str; 2] = ["mano-fuzz-secret", "rotated-mano-secret"];

static STANDARD: LazyLock<StandardVerifier> = LazyLock::new(|| {
    let secrets = STANDARD_SECRETS.map(SecretString::from);
    StandardVerifier::new(&secrets)
        .expect("fixed secrets decode")
        .clock(Arc::new(ManualClock::new(
            UNIX_EPOCH + Duration::from_secs(NOW_S),
        )))
});

static MANO: LazyLock<ManoVerifier> = LazyLock::new(|| {
    let secrets = MANO_SECRETS.map(SecretString::from);
    ManoVerifier::new(&secrets).expect("fixed secrets are usable")
});

/// Webhook signature verification, both schemes, headers and body from the attacker.
///
/// Input: one flag byte, then `name: value` header lines, a blank line, and the body. Flag bit
/// 0 picks the scheme (0 Standard Webhooks, 1 MANO); bit 1 adds a signature made with the real
/// secret over what was sent (so the accepting path runs too, and must accept).
pub(crate) fn webhook_verify(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let (head, body) = match rest.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&rest[..at], &rest[at + 2..]),
        None => (rest, &[][..]),
    };
    let mut headers = HeaderMap::new();
    for line in head.split(|&b| b == b'\n') {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(&line[..colon]),
            HeaderValue::from_bytes(line[colon + 1..].trim_ascii()),
        ) else {
            continue;
        };
        headers.append(name, value);
    }
    let mano = flags & 1 == 1;
    let sign = flags & 2 == 2;
    if mano {
        if sign {
            let signature = MANO.sign(body);
            headers.insert(
                "x-webhook-signature",
                HeaderValue::from_str(&signature).expect("hex is a header value"),
            );
            assert!(MANO.verify(&headers, body).is_ok(), "own signature refused");
        } else {
            let _ = MANO.verify(&headers, body);
        }
        return;
    }
    if sign {
        // Sign the id and timestamp sent (if usable) with the first secret.
        let id = headers
            .get("webhook-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("msg_fuzz")
            .to_owned();
        let timestamp = headers
            .get("webhook-timestamp")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or(NOW_S as i64);
        let signature = STANDARD.sign(&id, timestamp, body);
        if let Ok(value) = HeaderValue::from_str(&signature) {
            headers.append("webhook-signature", value);
        }
    }
    let _ = STANDARD.verify(&headers, body);
}

/// Settings parsing from TOML text (the in-memory entry point of `Settings::load`), then the
/// same text read as a fleet inventory CSV. Nothing is resolved: secrets are read only when a
/// client is built, so `{ command = … }` in the input runs nothing.
pub(crate) fn settings(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Settings::from_toml_str(text, Path::new("/nonexistent/nbi-fuzz"));
    let _ = Inventory::from_csv(text, "fuzz.csv");
}
