//! Merging the layers: defaults < `nbi.toml` < `.env` < `NBI__` environment < `--set`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use figment::value::{Dict, Value};
use figment::{Figment, Metadata, Profile, Source};
use serde::de::DeserializeOwned;

use super::layer::{Layer, insert_path, parse_value};
use super::provenance::{self, DOTENV_NAME, ENV_NAME, SET_NAME};
use super::secrets::{refuse_plain_secrets, secret_paths, source_of};
use super::{LoadOptions, Settings, env, file};
use crate::error::{Error, Result};

/// Settings as loaded, with the merged layers kept for provenance.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked settings.
    pub settings: Settings,
    /// Every layer, merged; asks where each value came from.
    pub figment: Figment,
    /// The settings file read, if any.
    pub path: Option<PathBuf>,
}

impl Loaded {
    /// Extracts a top-level table other crates own (`fleet`, `webhooks`, `workflow`), with
    /// errors naming the field path and its source. `None` when the table is absent.
    pub fn section<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        if !self.figment.contains(key) {
            return Ok(None);
        }
        // `extract_inner` puts the key at the end of an error's path; focusing keeps it in order.
        self.figment
            .focus(key)
            .extract()
            .map(Some)
            .map_err(|e| provenance::config_error_under(key, e))
    }
}

impl Settings {
    /// Loads, merges and checks the settings.
    ///
    /// ```
    /// use nbi_core::config::{AuthSettings, LoadOptions, Settings};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let file = dir.path().join("nbi.toml");
    /// std::fs::write(&file, r#"
    ///     [tenants.acme.netbox]
    ///     url = "https://netbox.acme.example"
    ///     auth = { scheme = "token", token = { env = "ACME_NETBOX_TOKEN" } }
    ///     timeouts = { list = 20.0 }
    /// "#)?;
    /// let options = LoadOptions::new()
    ///     .file(&file)
    ///     .env_vars([("NBI__TENANTS__ACME__NETBOX__MAX_CONCURRENCY", "5")]);
    /// let loaded = Settings::load(&options)?;
    /// let netbox = &loaded.settings.tenants["acme"]["netbox"];
    /// assert_eq!(netbox.max_concurrency, 5);
    /// assert!(matches!(netbox.auth, AuthSettings::Token { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load(options: &LoadOptions) -> Result<Loaded> {
        let cwd = std::env::current_dir().map_err(|e| {
            Error::config("working folder", format!("cannot read it ({})", e.kind()))
        })?;
        let file_path = pick(
            options.file.as_deref(),
            "nbi.toml",
            options.search_cwd,
            &cwd,
        );
        let base_dir = file_path
            .as_deref()
            .and_then(Path::parent)
            .map_or_else(|| cwd.clone(), Path::to_path_buf);

        let mut figment = Figment::new();
        if let Some(path) = &file_path {
            let bytes = std::fs::read(path).map_err(|e| {
                Error::config(
                    path.display(),
                    format!("cannot read the settings file ({})", e.kind()),
                )
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                Error::config(path.display(), format!("line {line} is not UTF-8"))
            })?;
            figment = figment.merge(file::layer(&text, Some(path), &base_dir)?);
        }

        let dotenv_path = pick(options.dotenv.as_deref(), ".env", options.search_cwd, &cwd);
        let dotenv_vars = match &dotenv_path {
            Some(path) => read_dotenv(path)?,
            None => BTreeMap::new(),
        };
        if let Some(path) = &dotenv_path {
            let metadata = env::metadata(DOTENV_NAME).source(Source::File(path.clone()));
            let dict = env::dict_of(dotenv_vars.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            figment = figment.merge(Layer::new(metadata, dict));
        }

        let env_vars = match (&options.env_vars, options.use_env) {
            (_, false) => BTreeMap::new(),
            (Some(vars), true) => vars.clone(),
            (None, true) => std::env::vars().collect(),
        };
        let dict = env::dict_of(env_vars.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        figment = figment.merge(Layer::new(env::metadata(ENV_NAME), dict));
        figment = figment.merge(overrides_layer(&options.overrides)?);

        // A conventional variable set in the environment wins over one in `.env`.
        let mut conventional = dotenv_vars;
        conventional.extend(env_vars);
        figment = with_conventional_secrets(figment, &conventional)?;
        finish(figment, base_dir, file_path)
    }

    /// Settings from TOML text alone (no `.env`, no environment), relative paths resolved
    /// against `base_dir`. For tests and examples.
    pub fn from_toml_str(text: &str, base_dir: &Path) -> Result<Settings> {
        let figment = Figment::from(file::layer(text, None, base_dir)?);
        finish(figment, base_dir.to_path_buf(), None).map(|loaded| loaded.settings)
    }
}

/// The explicit path, else `cwd/<default>` when searching and it exists.
fn pick(explicit: Option<&Path>, default: &str, search: bool, cwd: &Path) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(cwd.join(path)),
        None if search => Some(cwd.join(default)).filter(|p| p.is_file()),
        None => None,
    }
}

/// Every variable of a `.env` file; nothing is set in the process environment.
fn read_dotenv(path: &Path) -> Result<BTreeMap<String, String>> {
    let shown = path.display();
    let iter = dotenvy::from_path_iter(path).map_err(|e| {
        Error::config(
            &shown,
            format!("cannot read the .env file ({})", dotenv_reason(&e)),
        )
    })?;
    let mut vars = BTreeMap::new();
    for item in iter {
        let (key, value) = item.map_err(|e| {
            Error::config(
                &shown,
                format!("cannot parse the .env file ({})", dotenv_reason(&e)),
            )
        })?;
        vars.insert(key, value);
    }
    Ok(vars)
}

/// A dotenvy error without the offending line, which may hold a secret.
fn dotenv_reason(e: &dotenvy::Error) -> String {
    match e {
        dotenvy::Error::LineParse(_, index) => {
            format!("a line does not parse, at character {index}")
        }
        dotenvy::Error::Io(io) => io.kind().to_string(),
        dotenvy::Error::EnvVar(_) => "a variable is invalid".to_string(),
        _ => "invalid".to_string(),
    }
}

fn overrides_layer(overrides: &[(String, String)]) -> Result<Layer> {
    let mut dict = Dict::new();
    for (key, raw) in overrides {
        let path: Vec<String> = key.split('.').map(str::to_string).collect();
        if path.iter().any(String::is_empty) {
            return Err(Error::config(
                format!("--set {key}"),
                "the key must be a dotted path such as tenants.acme.netbox.url",
            ));
        }
        insert_path(&mut dict, &path, parse_value(raw));
    }
    refuse_plain_secrets(&dict, "on the command line")?;
    let metadata =
        Metadata::named(SET_NAME).interpolater(|_: &Profile, keys: &[&str]| keys.join("."));
    Ok(Layer::new(metadata, dict))
}

fn merged_dict(figment: &Figment) -> Result<Dict> {
    figment.extract::<Dict>().map_err(provenance::config_error)
}

fn with_conventional_secrets(
    mut figment: Figment,
    vars: &BTreeMap<String, String>,
) -> Result<Figment> {
    let merged = merged_dict(&figment)?;
    for (var, path, value) in env::conventional_secrets(&merged, vars) {
        let mut dict = Dict::new();
        insert_path(&mut dict, &path, Value::from(value));
        let metadata = Metadata::named(format!("{ENV_NAME} {var}"));
        figment = figment.merge(Layer::new(metadata, dict));
    }
    Ok(figment)
}

/// `{ command = … }` runs a program, so only the settings file may name one.
fn refuse_commands_outside_the_file(figment: &Figment, merged: &Dict) -> Result<()> {
    for path in secret_paths(merged) {
        let Some(value) = super::secrets::value_at(merged, &path) else {
            continue;
        };
        if let Some(("command", _)) = source_of(value) {
            let mut keys: Vec<&str> = path.iter().map(String::as_str).collect();
            keys.push("command");
            if let Some(md) = provenance::metadata_for(figment, &keys)
                && !provenance::is_file(md)
            {
                return Err(Error::config(
                    path.join("."),
                    format!(
                        "a {{ command = … }} source is accepted only from nbi.toml, not from {}",
                        provenance::describe(md, &keys)
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn finish(figment: Figment, base_dir: PathBuf, path: Option<PathBuf>) -> Result<Loaded> {
    refuse_commands_outside_the_file(&figment, &merged_dict(&figment)?)?;
    let mut settings: Settings = figment.extract().map_err(provenance::config_error)?;
    settings.base_dir = base_dir;
    settings.validate()?;
    Ok(Loaded {
        settings,
        figment,
        path,
    })
}
