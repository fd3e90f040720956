//! The credentials a client needs for one tenant, as handed out by [`SimHandle::endpoints`](crate::SimHandle::endpoints).

use std::fmt;

use serde::Serialize;

/// How a client authenticates to one tenant of a simulated service.
#[derive(Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "scheme", rename_all = "snake_case")]
pub enum Credentials {
    /// No credentials.
    None,
    /// HTTP basic auth.
    Basic {
        /// User name.
        username: String,
        /// Password.
        password: String,
    },
    /// A static bearer token.
    Bearer {
        /// The token.
        token: String,
    },
    /// OAuth2 client credentials: `POST token_url` with HTTP basic client auth and
    /// `grant_type=client_credentials`.
    #[serde(rename = "oauth2")]
    OAuth2 {
        /// The token endpoint.
        token_url: String,
        /// Client id.
        client_id: String,
        /// Client secret.
        client_secret: String,
    },
    /// NetBox v1 style: `Authorization: Token <40 hex>`.
    Token {
        /// The API key.
        token: String,
    },
    /// Oracle Field Service: an instance and a client id (sent as `client_id@instance`) with
    /// its secret, over basic auth, or — when `token_url` is set — OAuth 2 client credentials
    /// at that token endpoint.
    Ofsc {
        /// The instance name.
        instance: String,
        /// The client id, without `@instance`.
        client_id: String,
        /// The client secret.
        client_secret: String,
        /// The token endpoint for OAuth 2; `None` = basic auth.
        token_url: Option<String>,
    },
    /// `POST /auth/login {username, password}` for a JWT; `POST /auth/refresh {refresh_token}`.
    JwtLogin {
        /// User name.
        username: String,
        /// Password.
        password: String,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HIDDEN: &str = "[redacted]";
        match self {
            Credentials::None => f.write_str("None"),
            Credentials::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &HIDDEN)
                .finish(),
            Credentials::Bearer { .. } => f.debug_struct("Bearer").field("token", &HIDDEN).finish(),
            Credentials::Token { .. } => f.debug_struct("Token").field("token", &HIDDEN).finish(),
            Credentials::OAuth2 {
                token_url,
                client_id,
                ..
            } => f
                .debug_struct("OAuth2")
                .field("token_url", token_url)
                .field("client_id", client_id)
                .field("client_secret", &HIDDEN)
                .finish(),
            Credentials::Ofsc {
                instance,
                client_id,
                token_url,
                ..
            } => f
                .debug_struct("Ofsc")
                .field("instance", instance)
                .field("client_id", client_id)
                .field("client_secret", &HIDDEN)
                .field("token_url", token_url)
                .finish(),
            Credentials::JwtLogin { username, .. } => f
                .debug_struct("JwtLogin")
                .field("username", username)
                .field("password", &HIDDEN)
                .finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_with_a_scheme_tag() {
        let json = serde_json::to_value(Credentials::Bearer { token: "t".into() }).unwrap();
        assert_eq!(json, serde_json::json!({"scheme": "bearer", "token": "t"}));
        let json = serde_json::to_value(Credentials::None).unwrap();
        assert_eq!(json, serde_json::json!({"scheme": "none"}));
        let oauth = Credentials::OAuth2 {
            token_url: "u".into(),
            client_id: "c".into(),
            client_secret: "s".into(),
        };
        assert_eq!(serde_json::to_value(oauth).unwrap()["scheme"], "oauth2");
    }

    #[test]
    fn debug_hides_secrets() {
        let all = [
            Credentials::Basic {
                username: "u".into(),
                password: "hunter2".into(),
            },
            Credentials::Bearer {
                token: "hunter2".into(),
            },
            Credentials::OAuth2 {
                token_url: "http://x/oauth/token".into(),
                client_id: "c".into(),
                client_secret: "hunter2".into(),
            },
            Credentials::JwtLogin {
                username: "u".into(),
                password: "hunter2".into(),
            },
        ];
        for credentials in all {
            assert!(!format!("{credentials:?}").contains("hunter2"));
        }
    }
}
