//! Hides credentials in headers, query pairs, JSON and free text before anything is logged.
//!
//! Every function works on names, not on guessing values: a header, query key or JSON key that
//! looks like it holds a credential has its value replaced by [`REDACTED`]. [`redact_text`]
//! covers the remaining case of a known secret value appearing in text.

use http::HeaderMap;
use serde_json::Value;

/// What a hidden value is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// Header names hidden whatever else they contain.
const SENSITIVE_HEADERS: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
];

/// A header whose (lower-case) name contains one of these is hidden too.
const SENSITIVE_HEADER_PARTS: &[&str] = &["token", "secret", "key", "session", "password"];

/// Query keys and JSON keys (compared without case) whose value is hidden.
const SENSITIVE_KEYS: &[&str] = &[
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "api_key",
    "apikey",
    "key",
    "secret",
    "client_secret",
    "password",
    "passwd",
    "sig",
    "signature",
    "session",
    "sessionid",
    "authorization",
];

/// True when a header of this name may carry a credential.
pub fn is_sensitive_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SENSITIVE_HEADERS.contains(&name.as_str())
        || SENSITIVE_HEADER_PARTS
            .iter()
            .any(|part| name.contains(part))
}

/// True when a query or JSON key of this name may carry a credential.
pub fn is_sensitive_key(key: &str) -> bool {
    SENSITIVE_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// Headers as `(name, value)` text pairs with credentials hidden; unprintable values show as
/// `[binary]`.
pub fn redact_headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if is_sensitive_header(name.as_str()) {
                REDACTED.to_owned()
            } else {
                value
                    .to_str()
                    .map_or_else(|_| "[binary]".to_owned(), str::to_owned)
            };
            (name.as_str().to_owned(), shown)
        })
        .collect()
}

/// Query pairs with the values of credential-like keys hidden.
pub fn redact_query(pairs: &[(String, String)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(key, value)| {
            let shown = if is_sensitive_key(key) {
                REDACTED.to_owned()
            } else {
                value.clone()
            };
            (key.clone(), shown)
        })
        .collect()
}

/// Hides, at any depth, the values of object keys that look like credentials.
pub fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if is_sensitive_key(key) {
                    *inner = Value::String(REDACTED.to_owned());
                } else {
                    redact_json(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// Replaces every occurrence of each known secret value in `s`. Empty secrets are ignored, and
/// longer secrets are replaced first so one that contains another is still fully hidden.
pub fn redact_text(s: &str, secrets: &[&str]) -> String {
    let mut ordered: Vec<&str> = secrets.iter().copied().filter(|x| !x.is_empty()).collect();
    ordered.sort_by_key(|x| std::cmp::Reverse(x.len()));
    let mut out = s.to_owned();
    for secret in ordered {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use serde_json::json;

    #[test]
    fn headers_hide_credentials_and_keep_the_rest() {
        let mut h = HeaderMap::new();
        for (name, value) in [
            ("authorization", "Bearer abc"),
            ("proxy-authorization", "Basic xyz"),
            ("cookie", "a=b"),
            ("set-cookie", "session=1"),
            ("x-api-key", "k1"),
            ("x-auth-token", "t1"),
            ("x-csrftoken", "c1"),
            ("x-client-secret", "s1"),
            ("x-session-id", "s2"),
            ("x-password", "p1"),
            ("accept", "application/json"),
            ("x-request-id", "r-1"),
        ] {
            h.insert(
                http::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        let shown = redact_headers(&h);
        let value = |n: &str| {
            shown
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
                .unwrap()
        };
        for hidden in [
            "authorization",
            "proxy-authorization",
            "cookie",
            "set-cookie",
            "x-api-key",
            "x-auth-token",
            "x-csrftoken",
            "x-client-secret",
            "x-session-id",
            "x-password",
        ] {
            assert_eq!(value(hidden), REDACTED, "{hidden}");
        }
        assert_eq!(value("accept"), "application/json");
        assert_eq!(value("x-request-id"), "r-1");
    }

    #[test]
    fn binary_header_values_are_not_printed() {
        let mut h = HeaderMap::new();
        h.insert("x-blob", HeaderValue::from_bytes(&[0xff, 0xfe]).unwrap());
        assert_eq!(redact_headers(&h)[0].1, "[binary]");
    }

    #[test]
    fn query_hides_credential_keys_in_any_case() {
        let pairs: Vec<(String, String)> = [
            ("limit", "50"),
            ("access_token", "a"),
            ("API_KEY", "b"),
            ("apikey", "c"),
            ("Sig", "d"),
            ("sessionid", "e"),
            ("client_secret", "f"),
            ("passwd", "g"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let shown = redact_query(&pairs);
        assert_eq!(shown[0], ("limit".into(), "50".into()));
        assert!(shown[1..].iter().all(|(_, v)| v == REDACTED), "{shown:?}");
        assert_eq!(shown[2].0, "API_KEY");
    }

    #[test]
    fn json_is_redacted_at_any_depth() {
        let mut v = json!({
            "user": "ops",
            "password": "hunter2",
            "auth": {"refresh_token": "r", "Authorization": "Bearer x", "scope": "read"},
            "items": [{"secret": {"nested": 1}}, {"name": "ok"}],
        });
        redact_json(&mut v);
        assert_eq!(
            v,
            json!({
                "user": "ops",
                "password": REDACTED,
                "auth": {"refresh_token": REDACTED, "Authorization": REDACTED, "scope": "read"},
                "items": [{"secret": REDACTED}, {"name": "ok"}],
            })
        );
    }

    #[test]
    fn text_hides_known_secret_values() {
        let s = "login with hunter2 then hunter22 failed; token=abc";
        let shown = redact_text(s, &["hunter2", "hunter22", "", "abc"]);
        assert_eq!(
            shown,
            "login with [REDACTED] then [REDACTED] failed; token=[REDACTED]"
        );
        assert_eq!(redact_text("plain", &[]), "plain");
    }
}
