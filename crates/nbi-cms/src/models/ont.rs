//! ONTs: the create / update / reply models (their validated fields are in `ont_fields`).

use std::collections::BTreeMap;

use nbi_core::{Error, Result};
use serde::{Deserialize, Serialize};

pub use super::ont_fields::{AdminState, MAX_ONT_ID, OntId, Serial};

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
