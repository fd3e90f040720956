//! `auth = { scheme = …, … }`: how a service authenticates.

use serde::Deserialize;

use super::SecretField;

/// A service's authentication settings, tagged by `scheme`. Absent = `none`.
///
/// OFSC writes its basic and oauth2 credentials as `client_id` / `client_secret`; for `basic`
/// these are accepted as aliases of `username` / `password`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(tag = "scheme", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AuthSettings {
    /// No authentication.
    #[default]
    None,
    /// HTTP basic authentication.
    Basic {
        /// The user name (or OFSC client id).
        #[serde(alias = "client_id")]
        username: String,
        /// The password (or OFSC client secret).
        #[serde(alias = "client_secret")]
        password: SecretField,
    },
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// The token.
        token: SecretField,
    },
    /// `Authorization: Token <token>` (NetBox).
    Token {
        /// The token.
        token: SecretField,
    },
    /// OAuth 2 client credentials.
    Oauth2 {
        /// The token endpoint; services that know theirs (OFSC) may leave it out.
        token_url: Option<String>,
        /// The client id.
        client_id: String,
        /// The client secret.
        client_secret: SecretField,
        /// The scope asked for, if any.
        scope: Option<String>,
    },
    /// A JWT obtained by logging in, renewed through a refresh endpoint.
    JwtLogin {
        /// The login path. Default `/auth/login`.
        #[serde(default = "default_login_path")]
        login_path: String,
        /// The refresh path. Default `/auth/refresh`.
        #[serde(default = "default_refresh_path")]
        refresh_path: String,
        /// The user name.
        username: String,
        /// The password.
        password: SecretField,
    },
    /// A login session (CMS login/logout).
    Session {
        /// The user name.
        username: String,
        /// The password.
        password: SecretField,
    },
}

fn default_login_path() -> String {
    "/auth/login".to_string()
}

fn default_refresh_path() -> String {
    "/auth/refresh".to_string()
}

impl AuthSettings {
    /// The scheme's name as written in `nbi.toml`.
    pub fn scheme(&self) -> &'static str {
        match self {
            AuthSettings::None => "none",
            AuthSettings::Basic { .. } => "basic",
            AuthSettings::Bearer { .. } => "bearer",
            AuthSettings::Token { .. } => "token",
            AuthSettings::Oauth2 { .. } => "oauth2",
            AuthSettings::JwtLogin { .. } => "jwt-login",
            AuthSettings::Session { .. } => "session",
        }
    }
}

/// Field names that hold a secret in an `auth` table (and in `[webhooks]`).
pub(crate) const SECRET_FIELDS: &[&str] = &["password", "token", "client_secret", "secret"];

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<AuthSettings, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn schemes_parse_with_their_defaults() {
        let jwt = parse(r#"{"scheme":"jwt-login","username":"u","password":{"env":"P"}}"#).unwrap();
        match jwt {
            AuthSettings::JwtLogin {
                login_path,
                refresh_path,
                ..
            } => {
                assert_eq!(login_path, "/auth/login");
                assert_eq!(refresh_path, "/auth/refresh");
            }
            other => panic!("{other:?}"),
        }
        let ofsc = parse(r#"{"scheme":"basic","client_id":"c","client_secret":{"env":"S"}}"#);
        assert!(matches!(ofsc.unwrap(), AuthSettings::Basic { username, .. } if username == "c"));
        assert_eq!(
            parse(r#"{"scheme":"oauth2","client_id":"c","client_secret":{"file":"f"}}"#)
                .unwrap()
                .scheme(),
            "oauth2"
        );
    }

    #[test]
    fn unknown_schemes_and_fields_are_refused() {
        assert!(parse(r#"{"scheme":"kerberos"}"#).is_err());
        let err = parse(r#"{"scheme":"token","token":{"env":"T"},"tokn":1}"#).unwrap_err();
        assert!(err.to_string().contains("tokn"), "{err}");
    }
}
