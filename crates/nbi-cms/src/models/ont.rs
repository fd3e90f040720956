//! ONTs: ids, serial numbers, admin states, and the create / update / reply models.

use std::collections::BTreeMap;
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

/// A reference to a profile: its numeric id, and the name replies give it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileRef {
    /// The profile's id.
    pub id: u32,
    /// Its name, as the server reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// An ONT as the node reports it. Leaves this client does not know are kept in `extra`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ont {
    /// The ONT id.
    pub id: OntId,
    /// Administrative state.
    pub admin: AdminState,
    /// Serial number (`0` = none yet).
    pub serial: Serial,
    /// Registration id (RONTA).
    pub reg_id: String,
    /// Subscriber id.
    pub subscriber_id: String,
    /// Description.
    pub description: String,
    /// The PWE3 profile.
    pub pwe3_profile: ProfileRef,
    /// The ONT profile (model).
    pub ont_profile: ProfileRef,
    /// Whether a battery backup is fitted.
    pub battery_present: bool,
    /// Optional alarm thresholds.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Leaves this client does not model, by element name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// Optional ONT alarm thresholds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// `us-sdber-rate`: upstream signal-degrade BER exponent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_sdber_rate: Option<u32>,
    /// `low-rx-opt-pwr-ne-thresh`, in tenths of a dBm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low_rx_opt_pwr_ne_thresh: Option<i32>,
    /// `high-rx-opt-pwr-ne-thresh`, in tenths of a dBm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_rx_opt_pwr_ne_thresh: Option<i32>,
}

/// What to create: the ONT profile is required, everything else has CMS's default.
///
/// ```
/// use nbi_cms::{AdminState, NewOnt};
/// let ont = NewOnt::new(5).serial("1A2B3C").description("Flat 4").admin(AdminState::Disabled);
/// assert_eq!(ont.id.get(), 0); // the node picks the first free id
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOnt {
    /// The id; 0 (default) lets the node pick the first free one.
    #[serde(default = "auto")]
    pub id: OntId,
    /// Administrative state (default enabled).
    #[serde(default)]
    pub admin: AdminState,
    /// Serial number (default `0`, none yet).
    #[serde(default)]
    pub serial: Serial,
    /// Registration id, at most 32 characters.
    #[serde(default)]
    pub reg_id: String,
    /// Subscriber id, at most 32 characters.
    #[serde(default)]
    pub subscriber_id: String,
    /// Description, at most 64 characters.
    #[serde(default)]
    pub description: String,
    /// The ONT profile id.
    pub ont_profile: u32,
    /// The PWE3 profile id (default 1).
    #[serde(default = "one")]
    pub pwe3_profile: u32,
    /// Whether a battery backup is fitted (default false).
    #[serde(default)]
    pub battery_present: bool,
    /// Optional alarm thresholds.
    #[serde(default)]
    pub thresholds: Thresholds,
}

fn auto() -> OntId {
    OntId::AUTO
}

fn one() -> u32 {
    1
}

impl NewOnt {
    /// An ONT of profile `ont_profile`, with every other field at its default.
    pub fn new(ont_profile: u32) -> NewOnt {
        NewOnt {
            id: OntId::AUTO,
            admin: AdminState::Enabled,
            serial: Serial::none(),
            reg_id: String::new(),
            subscriber_id: String::new(),
            description: String::new(),
            ont_profile,
            pwe3_profile: 1,
            battery_present: false,
            thresholds: Thresholds::default(),
        }
    }

    /// Sets the id (0 = first free).
    #[must_use]
    pub fn id(mut self, id: OntId) -> Self {
        self.id = id;
        self
    }

    /// Sets the serial number; a malformed one is reported by [`NewOnt::validate`].
    #[must_use]
    pub fn serial(mut self, serial: &str) -> Self {
        self.serial = Serial::new(serial).unwrap_or_else(|_| Serial::from_reply(serial));
        self
    }

    /// Sets the administrative state.
    #[must_use]
    pub fn admin(mut self, admin: AdminState) -> Self {
        self.admin = admin;
        self
    }

    /// Sets the description.
    #[must_use]
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = text.into();
        self
    }

    /// Sets the registration id.
    #[must_use]
    pub fn reg_id(mut self, text: impl Into<String>) -> Self {
        self.reg_id = text.into();
        self
    }

    /// Sets the subscriber id.
    #[must_use]
    pub fn subscriber_id(mut self, text: impl Into<String>) -> Self {
        self.subscriber_id = text.into();
        self
    }

    /// Sets the PWE3 profile id.
    #[must_use]
    pub fn pwe3_profile(mut self, id: u32) -> Self {
        self.pwe3_profile = id;
        self
    }

    /// Sets whether a battery is fitted.
    #[must_use]
    pub fn battery_present(mut self, yes: bool) -> Self {
        self.battery_present = yes;
        self
    }

    /// Sets the alarm thresholds.
    #[must_use]
    pub fn thresholds(mut self, thresholds: Thresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// Checks every field; the error names the field and the rule.
    pub fn validate(&self) -> Result<()> {
        OntId::new(self.id.get())?;
        self.admin.check()?;
        Serial::new(self.serial.as_str())?;
        check_text("description", &self.description, 64)?;
        check_text("reg_id", &self.reg_id, 32)?;
        check_text("subscriber_id", &self.subscriber_id, 32)?;
        check_profile("ont_profile", self.ont_profile)?;
        check_profile("pwe3_profile", self.pwe3_profile)
    }
}

/// The fields to change on an ONT; only those given are sent (an edit-config `merge`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OntUpdate {
    /// New administrative state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<AdminState>,
    /// New serial number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<Serial>,
    /// New registration id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reg_id: Option<String>,
    /// New subscriber id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscriber_id: Option<String>,
    /// New description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New ONT profile id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ont_profile: Option<u32>,
    /// New PWE3 profile id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pwe3_profile: Option<u32>,
    /// Whether a battery is fitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub battery_present: Option<bool>,
    /// Thresholds to set (only those given).
    #[serde(default)]
    pub thresholds: Thresholds,
}

impl OntUpdate {
    /// Checks every given field; an update that changes nothing is refused.
    pub fn validate(&self) -> Result<()> {
        if *self == OntUpdate::default() {
            return Err(Error::validation("update: no field to change was given"));
        }
        if let Some(admin) = &self.admin {
            admin.check()?;
        }
        if let Some(serial) = &self.serial {
            Serial::new(serial.as_str())?;
        }
        if let Some(text) = &self.description {
            check_text("description", text, 64)?;
        }
        if let Some(text) = &self.reg_id {
            check_text("reg_id", text, 32)?;
        }
        if let Some(text) = &self.subscriber_id {
            check_text("subscriber_id", text, 32)?;
        }
        if let Some(id) = self.ont_profile {
            check_profile("ont_profile", id)?;
        }
        if let Some(id) = self.pwe3_profile {
            check_profile("pwe3_profile", id)?;
        }
        Ok(())
    }
}

/// A free-text field: at most `max` characters and no control characters.
pub(crate) fn check_text(field: &str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::validation(format!(
            "{field}: at most {max} characters"
        )));
    }
    if text.chars().any(char::is_control) {
        return Err(Error::validation(format!(
            "{field}: control characters are not allowed"
        )));
    }
    Ok(())
}

/// A profile id: a positive number.
pub(crate) fn check_profile(field: &str, id: u32) -> Result<()> {
    if id == 0 {
        return Err(Error::validation(format!(
            "{field}: a profile id is a number from 1"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
