//! Turns a fetched body into clean, diffable configuration text.
//!
//! JSON bodies lose their volatile keys, the configuration is picked by `config_pointer` or
//! by key search, and a non-string value is written as canonical JSON. Text (including a
//! string picked from JSON) goes through the line rules in [`Normalizer::normalize`].

mod json;
mod rules;
mod secrets;
mod text;

use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};

pub use self::rules::Flavor;
use self::secrets::SecretMasker;
use self::text::TextRules;
use crate::{Error, ErrorKind, Result};

/// A source's `normalize = { flavor, defaults, drop_lines, mask_secrets }` settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeSettings {
    /// Whose volatile lines the built-in patterns remove (default `auto`: every vendor's).
    pub flavor: Flavor,
    /// Whether the built-in volatile-line patterns apply at all (default true).
    pub defaults: bool,
    /// More volatile lines: regexes matched against each line (trailing blanks already cut).
    pub drop_lines: Vec<String>,
    /// Replace password, secret, key-string and community values with `<removed>`.
    pub mask_secrets: bool,
}

impl Default for NormalizeSettings {
    fn default() -> Self {
        NormalizeSettings {
            flavor: Flavor::Auto,
            defaults: true,
            drop_lines: Vec::new(),
            mask_secrets: false,
        }
    }
}

/// The compiled normalization rules of one config source; cheap to share across tasks.
#[derive(Clone, Debug)]
pub struct Normalizer {
    pointer: Option<String>,
    text: TextRules,
}

impl Normalizer {
    /// Compiles the rules once. A bad `drop_lines` regex or a pointer that does not start with
    /// `/` is an [`ErrorKind::Usage`] error naming it.
    pub fn new(settings: &NormalizeSettings, config_pointer: Option<&str>) -> Result<Normalizer> {
        if let Some(pointer) = config_pointer
            && !pointer.is_empty()
            && !pointer.starts_with('/')
        {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("config_pointer {pointer:?}: a JSON pointer starts with '/'"),
            ));
        }
        for (index, pattern) in settings.drop_lines.iter().enumerate() {
            Regex::new(pattern).map_err(|e| {
                Error::new(
                    ErrorKind::Usage,
                    format!("normalize.drop_lines[{index}] {pattern:?}: not a valid regex"),
                )
                .with_source(e)
            })?;
        }
        let builtin = if settings.defaults {
            settings.flavor.volatile_patterns()
        } else {
            Vec::new()
        };
        let patterns = builtin
            .into_iter()
            .chain(settings.drop_lines.iter().map(String::as_str));
        let volatile = RegexSet::new(patterns).map_err(internal)?;
        let timestamp = Regex::new(rules::IOSXR_TIMESTAMP).map_err(internal)?;
        let secrets = if settings.mask_secrets {
            Some(SecretMasker::new().map_err(internal)?)
        } else {
            None
        };
        Ok(Normalizer {
            pointer: config_pointer.map(str::to_owned),
            text: TextRules {
                volatile,
                timestamp,
                secrets,
            },
        })
    }

    /// The configuration text of a fetched body: empty, or ending in exactly one newline.
    ///
    /// A body is JSON when it starts (after whitespace) with `"`, `{` followed by `"`, `[`
    /// followed by a JSON value's first character other than a letter, or is exactly `{}` or
    /// `[]` — so JunOS text such as `{master:0}` or `[edit]` stays text. A JSON-looking body that does not parse is
    /// a [`ErrorKind::Decode`] error (a truncated body must not become a new version), as is a
    /// text body when `config_pointer` is set, an absent pointer, or a body that is not UTF-8.
    ///
    /// Text rules, in order: CRLF and CR become LF; trailing spaces and tabs are cut; volatile
    /// lines are dropped; secrets are masked (if asked); the first non-blank line is dropped
    /// if it is an IOS-XR timestamp; leading and trailing blank lines are dropped.
    ///
    /// Normalizing normalized text changes nothing, with one exception the rules imply: when
    /// the text starts with two IOS-XR timestamp lines, each pass drops one of them. Secrets
    /// are masked in text only, not inside a configuration written as canonical JSON.
    pub fn normalize(&self, body: &[u8]) -> Result<String> {
        let text = std::str::from_utf8(body).map_err(|e| {
            Error::new(
                ErrorKind::Decode,
                format!(
                    "the body is not UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        if !looks_like_json(text) {
            if let Some(pointer) = &self.pointer {
                return Err(Error::new(
                    ErrorKind::Decode,
                    format!("config_pointer {pointer:?}: the body is not JSON"),
                ));
            }
            return Ok(self.text.apply(text));
        }
        let document = json::parse(text).map_err(|reason| Error::new(ErrorKind::Decode, reason))?;
        let config = match &self.pointer {
            Some(pointer) => json::at_pointer(&document, pointer).ok_or_else(|| {
                Error::new(
                    ErrorKind::Decode,
                    format!("config_pointer {pointer:?} is absent from the body"),
                )
            })?,
            None => json::find_config(&document).unwrap_or(&document),
        };
        Ok(match config {
            json::Json::String(text) => self.text.apply(text),
            other => json::canonical(other),
        })
    }
}

fn looks_like_json(text: &str) -> bool {
    let trimmed = text.trim();
    let mut rest = trimmed.chars();
    let first = rest.next();
    let second = rest.find(|c| !c.is_whitespace());
    match (first, second) {
        (Some('"'), _) => true,
        (Some('{'), Some('"')) => true,
        // An empty object or array only when it is the whole body: `{}`-led text stays text.
        (Some('{' | '['), Some('}' | ']')) => trimmed.len() == 2,
        (Some('['), Some(c)) => matches!(c, '{' | '[' | '"' | '-' | '0'..='9'),
        _ => false,
    }
}

/// A built-in pattern failed to compile: a bug, but reported rather than panicking.
fn internal(e: regex::Error) -> Error {
    Error::new(
        ErrorKind::Decode,
        "a built-in normalization pattern is invalid",
    )
    .with_source(e)
}

#[cfg(test)]
mod tests;
