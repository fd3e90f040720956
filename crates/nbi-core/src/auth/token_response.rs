//! The `{access_token, token_type, expires_in, refresh_token}` answer of OAuth2 token endpoints
//! and JWT logins.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer};

use crate::secret::SecretString;

/// A token endpoint's answer. Unknown fields are ignored.
#[derive(Debug, Deserialize)]
pub(crate) struct TokenResponse {
    pub(crate) access_token: SecretString,
    #[serde(default)]
    pub(crate) token_type: Option<String>,
    #[serde(default, deserialize_with = "seconds")]
    pub(crate) expires_in: Option<u64>,
    #[serde(default)]
    pub(crate) refresh_token: Option<SecretString>,
}

impl TokenResponse {
    /// `now + expires_in`, when the server said how long the token lives.
    pub(crate) fn expiry_from(&self, now: SystemTime) -> Option<SystemTime> {
        now.checked_add(Duration::from_secs(self.expires_in?))
    }

    /// True unless the server named a token type other than bearer (we send `Bearer` anyway;
    /// the caller logs the oddity).
    pub(crate) fn is_bearer(&self) -> bool {
        self.token_type
            .as_deref()
            .is_none_or(|t| t.eq_ignore_ascii_case("bearer"))
    }
}

/// Reads `expires_in` given as a number (integer or float) or as a numeric string, as some
/// token services send it; `null` is absent.
fn seconds<'de, D: Deserializer<'de>>(de: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Int(u64),
        Float(f64),
        Text(String),
    }
    let raw = Option::<Raw>::deserialize(de)?;
    let secs = match raw {
        None => return Ok(None),
        Some(Raw::Int(n)) => n,
        Some(Raw::Float(f)) if f.is_finite() && f >= 0.0 => f as u64,
        Some(Raw::Text(s)) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom("expires_in is not a number of seconds"))?,
        Some(Raw::Float(_)) => {
            return Err(serde::de::Error::custom(
                "expires_in is not a number of seconds",
            ));
        }
    };
    Ok(Some(secs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::exchange::decode_json;
    use crate::secret::ExposeSecret;

    #[test]
    fn expires_in_may_be_a_number_a_float_a_string_or_absent() {
        for (body, want) in [
            (r#"{"access_token":"a","expires_in":3600}"#, Some(3600)),
            (r#"{"access_token":"a","expires_in":59.9}"#, Some(59)),
            (r#"{"access_token":"a","expires_in":"120"}"#, Some(120)),
            (r#"{"access_token":"a","expires_in":null}"#, None),
            (r#"{"access_token":"a"}"#, None),
        ] {
            let parsed: TokenResponse = decode_json(body.as_bytes()).unwrap();
            assert_eq!(parsed.expires_in, want, "{body}");
            assert_eq!(parsed.access_token.expose_secret(), "a");
        }
        let err = decode_json::<TokenResponse>(br#"{"access_token":"a","expires_in":"soon"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("expires_in"));
    }

    #[test]
    fn token_type_is_compared_without_case() {
        let parsed: TokenResponse =
            decode_json(br#"{"access_token":"a","token_type":"bearer"}"#).unwrap();
        assert!(parsed.is_bearer());
        let parsed: TokenResponse =
            decode_json(br#"{"access_token":"a","token_type":"mac"}"#).unwrap();
        assert!(!parsed.is_bearer());
    }
}
