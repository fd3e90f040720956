//! The ONT's scalar fields, validated: id, serial number and admin state.

use std::fmt;
use std::str::FromStr;

use nbi_core::{Error, Result};
use serde::{Deserialize, Serialize};

/// Highest ONT id an E7 accepts.
pub const MAX_ONT_ID: u32 = 64_000_000;

/// An ONT id: 1–64,000,000, or 0 on create for "the first free id".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct OntId(u32);

impl OntId {
    /// On create: let the node pick the first free id.
    pub const AUTO: OntId = OntId(0);

    /// Checks the range 0–64,000,000.
    pub fn new(id: u32) -> Result<OntId> {
        if id > MAX_ONT_ID {
            return Err(Error::validation(format!(
                "ont id: {id} is over the maximum {MAX_ONT_ID}"
            )));
        }
        Ok(OntId(id))
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }

    /// Whether this is 0, "the first free id".
    pub fn is_auto(self) -> bool {
        self.0 == 0
    }

    /// Fails unless the id names one ONT (1–64,000,000).
    pub(crate) fn existing(self) -> Result<OntId> {
        if self.is_auto() {
            return Err(Error::validation(
                "ont id: 0 means \"first free id\" and is valid only on create; use 1..=64000000",
            ));
        }
        Ok(self)
    }
}

impl TryFrom<u32> for OntId {
    type Error = Error;
    fn try_from(id: u32) -> Result<OntId> {
        OntId::new(id)
    }
}

impl From<OntId> for u32 {
    fn from(id: OntId) -> u32 {
        id.0
    }
}

impl FromStr for OntId {
    type Err = Error;
    fn from_str(s: &str) -> Result<OntId> {
        let n = s
            .trim()
            .parse::<u32>()
            .map_err(|_| Error::validation(format!("ont id: {s:?} is not a number")))?;
        OntId::new(n)
    }
}

impl fmt::Display for OntId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An ONT serial number as CMS writes it: `0` (none yet) or 6 hex digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Serial(String);

impl Serial {
    /// Checks the format; hex digits are kept upper-case.
    pub fn new(serial: &str) -> Result<Serial> {
        if serial == "0" {
            return Ok(Serial::none());
        }
        if serial.len() == 6 && serial.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Serial(serial.to_ascii_uppercase()));
        }
        Err(Error::validation(
            "serial: must be \"0\" (none yet) or exactly 6 hex digits",
        ))
    }

    /// No serial number yet (`0`).
    pub fn none() -> Serial {
        Serial("0".to_owned())
    }

    /// Whether no serial number is set.
    pub fn is_none(&self) -> bool {
        self.0 == "0"
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A serial read from a reply, kept as the server wrote it.
    pub(crate) fn from_reply(text: &str) -> Serial {
        Serial(text.to_owned())
    }
}

impl Default for Serial {
    fn default() -> Serial {
        Serial::none()
    }
}

impl TryFrom<String> for Serial {
    type Error = Error;
    fn try_from(s: String) -> Result<Serial> {
        Serial::new(&s)
    }
}

impl From<Serial> for String {
    fn from(s: Serial) -> String {
        s.0
    }
}

impl FromStr for Serial {
    type Err = Error;
    fn from_str(s: &str) -> Result<Serial> {
        Serial::new(s)
    }
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ONT's administrative state. Values a newer CMS sends are kept in `Other`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum AdminState {
    /// `enabled`
    #[default]
    Enabled,
    /// `disabled`
    Disabled,
    /// `enabled-no-alarms`
    EnabledNoAlarms,
    /// A value this client does not know (from a reply).
    Other(String),
}

impl AdminState {
    /// The wire text.
    pub fn as_str(&self) -> &str {
        match self {
            AdminState::Enabled => "enabled",
            AdminState::Disabled => "disabled",
            AdminState::EnabledNoAlarms => "enabled-no-alarms",
            AdminState::Other(s) => s,
        }
    }

    /// Reads a reply's value; unknown values are kept.
    pub(crate) fn from_reply(text: &str) -> AdminState {
        text.parse()
            .unwrap_or_else(|_| AdminState::Other(text.to_owned()))
    }

    pub(crate) fn check(&self) -> Result<()> {
        match self {
            AdminState::Other(_) => Err(Error::validation(
                "admin: must be enabled, disabled or enabled-no-alarms",
            )),
            _ => Ok(()),
        }
    }
}

impl FromStr for AdminState {
    type Err = Error;
    fn from_str(s: &str) -> Result<AdminState> {
        match s {
            "enabled" => Ok(AdminState::Enabled),
            "disabled" => Ok(AdminState::Disabled),
            "enabled-no-alarms" => Ok(AdminState::EnabledNoAlarms),
            _ => Err(Error::validation(
                "admin: must be enabled, disabled or enabled-no-alarms",
            )),
        }
    }
}

impl fmt::Display for AdminState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AdminState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AdminState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse()
            .map_err(|e: Error| serde::de::Error::custom(e.message()))
    }
}
