//! The effective settings, each value with its source and every secret redacted
//! (`nbi config show`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use figment::value::{Dict, Value};
use serde::Serialize;

use super::load::Loaded;
use super::provenance;
use super::secrets::{secret_paths, source_of};
use super::{GlobalSettings, ServiceSettings};
use crate::secret::SecretSource;
use crate::{BreakerConfig, RetryConfig, Timeouts};

/// What replaces a secret value.
const REDACTED: &str = "[REDACTED]";

/// The last word of a key that holds a secret wherever it appears (`api_key`, `db_password`).
const SECRET_WORDS: &[&str] = &[
    "password", "passwd", "secret", "secrets", "token", "key", "apikey",
];

/// Keys that end in a secret word but name a file, not a secret.
const PATH_KEYS: &[&str] = &["client_key"];

/// One effective setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShownValue {
    /// The dotted path, e.g. `tenants.acme.netbox.url`.
    pub path: String,
    /// The value as text; secrets are `[REDACTED]`, secret sources `env:VAR`, `file:/path`, …
    pub value: String,
    /// Where it came from: `default`, `nbi.toml (/abs/path)`, `.env (/abs/path)`,
    /// `environment NBI__…`, `--set`.
    pub source: String,
}

impl Loaded {
    /// Every effective setting, sorted by path, built-in defaults included.
    pub fn effective(&self) -> Vec<ShownValue> {
        let merged = self.figment.extract::<Dict>().unwrap_or_default();
        let secrets: BTreeSet<Vec<String>> = secret_paths(&merged).into_iter().collect();
        let mut rows = BTreeMap::new();
        let mut walker = Walker {
            loaded: self,
            secrets: &secrets,
            rows: &mut rows,
        };
        walker.walk(&merged, &mut Vec::new());
        for (path, value) in self.defaults() {
            rows.entry(path.clone()).or_insert(ShownValue {
                path,
                value,
                source: "default".to_string(),
            });
        }
        rows.into_values().collect()
    }

    /// (path, value) of every built-in default.
    fn defaults(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        flatten_json("settings", &to_json(&GlobalSettings::default()), &mut out);
        for (tenant, services) in &self.settings.tenants {
            for (name, service) in services {
                let prefix = format!("tenants.{tenant}.{name}");
                service_defaults(&prefix, name, service, &mut out);
            }
        }
        out
    }
}

fn service_defaults(
    prefix: &str,
    name: &str,
    service: &ServiceSettings,
    out: &mut Vec<(String, String)>,
) {
    for (class, timeout) in Timeouts::for_service(service.kind_or(name)).iter() {
        let secs = serde_json::json!(timeout.as_secs_f64());
        out.push((format!("{prefix}.timeouts.{class}"), render_json(&secs)));
    }
    flatten_json(
        &format!("{prefix}.retry"),
        &to_json(&RetryConfig::default()),
        out,
    );
    flatten_json(
        &format!("{prefix}.breaker"),
        &to_json(&BreakerConfig::default()),
        out,
    );
    let defaults = ServiceSettings::default();
    out.push((
        format!("{prefix}.max_concurrency"),
        defaults.max_concurrency.to_string(),
    ));
    out.push((
        format!("{prefix}.auth.scheme"),
        defaults.auth.scheme().to_string(),
    ));
}

struct Walker<'a> {
    loaded: &'a Loaded,
    secrets: &'a BTreeSet<Vec<String>>,
    rows: &'a mut BTreeMap<String, ShownValue>,
}

impl Walker<'_> {
    fn walk(&mut self, dict: &Dict, path: &mut Vec<String>) {
        for (key, value) in dict {
            path.push(key.clone());
            if self.secrets.contains(path.as_slice()) {
                self.secret_row(path, value);
            } else if let Value::Dict(_, inner) = value {
                self.walk(inner, path);
            } else if let Value::Array(_, items) = value
                && path.first().is_some_and(|p| p == "webhooks")
                && key == "secrets"
            {
                // Each entry is a secret in its own right.
                for i in 0..items.len() {
                    path.push(i.to_string());
                    if let Some(item) = items.get(i) {
                        self.secret_row(path, item);
                    }
                    path.pop();
                }
            } else {
                let shown =
                    if is_secret_name(key) && !matches!(value, Value::Bool(..) | Value::Num(..)) {
                        REDACTED.to_string()
                    } else {
                        render_json(&to_json(value))
                    };
                self.push(path, shown, &[]);
            }
            path.pop();
        }
    }

    fn secret_row(&mut self, path: &[String], value: &Value) {
        match source_of(value) {
            Some((kind, name)) => {
                let source = match kind {
                    "env" => SecretSource::Env(name.to_string()),
                    "file" => SecretSource::File(PathBuf::from(name)),
                    "command" => SecretSource::Command(name.to_string()),
                    _ => SecretSource::Keyring(name.to_string()),
                };
                self.push(path, source.describe(), &[kind]);
            }
            None => self.push(path, REDACTED.to_string(), &[]),
        }
    }

    fn push(&mut self, path: &[String], value: String, below: &[&str]) {
        let mut keys: Vec<&str> = path.iter().map(String::as_str).collect();
        keys.extend_from_slice(below);
        let source = provenance::metadata_for(&self.loaded.figment, &keys).map_or_else(
            || "unknown".to_string(),
            |md| provenance::describe(md, &keys),
        );
        let joined = path.join(".");
        self.rows.insert(
            joined.clone(),
            ShownValue {
                path: joined,
                value,
                source,
            },
        );
    }
}

fn is_secret_name(key: &str) -> bool {
    let last = key
        .rsplit(['_', '-'])
        .next()
        .unwrap_or(key)
        .to_ascii_lowercase();
    SECRET_WORDS.contains(&last.as_str()) && !PATH_KEYS.contains(&key)
}

fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

fn render_json(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn flatten_json(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                flatten_json(&format!("{prefix}.{k}"), v, out);
            }
        }
        serde_json::Value::Null => {}
        leaf => out.push((prefix.to_string(), render_json(leaf))),
    }
}
