//! HS256 JSON Web Tokens, signed with the simulator's key.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::json;
use sha2::Sha256;

/// A signed JWT for `subject` of tenant index `tenant`, expiring in `ttl_s`; `jti` makes it unique.
pub(super) fn sign(key: &[u8], subject: &str, tenant: usize, ttl_s: u64, jti: u64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let claims = json!({
        "sub": subject,
        "tenant": format!("tenant-{}", tenant + 1),
        "iat": now,
        "exp": now + ttl_s,
        "jti": jti.to_string(),
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    let signature = URL_SAFE_NO_PAD.encode(mac(key, signing_input.as_bytes()));
    format!("{signing_input}.{signature}")
}

fn mac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_has_three_parts_and_a_valid_signature() {
        let token = sign(b"key", "alice", 0, 60, 1);
        let parts: Vec<_> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        let expected =
            URL_SAFE_NO_PAD.encode(mac(b"key", format!("{}.{}", parts[0], parts[1]).as_bytes()));
        assert_eq!(parts[2], expected);
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(
            claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
            60
        );
    }
}
