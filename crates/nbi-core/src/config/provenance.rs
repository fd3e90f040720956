//! Where a value came from, for `config show` and for error messages.

use figment::{Figment, Metadata, Profile, Source};

use super::auth::SECRET_FIELDS;
use super::file;
use crate::error::{Error, ErrorKind};

/// The layer name of `NBI__` variables in the process environment.
pub(crate) const ENV_NAME: &str = "environment";
/// The layer name of `NBI__` variables in a `.env` file.
pub(crate) const DOTENV_NAME: &str = ".env";
/// The layer name of `--set` overrides.
pub(crate) const SET_NAME: &str = "--set";

/// How a layer is shown: `nbi.toml (/abs/path)`, `.env (/abs/path)`,
/// `environment NBI__TENANTS__ACME__NETBOX__URL`, `--set`, `environment OFSC_CLIENT_SECRET`.
pub(crate) fn describe(metadata: &Metadata, path: &[&str]) -> String {
    let name = metadata.name.as_ref();
    match (&metadata.source, name) {
        (_, ENV_NAME) => format!(
            "{ENV_NAME} {}",
            metadata.interpolate(&Profile::Default, path)
        ),
        (Some(Source::File(file)), _) => format!("{name} ({})", file.display()),
        _ => name.to_string(),
    }
}

/// The metadata of the layer that set `path`, or of the closest table above it that has one.
pub(crate) fn metadata_for<'a>(figment: &'a Figment, path: &[&str]) -> Option<&'a Metadata> {
    (1..=path.len())
        .rev()
        .find_map(|n| figment.find_metadata(&path[..n].join(".")))
}

/// True when the layer is the settings file.
pub(crate) fn is_file(metadata: &Metadata) -> bool {
    metadata.name == file::NAME
}

/// Turns figment's extraction errors into one `Config` error naming each field path, the
/// reason and the layer the value came from.
pub(crate) fn config_error(error: figment::Error) -> Error {
    config_error_under("", error)
}

/// As [`config_error`], for an error of a figment focused on the table `prefix`.
pub(crate) fn config_error_under(prefix: &str, error: figment::Error) -> Error {
    let messages: Vec<String> = error
        .into_iter()
        .map(|mut e| {
            if !prefix.is_empty() {
                e.path.insert(0, prefix.to_string());
            }
            one_message(&e)
        })
        .collect();
    Error::new(ErrorKind::Config, messages.join("; "))
}

fn one_message(e: &figment::Error) -> String {
    let path = if e.path.is_empty() {
        "settings".to_string()
    } else {
        e.path.join(".")
    };
    // A type error shows the value it found; under a secret field that could be the secret.
    let under_secret = e.path.iter().any(|p| SECRET_FIELDS.contains(&p.as_str()));
    let reason = match &e.kind {
        figment::error::Kind::InvalidType(_, expected)
        | figment::error::Kind::InvalidValue(_, expected)
            if under_secret =>
        {
            format!("invalid value, expected {expected}")
        }
        kind => kind.to_string(),
    };
    let keys: Vec<&str> = e.path.iter().map(String::as_str).collect();
    match &e.metadata {
        Some(md) => format!("{path}: {reason} (from {})", describe(md, &keys)),
        None => format!("{path}: {reason}"),
    }
}
