//! The `[webhooks]` settings table of `nbi.toml`.
//!
//! ```toml
//! [webhooks]
//! listen = "127.0.0.1:8088"          # default
//! path = "/"                         # default
//! scheme = "standard"                # or "mano"; required
//! secrets = [{ env = "WH_SECRET_NEW" }, { file = "secrets/wh-old" }]   # or secret = { … }
//! max_body = 1048576                 # bytes, default
//! out = "events.jsonl"               # every accepted event, one JSON line each
//! store = "webhooks.db"              # seen ids and handler outcomes (default: beside out)
//! ```
//!
//! The store defaults to `<out>.db` beside `out` (so one folder holds a receiver's whole
//! state), else `nbi-webhooks.db` in the settings file's folder. Relative paths resolve
//! against the settings file's folder.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use nbi_core::{SecretResolver, SecretSource, SecretString};
use serde::Deserialize;

use crate::Scheme;
use crate::error::{Error, Result};
use crate::receiver::{DEFAULT_MAX_BODY, WebhookReceiverBuilder};

/// The default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8088";

/// The largest `max_body` accepted: 64 MiB.
const MAX_MAX_BODY: usize = 64 * 1024 * 1024;

/// `[webhooks]`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookSettings {
    /// Where deliveries are received.
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// The path deliveries are posted to.
    #[serde(default = "default_path")]
    pub path: String,
    /// The signature scheme.
    pub scheme: Scheme,
    /// One secret.
    #[serde(default)]
    pub secret: Option<SecretSource>,
    /// Several secrets (any of them verifies), for rotation.
    #[serde(default)]
    pub secrets: Vec<SecretSource>,
    /// The body cap in bytes.
    #[serde(default = "default_max_body")]
    pub max_body: usize,
    /// The JSON-lines file each accepted event is appended to.
    #[serde(default)]
    pub out: Option<PathBuf>,
    /// The deliveries store (SQLite).
    #[serde(default)]
    pub store: Option<PathBuf>,
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8088))
}

fn default_path() -> String {
    "/".to_string()
}

fn default_max_body() -> usize {
    DEFAULT_MAX_BODY
}

impl WebhookSettings {
    /// Resolves every secret (in order: `secret`, then `secrets`). Errors name the field and
    /// the source, never a value.
    pub fn resolve_secrets(&self) -> Result<Vec<SecretString>> {
        let fields = self
            .secret
            .iter()
            .map(|s| ("webhooks.secret".to_string(), s))
            .chain(
                self.secrets
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (format!("webhooks.secrets[{i}]"), s)),
            );
        let mut resolved = Vec::new();
        for (field, source) in fields {
            let value = source
                .resolve()
                .map_err(|e| Error::config(&field, e.message()))?;
            resolved.push(value);
        }
        if resolved.is_empty() {
            return Err(Error::config(
                "webhooks.secret",
                "not set: give secret = { env = … } or secrets = [ … ]",
            ));
        }
        Ok(resolved)
    }

    /// A receiver builder with the scheme, secrets, cap and path set (add a store and a
    /// handler). Each secret is checked for its scheme here, so a bad one is named by field.
    pub fn receiver_builder(&self) -> Result<WebhookReceiverBuilder> {
        if self.max_body == 0 || self.max_body > MAX_MAX_BODY {
            return Err(Error::config(
                "webhooks.max_body",
                format!("must be between 1 and {MAX_MAX_BODY} bytes"),
            ));
        }
        if !self.path.starts_with('/') || self.path.contains(['?', '#', '{', '}', '*']) {
            return Err(Error::config(
                "webhooks.path",
                "must start with / and hold no ?, #, {, } or *",
            ));
        }
        if self.path == "/healthz" || self.path == "/metrics" {
            return Err(Error::config(
                "webhooks.path",
                format!("{} is where the receiver reports itself", self.path),
            ));
        }
        let secrets = self.resolve_secrets()?;
        let fields = self
            .secret
            .iter()
            .map(|_| "webhooks.secret".to_string())
            .chain((0..self.secrets.len()).map(|i| format!("webhooks.secrets[{i}]")));
        for (secret, field) in secrets.iter().zip(fields) {
            check_secret(self.scheme, secret).map_err(|e| Error::config(field, e.message()))?;
        }
        Ok(crate::WebhookReceiver::builder()
            .scheme(self.scheme)
            .secrets(secrets)
            .max_body(self.max_body)
            .path(self.path.clone()))
    }

    /// The store's path: `store`, else `<out>.db` beside `out`, else `nbi-webhooks.db` in
    /// `base_dir`; relative paths resolve against `base_dir`.
    pub fn store_path(&self, base_dir: &Path) -> PathBuf {
        match (&self.store, &self.out) {
            (Some(store), _) => base_dir.join(store),
            (None, Some(out)) => {
                let mut name = out.file_name().unwrap_or_default().to_os_string();
                name.push(".db");
                base_dir.join(out.with_file_name(name))
            }
            (None, None) => base_dir.join("nbi-webhooks.db"),
        }
    }
}

/// Checks one secret fits the scheme (Standard Webhooks secrets are base64).
fn check_secret(scheme: Scheme, secret: &SecretString) -> Result<()> {
    let one = std::slice::from_ref(secret);
    match scheme {
        Scheme::Mano => crate::ManoVerifier::new(one).map(drop),
        Scheme::Standard => crate::StandardVerifier::new(one).map(drop),
    }
    // The verifiers name the secret `secrets[0]`; the caller names the field instead.
    .map_err(|e| Error::new(e.kind(), e.message().trim_start_matches("secrets[0]: ")))
}

#[cfg(test)]
mod tests;
