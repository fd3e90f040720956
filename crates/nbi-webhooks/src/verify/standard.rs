//! Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>`
//! (space-separated, several during key rotation) over `id.timestamp.body`, with `whsec_`
//! base64 secrets and a ±5 min window.

use std::fmt;
use std::time::{Duration, UNIX_EPOCH};

use axum::http::HeaderMap;
use base64::Engine as _;
use base64::alphabet::STANDARD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use hmac::{Hmac, Mac};
use nbi_core::{ExposeSecret, SecretString, SharedClock, SystemClock};
use sha2::Sha256;

use super::{Rejection, Verified, header};
use crate::error::{Error, Result};

/// How far a signed timestamp may be from now, either way.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

const ID: &str = "webhook-id";
const TIMESTAMP: &str = "webhook-timestamp";
const SIGNATURE: &str = "webhook-signature";
/// Longest `webhook-id` kept: ids are stored for deduplication.
const MAX_ID_LEN: usize = 256;
/// Most signatures checked per delivery: each costs one HMAC per secret.
const MAX_SIGNATURES: usize = 16;

/// Base64 as senders write it: padded or not (the reference implementation accepts both).
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Checks Standard Webhooks deliveries against one or more secrets.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use std::sync::Arc;
/// use axum::http::HeaderMap;
/// use nbi_core::{ManualClock, SecretString};
/// use nbi_webhooks::StandardVerifier;
///
/// let clock = ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_750_000_000));
/// let verifier = StandardVerifier::new(&[SecretString::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")])?
///     .clock(Arc::new(clock));
/// let body = br#"{"type":"slice.created"}"#;
/// let mut headers = HeaderMap::new();
/// headers.insert("webhook-id", "msg_1".parse()?);
/// headers.insert("webhook-timestamp", "1750000000".parse()?);
/// headers.insert("webhook-signature", verifier.sign("msg_1", 1_750_000_000, body).parse()?);
/// let verified = verifier.verify(&headers, body)?;
/// assert_eq!(verified.delivery_id.as_deref(), Some("msg_1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct StandardVerifier {
    keys: Vec<Hmac<Sha256>>,
    tolerance: Duration,
    clock: SharedClock,
}

impl StandardVerifier {
    /// A verifier accepting a signature made with any of `secrets`, each `whsec_<base64>` (the
    /// prefix is optional). Errors name the bad secret by index, never its value.
    pub fn new(secrets: &[SecretString]) -> Result<Self> {
        if secrets.is_empty() {
            return Err(Error::config("secrets", "at least one secret is needed"));
        }
        let mut keys = Vec::with_capacity(secrets.len());
        for (i, secret) in secrets.iter().enumerate() {
            let key = decode_secret(secret.expose_secret())
                .map_err(|reason| Error::config(format!("secrets[{i}]"), reason))?;
            keys.push(key);
        }
        Ok(StandardVerifier {
            keys,
            tolerance: DEFAULT_TOLERANCE,
            clock: std::sync::Arc::new(SystemClock),
        })
    }

    /// How far a timestamp may be from now (default 5 min).
    #[must_use]
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The clock "now" is read from (default: the system clock).
    #[must_use]
    pub fn clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// Checks the three headers, the timestamp window and the signatures.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, Rejection> {
        let id = header(headers, ID)?;
        let timestamp = header(headers, TIMESTAMP)?;
        let signatures = header(headers, SIGNATURE)?;
        if id.is_empty() || id.len() > MAX_ID_LEN {
            return Err(Rejection::MalformedHeader {
                header: ID,
                reason: "must be 1 to 256 characters",
            });
        }
        let timestamp: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| Rejection::MalformedHeader {
                header: TIMESTAMP,
                reason: "expected Unix seconds",
            })?;
        self.check_window(timestamp)?;

        let mut signed = self.keys.clone();
        for mac in &mut signed {
            mac.update(id.as_bytes());
            mac.update(format!(".{timestamp}.").as_bytes());
            mac.update(body);
        }
        let matched = signatures
            .split_ascii_whitespace()
            .take(MAX_SIGNATURES)
            .filter_map(|entry| entry.split_once(','))
            // Other versions (e.g. `v1a`, asymmetric) are not ours to check.
            .filter(|(version, _)| *version == "v1")
            .filter_map(|(_, sig)| LENIENT_BASE64.decode(sig).ok())
            .any(|sig| {
                signed
                    .iter()
                    .any(|mac| mac.clone().verify_slice(&sig).is_ok())
            });
        if matched {
            Ok(Verified {
                delivery_id: Some(id.to_string()),
                timestamp: Some(timestamp),
            })
        } else {
            Err(Rejection::BadSignature)
        }
    }

    fn check_window(&self, timestamp: i64) -> Result<(), Rejection> {
        let now = unix_seconds(self.clock.now());
        let tolerance = i64::try_from(self.tolerance.as_secs()).unwrap_or(i64::MAX);
        let age = now.saturating_sub(timestamp);
        if age > tolerance {
            return Err(Rejection::Stale { age_s: age });
        }
        if -age > tolerance {
            return Err(Rejection::Future { ahead_s: -age });
        }
        Ok(())
    }

    /// The `webhook-signature` value the first secret gives a delivery: `v1,<base64>`.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let Some(key) = self.keys.first() else {
            return String::new();
        };
        let mut mac = key.clone();
        mac.update(format!("{id}.{timestamp}.").as_bytes());
        mac.update(body);
        format!(
            "v1,{}",
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        )
    }
}

/// A `whsec_<base64>` secret as its HMAC key; the reason when it is not one.
fn decode_secret(secret: &str) -> Result<Hmac<Sha256>, &'static str> {
    let encoded = secret.strip_prefix("whsec_").unwrap_or(secret);
    let bytes = LENIENT_BASE64
        .decode(encoded.trim())
        .map_err(|_| "is not base64 (expected whsec_<base64>)")?;
    if bytes.is_empty() {
        return Err("is empty");
    }
    Hmac::<Sha256>::new_from_slice(&bytes).map_err(|_| "is not a usable key")
}

fn unix_seconds(time: std::time::SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

impl fmt::Debug for StandardVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StandardVerifier")
            .field("secrets", &self.keys.len())
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use nbi_core::ManualClock;

    use super::*;

    const NOW: u64 = 1_750_000_000;

    fn verifier(secret: &str) -> StandardVerifier {
        StandardVerifier::new(&[SecretString::from(secret.to_string())])
            .unwrap()
            .clock(Arc::new(ManualClock::new(
                UNIX_EPOCH + Duration::from_secs(NOW),
            )))
    }

    fn headers(id: &str, ts: &str, sig: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(ID, id.parse().unwrap());
        h.insert(TIMESTAMP, ts.parse().unwrap());
        h.insert(SIGNATURE, sig.parse().unwrap());
        h
    }

    #[test]
    fn other_versions_and_garbage_entries_are_skipped_not_fatal() {
        let v = verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        let good = v.sign("m", NOW as i64, b"{}");
        let list = format!("v1a,AAAA nonsense v1,!!!notbase64 {good}");
        assert!(
            v.verify(&headers("m", &NOW.to_string(), &list), b"{}")
                .is_ok()
        );
        let only_others = "v1a,AAAA v2,BBBB";
        assert_eq!(
            v.verify(&headers("m", &NOW.to_string(), only_others), b"{}"),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn the_window_is_inclusive_at_five_minutes() {
        let v = verifier("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        for (offset, ok) in [(-300i64, true), (300, true), (-301, false), (301, false)] {
            let ts = NOW as i64 + offset;
            let sig = v.sign("m", ts, b"{}");
            let result = v.verify(&headers("m", &ts.to_string(), &sig), b"{}");
            assert_eq!(result.is_ok(), ok, "offset {offset}: {result:?}");
        }
    }

    #[test]
    fn secrets_decode_padded_or_not_and_bad_ones_are_named_by_index() {
        // 31 bytes: unpadded base64 of it has a missing `=`.
        let raw = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg";
        assert!(decode_secret(raw).is_ok());
        assert!(decode_secret(&format!("whsec_{raw}=")).is_ok());
        let err = StandardVerifier::new(&[
            SecretString::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            SecretString::from("whsec_"),
        ])
        .unwrap_err();
        assert_eq!(err.to_string(), "secrets[1]: is empty");
        let v = verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assert!(!format!("{v:?}").contains("MfKQ9r8G"));
    }
}
