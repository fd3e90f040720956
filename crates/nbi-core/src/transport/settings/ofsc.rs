//! Oracle Field Service settings: the URL comes from `instance`, the client id carries
//! `@instance`, and oauth2's token endpoint is known — so a `[tenants.T.ofsc]` table needs only
//! `instance` and `auth = { scheme, client_id, client_secret }`.

use std::borrow::Cow;

use url::Url;

use crate::config::{AuthSettings, ServiceSettings};

/// The service kind these rules apply to.
const KIND: &str = "ofsc";
/// Where an instance's OAuth 2 token service lives, relative to its base URL.
pub(crate) const TOKEN_PATH: &str = "/rest/oauthTokenService/v2/token";

/// `https://{instance}.fs.ocs.oraclecloud.com` for an OFSC service with an `instance` and no
/// `url`; `None` for every other service.
pub(super) fn generated_url(
    s: &ServiceSettings,
    service: &str,
) -> Option<std::result::Result<Url, String>> {
    if s.kind_or(service) != KIND {
        return None;
    }
    let instance = s.extra_str("instance")?;
    let valid = !instance.is_empty()
        && instance
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !valid {
        return Some(Err(
            "an instance name is letters, digits, - and _ only".to_owned()
        ));
    }
    Some(
        Url::parse(&format!("https://{instance}.fs.ocs.oraclecloud.com"))
            .map_err(|e| e.to_string()),
    )
}

/// The auth settings as sent: for OFSC, the client id gains `@instance` (unless it already has
/// an `@`) and oauth2's token URL defaults to the instance's token service.
pub(super) fn effective_auth<'a>(s: &'a ServiceSettings, service: &str) -> Cow<'a, AuthSettings> {
    if s.kind_or(service) != KIND {
        return Cow::Borrowed(&s.auth);
    }
    let with_instance = |id: &str| match s.extra_str("instance") {
        Some(instance) if !id.contains('@') => format!("{id}@{instance}"),
        _ => id.to_owned(),
    };
    match &s.auth {
        AuthSettings::Basic { username, password } => Cow::Owned(AuthSettings::Basic {
            username: with_instance(username),
            password: password.clone(),
        }),
        AuthSettings::Oauth2 {
            token_url,
            client_id,
            client_secret,
            scope,
        } => Cow::Owned(AuthSettings::Oauth2 {
            token_url: Some(token_url.clone().unwrap_or_else(|| TOKEN_PATH.to_owned())),
            client_id: with_instance(client_id),
            client_secret: client_secret.clone(),
            scope: scope.clone(),
        }),
        other => Cow::Borrowed(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SecretSource;

    fn ofsc(auth: AuthSettings, instance: Option<&str>) -> ServiceSettings {
        let mut s = ServiceSettings {
            auth,
            ..ServiceSettings::default()
        };
        if let Some(instance) = instance {
            s.extra.insert("instance".into(), instance.into());
        }
        s
    }

    #[test]
    fn instance_makes_the_url() {
        let s = ofsc(AuthSettings::None, Some("acme-test"));
        let url = generated_url(&s, "ofsc").unwrap().unwrap();
        assert_eq!(url.as_str(), "https://acme-test.fs.ocs.oraclecloud.com/");
        assert!(generated_url(&s, "netbox").is_none());
        let bad = ofsc(AuthSettings::None, Some("a/b"));
        assert!(generated_url(&bad, "ofsc").unwrap().is_err());
    }

    #[test]
    fn client_id_gains_the_instance_and_oauth2_its_token_path() {
        let secret = SecretSource::Env("S".into());
        let basic = ofsc(
            AuthSettings::Basic {
                username: "nbi".into(),
                password: secret.clone(),
            },
            Some("acme"),
        );
        assert!(matches!(&*effective_auth(&basic, "ofsc"),
            AuthSettings::Basic { username, .. } if username == "nbi@acme"));
        let oauth = ofsc(
            AuthSettings::Oauth2 {
                token_url: None,
                client_id: "nbi@other".into(),
                client_secret: secret,
                scope: None,
            },
            Some("acme"),
        );
        assert!(matches!(&*effective_auth(&oauth, "ofsc"),
            AuthSettings::Oauth2 { client_id, token_url: Some(url), .. }
                if client_id == "nbi@other" && url == TOKEN_PATH));
        assert!(matches!(
            &*effective_auth(&basic, "netbox"),
            AuthSettings::Basic { username, .. } if username == "nbi"
        ));
    }
}
