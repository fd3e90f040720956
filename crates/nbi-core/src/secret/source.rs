//! Where a secret comes from: a value given by the environment, or a source that is read each
//! time the secret is needed.

use std::fmt;
use std::path::PathBuf;

use secrecy::SecretString;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{SecretResolver, command, keyring};
use crate::error::{Error, ErrorKind, Result};

/// A secret's source, as written in a secret field of `nbi.toml`:
/// `{ env = "VAR" }`, `{ file = "path" }`, `{ command = "shell command" }`,
/// `{ keyring = "entry" }`, or a plain value (accepted only from the environment).
///
/// `Debug` shows the kind of source and its name, never a secret:
///
/// ```
/// use nbi_core::{SecretResolver, secret::SecretSource};
/// let source = SecretSource::Env("NBI_DOC_EXAMPLE_UNSET".into());
/// assert_eq!(format!("{source:?}"), r#"Env("NBI_DOC_EXAMPLE_UNSET")"#);
/// let err = source.resolve().unwrap_err();
/// assert!(err.to_string().contains("NBI_DOC_EXAMPLE_UNSET"));
/// ```
#[derive(Clone)]
pub enum SecretSource {
    /// The value itself, as given by an `NBI__…` or a conventional environment variable.
    Value(SecretString),
    /// An environment variable, read when the secret is needed.
    Env(String),
    /// A file holding the secret (a trailing newline is dropped). Relative paths were resolved
    /// against the settings file's folder when the settings loaded.
    File(PathBuf),
    /// A shell command (`sh -c`) whose trimmed stdout is the secret; it has 10 s to finish.
    Command(String),
    /// A `user` key of that description in the session or user kernel keyring (Linux keyutils).
    Keyring(String),
}

impl SecretSource {
    /// The source as shown by `nbi config show`: `env:VAR`, `file:/path`, `command:prog …`,
    /// `keyring:entry`, or `[REDACTED]` for a value.
    pub fn describe(&self) -> String {
        match self {
            SecretSource::Value(_) => "[REDACTED]".to_string(),
            SecretSource::Env(var) => format!("env:{var}"),
            SecretSource::File(path) => format!("file:{}", path.display()),
            SecretSource::Command(cmd) => format!("command:{}", command_program(cmd)),
            SecretSource::Keyring(entry) => format!("keyring:{entry}"),
        }
    }
}

/// The command's program followed by `…` when it has arguments: arguments may hold secrets.
pub(crate) fn command_program(cmd: &str) -> String {
    let mut words = cmd.split_whitespace();
    let program = words.next().unwrap_or("");
    if words.next().is_some() {
        format!("{program} …")
    } else {
        program.to_string()
    }
}

impl fmt::Debug for SecretSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretSource::Value(_) => f.write_str("Value([REDACTED])"),
            SecretSource::Env(var) => f.debug_tuple("Env").field(var).finish(),
            SecretSource::File(path) => f.debug_tuple("File").field(path).finish(),
            SecretSource::Command(cmd) => f
                .debug_tuple("Command")
                .field(&command_program(cmd))
                .finish(),
            SecretSource::Keyring(entry) => f.debug_tuple("Keyring").field(entry).finish(),
        }
    }
}

impl SecretResolver for SecretSource {
    fn resolve(&self) -> Result<SecretString> {
        match self {
            SecretSource::Value(value) => Ok(value.clone()),
            SecretSource::Env(var) => read_env(var),
            SecretSource::File(path) => read_file(path),
            SecretSource::Command(cmd) => command::run(cmd, command::TIME_LIMIT),
            SecretSource::Keyring(entry) => keyring::read(entry),
        }
    }
}

fn read_env(var: &str) -> Result<SecretString> {
    match std::env::var(var) {
        Ok(value) => Ok(SecretString::from(value)),
        Err(std::env::VarError::NotPresent) => Err(Error::new(
            ErrorKind::Config,
            format!("secret source env:{var}: the environment variable {var} is not set"),
        )),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::new(
            ErrorKind::Config,
            format!("secret source env:{var}: the environment variable {var} is not valid UTF-8"),
        )),
    }
}

fn read_file(path: &std::path::Path) -> Result<SecretString> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::new(
            ErrorKind::Config,
            format!(
                "secret source file:{}: cannot read the file ({})",
                path.display(),
                e.kind()
            ),
        )
    })?;
    let value = text
        .strip_suffix('\n')
        .map(|t| t.strip_suffix('\r').unwrap_or(t))
        .unwrap_or(&text);
    Ok(SecretString::from(value.to_string()))
}

const SOURCE_KINDS: &[&str] = &["env", "file", "command", "keyring"];

impl<'de> Deserialize<'de> for SecretSource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SourceVisitor)
    }
}

struct SourceVisitor;

impl<'de> Visitor<'de> for SourceVisitor {
    type Value = SecretSource;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a secret source: { env = … }, { file = … }, { command = … } or { keyring = … }",
        )
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<SecretSource, E> {
        Ok(SecretSource::Value(SecretString::from(value.to_string())))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SecretSource, A::Error> {
        let Some(kind) = map.next_key::<String>()? else {
            return Err(de::Error::invalid_length(0, &self));
        };
        let name: String = map.next_value()?;
        if map.next_key::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::custom(
                "a secret source has exactly one key: env, file, command or keyring",
            ));
        }
        if name.trim().is_empty() {
            return Err(de::Error::custom(format!(
                "the {kind} source must not be empty"
            )));
        }
        match kind.as_str() {
            "env" => Ok(SecretSource::Env(name)),
            "file" => Ok(SecretSource::File(PathBuf::from(name))),
            "command" => Ok(SecretSource::Command(name)),
            "keyring" => Ok(SecretSource::Keyring(name)),
            other => Err(de::Error::unknown_field(other, SOURCE_KINDS)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn env_source_reads_the_variable_and_names_a_missing_one() {
        // PATH is set in every test environment; no test may mutate the environment.
        let path = SecretSource::Env("PATH".into()).resolve().unwrap();
        assert_eq!(path.expose_secret(), std::env::var("PATH").unwrap());
        let err = SecretSource::Env("NBI_TEST_SURELY_UNSET_VAR".into())
            .resolve()
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(
            err.to_string()
                .contains("NBI_TEST_SURELY_UNSET_VAR is not set")
        );
    }

    #[test]
    fn file_source_drops_one_trailing_newline() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(b"s3cret value\r\n").unwrap();
        let value = SecretSource::File(file.path().into()).resolve().unwrap();
        assert_eq!(value.expose_secret(), "s3cret value");
        let err = SecretSource::File("/nonexistent/nbi/secret".into())
            .resolve()
            .unwrap_err();
        assert!(err.to_string().contains("/nonexistent/nbi/secret"));
    }

    #[test]
    fn debug_and_describe_never_show_a_value() {
        let value = SecretSource::Value(SecretString::from("hunter2".to_string()));
        assert_eq!(format!("{value:?}"), "Value([REDACTED])");
        assert_eq!(value.describe(), "[REDACTED]");
        let cmd = SecretSource::Command("echo hunter2".into());
        assert!(!format!("{cmd:?}").contains("hunter2"));
        assert_eq!(cmd.describe(), "command:echo …");
        assert_eq!(SecretSource::Keyring("k".into()).describe(), "keyring:k");
    }

    #[test]
    fn deserializes_tables_and_plain_strings() {
        let parse = |json: &str| serde_json::from_str::<SecretSource>(json);
        assert!(matches!(parse(r#"{"env":"X"}"#).unwrap(), SecretSource::Env(v) if v == "X"));
        assert!(matches!(
            parse(r#"{"file":"a/b"}"#).unwrap(),
            SecretSource::File(_)
        ));
        assert!(matches!(
            parse(r#"{"command":"pass x"}"#).unwrap(),
            SecretSource::Command(_)
        ));
        assert!(matches!(
            parse(r#"{"keyring":"k"}"#).unwrap(),
            SecretSource::Keyring(_)
        ));
        assert!(matches!(
            parse(r#""plain""#).unwrap(),
            SecretSource::Value(_)
        ));
        assert!(
            parse(r#"{"vault":"x"}"#)
                .unwrap_err()
                .to_string()
                .contains("vault")
        );
        assert!(parse(r#"{"env":"X","file":"y"}"#).is_err());
        assert!(parse(r#"{}"#).is_err());
    }
}
