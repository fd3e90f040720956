//! What to load settings from.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// What [`Settings::load`] reads.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// The settings file; `None` = `./nbi.toml` when it exists (and `search_cwd` is on).
    pub file: Option<PathBuf>,
    /// The `.env` file; `None` = `./.env` when it exists (and `search_cwd` is on).
    pub dotenv: Option<PathBuf>,
    /// Look for `./nbi.toml` and `./.env` in the working folder. Default true.
    pub search_cwd: bool,
    /// Read `NBI__` and conventional variables from the environment. Default true.
    pub use_env: bool,
    /// The environment to read; `None` = the process environment.
    pub env_vars: Option<BTreeMap<String, String>>,
    /// `--set a.b.c=value` overrides, highest precedence. A value is read as a TOML scalar,
    /// array or inline table when it is one, else as a string.
    pub overrides: Vec<(String, String)>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            file: None,
            dotenv: None,
            search_cwd: true,
            use_env: true,
            env_vars: None,
            overrides: Vec::new(),
        }
    }
}

impl LoadOptions {
    /// The defaults: `./nbi.toml`, `./.env` and the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads this settings file (it must exist).
    #[must_use]
    pub fn file(mut self, path: impl Into<PathBuf>) -> Self {
        self.file = Some(path.into());
        self
    }

    /// Reads this `.env` file (it must exist).
    #[must_use]
    pub fn dotenv(mut self, path: impl Into<PathBuf>) -> Self {
        self.dotenv = Some(path.into());
        self
    }

    /// Whether to look for `./nbi.toml` and `./.env`.
    #[must_use]
    pub fn search_cwd(mut self, on: bool) -> Self {
        self.search_cwd = on;
        self
    }

    /// Whether to read the environment.
    #[must_use]
    pub fn use_env(mut self, on: bool) -> Self {
        self.use_env = on;
        self
    }

    /// Reads these variables instead of the process environment (tests, embedding).
    #[must_use]
    pub fn env_vars<K: Into<String>, V: Into<String>>(
        mut self,
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.env_vars = Some(
            vars.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        );
        self
    }

    /// Adds a `--set key=value` override.
    #[must_use]
    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.overrides.push((key.into(), value.into()));
        self
    }
}
