//! The MANO scheme: `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.

use std::fmt;

use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use nbi_core::{ExposeSecret, SecretString};
use sha2::Sha256;

use super::{Rejection, Verified, header, hex};
use crate::error::{Error, Result};

/// The signature header (HTTP header names are case-insensitive).
pub const MANO_SIGNATURE_HEADER: &str = "x-webhook-signature";

/// Checks MANO deliveries against one or more secrets (several while one is being rotated).
///
/// ```
/// use axum::http::HeaderMap;
/// use nbi_core::SecretString;
/// use nbi_webhooks::ManoVerifier;
///
/// let verifier = ManoVerifier::new(&[SecretString::from("your-webhook-secret")])?;
/// let body = br#"{"event":"deployment.started","deployment_id":"dep-42"}"#;
/// let mut headers = HeaderMap::new();
/// headers.insert("X-Webhook-Signature", verifier.sign(body).parse()?);
/// assert!(verifier.verify(&headers, body).is_ok());
/// assert!(verifier.verify(&headers, b"{}").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ManoVerifier {
    // Keyed MAC states, so the raw secrets are not kept around after setup.
    keys: Vec<Hmac<Sha256>>,
}

impl ManoVerifier {
    /// A verifier accepting a signature made with any of `secrets` (their UTF-8 bytes are the
    /// HMAC key, as the MANO signs). Errors name the empty secret by index.
    pub fn new(secrets: &[SecretString]) -> Result<Self> {
        if secrets.is_empty() {
            return Err(Error::config("secrets", "at least one secret is needed"));
        }
        let mut keys = Vec::with_capacity(secrets.len());
        for (i, secret) in secrets.iter().enumerate() {
            let bytes = secret.expose_secret().as_bytes();
            if bytes.is_empty() {
                return Err(Error::config(format!("secrets[{i}]"), "is empty"));
            }
            // HMAC takes a key of any length; this cannot fail.
            let key = Hmac::<Sha256>::new_from_slice(bytes)
                .map_err(|_| Error::config(format!("secrets[{i}]"), "is not a usable key"))?;
            keys.push(key);
        }
        Ok(ManoVerifier { keys })
    }

    /// Checks `X-Webhook-Signature` against the raw body.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, Rejection> {
        let value = header(headers, MANO_SIGNATURE_HEADER)?;
        let digest = value
            .trim()
            .strip_prefix("sha256=")
            .ok_or(Rejection::MalformedHeader {
                header: MANO_SIGNATURE_HEADER,
                reason: "expected sha256=<hex>",
            })?;
        let signature = hex::decode_digest(digest).ok_or(Rejection::MalformedHeader {
            header: MANO_SIGNATURE_HEADER,
            reason: "expected 64 hex digits after sha256=",
        })?;
        let matched = self.keys.iter().any(|key| {
            let mut mac = key.clone();
            mac.update(body);
            mac.verify_slice(&signature).is_ok()
        });
        if matched {
            Ok(Verified {
                delivery_id: None,
                timestamp: None,
            })
        } else {
            Err(Rejection::BadSignature)
        }
    }

    /// The header value the first secret gives `body`: `sha256=<hex>` (for senders and tests).
    pub fn sign(&self, body: &[u8]) -> String {
        let Some(key) = self.keys.first() else {
            return String::new();
        };
        let mut mac = key.clone();
        mac.update(body);
        format!("sha256={}", hex::encode(&mac.finalize().into_bytes()))
    }
}

impl fmt::Debug for ManoVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ManoVerifier")
            .field("secrets", &self.keys.len())
            .finish()
    }
}
