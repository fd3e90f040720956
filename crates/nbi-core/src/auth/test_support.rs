//! Helpers shared by the auth tests: a context on a manual clock, a rotatable secret, fake JWTs.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::AuthContext;
use crate::clock::ManualClock;
use crate::error::Result;
use crate::secret::{SecretResolver, SecretString, SharedSecret};

/// Where every test clock starts: 2023-11-14T22:13:20Z.
pub(crate) const START_SECS: u64 = 1_700_000_000;

pub(crate) fn start() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(START_SECS)
}

/// A context pointing at `base`, with a manual clock at [`start`].
pub(crate) fn context(base: &str) -> AuthContext {
    context_with_clock(base, ManualClock::new(start()))
}

pub(crate) fn context_with_clock(base: &str, clock: ManualClock) -> AuthContext {
    AuthContext {
        http: reqwest::Client::new(),
        base_url: base.parse().unwrap(),
        timeout: Duration::from_secs(5),
        clock: Arc::new(clock),
        service: "nms".into(),
        tenant: "acme".into(),
    }
}

/// A secret whose value the test can change, as a rotated file or keyring entry would.
pub(crate) struct RotatingSecret(Mutex<String>);

impl std::fmt::Debug for RotatingSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The `SecretResolver` contract: Debug never shows the value.
        f.write_str("RotatingSecret([REDACTED])")
    }
}

impl RotatingSecret {
    pub(crate) fn new(value: &str) -> Arc<Self> {
        Arc::new(RotatingSecret(Mutex::new(value.to_owned())))
    }

    pub(crate) fn rotate(&self, value: &str) {
        *self.0.lock().unwrap() = value.to_owned();
    }

    pub(crate) fn shared(self: &Arc<Self>) -> SharedSecret {
        self.clone()
    }
}

impl SecretResolver for RotatingSecret {
    fn resolve(&self) -> Result<SecretString> {
        Ok(SecretString::from(self.0.lock().unwrap().clone()))
    }
}

/// An HS256-shaped token whose payload is `claims`; the signature is arbitrary bytes.
pub(crate) fn fake_jwt(claims: serde_json::Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signature = URL_SAFE_NO_PAD.encode([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02]);
    format!("{header}.{payload}.{signature}")
}
