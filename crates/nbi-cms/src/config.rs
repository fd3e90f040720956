//! Reading `[tenants.T.cms]`: `url`, `rest_url`, `node_type` and `auth = { scheme = "session",
//! username, password }`, or the conventional `CMS_USERNAME` / `CMS_PASSWORD` variables when
//! the table names no auth.

use std::sync::Arc;

use nbi_core::config::AuthSettings;
use nbi_core::{Error, Result, SecretSource, Settings, SharedSecret};
use url::Url;

use crate::models::node::NodeType;

/// The conventional user name variable.
pub const USERNAME_VAR: &str = "CMS_USERNAME";
/// The conventional password variable.
pub const PASSWORD_VAR: &str = "CMS_PASSWORD";

/// One CMS's settings.
pub(crate) struct CmsSettings {
    pub(crate) url: Url,
    pub(crate) rest_url: Option<Url>,
    pub(crate) node_type: NodeType,
    pub(crate) username: String,
    pub(crate) password: SharedSecret,
}

impl CmsSettings {
    pub(crate) fn from_settings(settings: &Settings, tenant: &str, service: &str) -> Result<Self> {
        let prefix = format!("tenants.{tenant}.{service}");
        let s = settings
            .service(tenant, service)
            .ok_or_else(|| Error::config(&prefix, "no such tenant and service in the settings"))?;
        let url = s
            .url
            .clone()
            .ok_or_else(|| Error::config(format!("{prefix}.url"), "is required"))?;
        let rest_url = match s.extra.get("rest_url") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(text)) => Some(Url::parse(text).map_err(|e| {
                Error::config(
                    format!("{prefix}.rest_url"),
                    format!("not a valid URL ({e})"),
                )
            })?),
            Some(_) => {
                return Err(Error::config(
                    format!("{prefix}.rest_url"),
                    "must be a URL string",
                ));
            }
        };
        let node_type = match s.extra_str("node_type") {
            None => NodeType::E7,
            Some(text) => text.parse().map_err(|_| {
                Error::config(
                    format!("{prefix}.node_type"),
                    format!("{text:?} is not one of e7, c7, e3, e5-100"),
                )
            })?,
        };
        let (username, password): (String, SharedSecret) = match &s.auth {
            AuthSettings::Session { username, password } => {
                (username.clone(), Arc::new(password.clone()))
            }
            AuthSettings::None => {
                let username = std::env::var(USERNAME_VAR).map_err(|_| {
                    Error::config(
                        format!("{prefix}.auth"),
                        format!("is missing: give auth = {{ scheme = \"session\", username, password }} or set {USERNAME_VAR} and {PASSWORD_VAR}"),
                    )
                })?;
                (
                    username,
                    Arc::new(SecretSource::Env(PASSWORD_VAR.to_owned())),
                )
            }
            other => {
                return Err(Error::config(
                    format!("{prefix}.auth.scheme"),
                    format!(
                        "CMS logs in with scheme \"session\", not {:?}",
                        other.scheme()
                    ),
                ));
            }
        };
        Ok(CmsSettings {
            url,
            rest_url,
            node_type,
            username,
            password,
        })
    }
}
