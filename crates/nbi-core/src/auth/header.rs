//! The `Authorization` header value every header-carried scheme builds.

use http::header::AUTHORIZATION;
use http::{HeaderMap, HeaderValue};

use super::Credential;
use crate::error::{Error, Result};
use crate::secret::ExposeSecret;

/// Sets `Authorization: <scheme> <credential>`, marked sensitive so that HTTP/2 never indexes it
/// and `Debug` of the header map hides it.
pub(crate) fn set_authorization(
    headers: &mut HeaderMap,
    scheme: &str,
    credential: &Credential,
) -> Result<()> {
    let text = format!("{scheme} {}", credential.secret().expose_secret());
    let mut value = HeaderValue::from_str(&text).map_err(|_| {
        // The value is never quoted: it is the secret.
        Error::auth(format!(
            "the {scheme} credential holds characters not allowed in a header"
        ))
    })?;
    value.set_sensitive(true);
    headers.insert(AUTHORIZATION, value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::SecretString;

    #[test]
    fn rejects_control_characters_without_quoting_them() {
        let credential = Credential::new(SecretString::from("abc\ndef".to_owned()));
        let err = set_authorization(&mut HeaderMap::new(), "Bearer", &credential).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Auth);
        assert!(!format!("{err:?}").contains("abc"));
    }

    #[test]
    fn values_are_sensitive_and_replace_earlier_ones() {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic old"));
        let credential = Credential::new(SecretString::from("t0k".to_owned()));
        set_authorization(&mut headers, "Bearer", &credential).unwrap();
        let value = &headers[AUTHORIZATION];
        assert_eq!(value, "Bearer t0k");
        assert!(value.is_sensitive());
        assert_eq!(headers.get_all(AUTHORIZATION).iter().count(), 1);
    }
}
