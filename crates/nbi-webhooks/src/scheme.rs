//! Which signature scheme a sender uses.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

/// How deliveries are signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// The O-RAN Intent-MANO's: `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the body>`,
    /// no timestamp, so replays are caught only by the delivery id.
    Mano,
    /// [Standard Webhooks](https://www.standardwebhooks.com/): `webhook-id`,
    /// `webhook-timestamp` and `webhook-signature: v1,<base64>` over `id.timestamp.body`.
    Standard,
}

impl Scheme {
    /// `mano` or `standard`, as written in settings and metric labels.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Mano => "mano",
            Scheme::Standard => "standard",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scheme name that is neither `mano` nor `standard`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScheme(pub String);

impl fmt::Display for UnknownScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown scheme {:?}: expected \"mano\" or \"standard\"",
            self.0
        )
    }
}

impl std::error::Error for UnknownScheme {}

impl FromStr for Scheme {
    type Err = UnknownScheme;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "mano" => Ok(Scheme::Mano),
            "standard" => Ok(Scheme::Standard),
            other => Err(UnknownScheme(other.chars().take(40).collect())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_names_and_names_an_unknown_one() {
        assert_eq!("mano".parse::<Scheme>(), Ok(Scheme::Mano));
        assert_eq!("standard".parse::<Scheme>(), Ok(Scheme::Standard));
        let err = "svix".parse::<Scheme>().unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"unknown scheme "svix": expected "mano" or "standard""#
        );
    }
}
