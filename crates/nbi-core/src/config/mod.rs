//! Layered settings (`nbi.toml`) and the credential sources they name.
//!
//! Precedence, lowest first: built-in defaults < `nbi.toml` (or `--config FILE`) < `.env` <
//! `NBI__` environment variables < command-line overrides (`--set a.b.c=value`). Relative paths
//! in the file resolve against the file's folder. A secret field in `nbi.toml` is never a plain
//! string: it is `{ env = … }`, `{ file = … }`, `{ command = … }` or `{ keyring = … }`; a value
//! from the environment (an `NBI__` variable, or a service's conventional one such as
//! `OFSC_CLIENT_SECRET`) is taken as given.
//!
//! [`Settings::load`] merges the layers, checks them and returns a [`Loaded`], which keeps the
//! merged layers for provenance (`nbi config show`, see [`Loaded::effective`]).

mod auth;
mod env;
mod file;
mod layer;
mod load;
mod options;
mod provenance;
mod secrets;
mod service;
mod show;
mod validate;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

pub use auth::AuthSettings;
pub use env::{CONVENTIONAL_SECRETS, ConventionalSecret};
pub use load::Loaded;
pub use options::LoadOptions;
pub use service::ServiceSettings;
pub use show::ShownValue;

/// A secret field of the settings: a [`SecretSource`](crate::SecretSource).
pub type SecretField = crate::secret::SecretSource;

/// The whole settings file, merged from every layer.
///
/// Top-level tables other than `[settings]` and `[tenants]` (`[fleet]`, `[webhooks]`,
/// `[workflow]`, …) are kept in [`Settings::extra`] for the crates that read them; they can
/// also be extracted with their field paths kept through [`Loaded::section`].
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `[settings]`: process-wide settings.
    pub settings: GlobalSettings,
    /// `[tenants.<tenant>.<service>]`: each tenant's services by name.
    pub tenants: BTreeMap<String, BTreeMap<String, ServiceSettings>>,
    /// Every other top-level table, as JSON.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The folder relative paths resolve against: the settings file's, else the working one.
    pub base_dir: PathBuf,
}

impl Settings {
    /// A service's settings, if the tenant has it.
    pub fn service(&self, tenant: &str, service: &str) -> Option<&ServiceSettings> {
        self.tenants.get(tenant)?.get(service)
    }

    /// `path` resolved against [`Settings::base_dir`] when relative.
    pub fn resolve_path(&self, path: impl AsRef<Path>) -> PathBuf {
        self.base_dir.join(path)
    }
}

/// `[settings]`: process-wide settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GlobalSettings {
    /// Accept `http://` URLs. Default false: plain HTTP is refused.
    pub allow_insecure_http: bool,
    /// Extra root certificates (PEM). Certificates are always verified.
    pub ca_bundle: Option<PathBuf>,
    /// The format of log lines on stderr.
    pub log_format: LogFormat,
    /// Where `/metrics` is served by long-running commands.
    pub metrics: Option<MetricsSettings>,
}

/// The format of log lines (shared with [`crate::telemetry::init_logging`]).
pub use crate::telemetry::LogFormat;

/// `[settings.metrics]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricsSettings {
    /// The address `/metrics` listens on, e.g. `127.0.0.1:9464`.
    pub listen: SocketAddr,
}

/// A service's client certificate (mutual TLS), PEM files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TlsSettings {
    /// The client certificate chain.
    pub client_cert: Option<PathBuf>,
    /// The client certificate's private key.
    pub client_key: Option<PathBuf>,
}

// Written by hand rather than with `#[serde(flatten)]`: flattening buffers the whole table,
// and figment would then lose the path of a bad value below it.
impl<'de> Deserialize<'de> for Settings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(SettingsVisitor)
    }
}

struct SettingsVisitor;

impl<'de> Visitor<'de> for SettingsVisitor {
    type Value = Settings;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table of settings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Settings, A::Error> {
        let mut settings = Settings::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "settings" => settings.settings = map.next_value()?,
                "tenants" => settings.tenants = map.next_value()?,
                _ => {
                    let value = map.next_value::<serde_json::Value>()?;
                    settings.extra.insert(key, value);
                }
            }
        }
        Ok(settings)
    }
}
