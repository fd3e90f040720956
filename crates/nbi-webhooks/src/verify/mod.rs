//! Signature checks, one verifier per [`Scheme`], usable without the HTTP receiver.
//!
//! Every comparison of a signature is constant time (`hmac`'s `verify_slice`). A rejection says
//! which check failed and the HTTP status it is answered with; it never holds a secret or a
//! header's value.

pub(crate) mod hex;
mod mano;
mod rejection;
mod standard;

use std::fmt;

use axum::http::HeaderMap;

pub use self::mano::{MANO_SIGNATURE_HEADER, ManoVerifier};
pub use self::rejection::Rejection;
pub use self::standard::{DEFAULT_TOLERANCE, StandardVerifier};
use crate::Scheme;

/// What a successful check learned about a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The sender's delivery id (`webhook-id`); the MANO scheme signs none.
    pub delivery_id: Option<String>,
    /// The signed timestamp (Unix seconds, `webhook-timestamp`); the MANO scheme signs none.
    pub timestamp: Option<i64>,
}

/// A verifier for one scheme and its secrets.
#[derive(Clone)]
pub enum Verifier {
    /// The MANO scheme.
    Mano(ManoVerifier),
    /// Standard Webhooks.
    Standard(StandardVerifier),
}

impl Verifier {
    /// Checks a delivery's headers against its raw body.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<Verified, Rejection> {
        match self {
            Verifier::Mano(v) => v.verify(headers, body),
            Verifier::Standard(v) => v.verify(headers, body),
        }
    }

    /// The scheme checked.
    pub fn scheme(&self) -> Scheme {
        match self {
            Verifier::Mano(_) => Scheme::Mano,
            Verifier::Standard(_) => Scheme::Standard,
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verifier::Mano(v) => v.fmt(f),
            Verifier::Standard(v) => v.fmt(f),
        }
    }
}

impl From<ManoVerifier> for Verifier {
    fn from(v: ManoVerifier) -> Self {
        Verifier::Mano(v)
    }
}

impl From<StandardVerifier> for Verifier {
    fn from(v: StandardVerifier) -> Self {
        Verifier::Standard(v)
    }
}

/// A header's value as text, or the rejection for a header that is absent or not text.
fn header<'h>(headers: &'h HeaderMap, name: &'static str) -> Result<&'h str, Rejection> {
    let value = headers
        .get(name)
        .ok_or(Rejection::MissingHeader { header: name })?;
    value.to_str().map_err(|_| Rejection::MalformedHeader {
        header: name,
        reason: "not visible ASCII",
    })
}
