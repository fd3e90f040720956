//! VLANs and Ethernet (data) services on ONT ports.

use nbi_core::{Error, Result};
use serde::{Deserialize, Serialize};

use super::ont::{AdminState, OntId, check_profile, check_text};

/// A VLAN to create on a node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewVlan {
    /// The VLAN id, 2–4093.
    pub id: u16,
    /// Its name, at most 32 characters.
    #[serde(default)]
    pub name: String,
}

impl NewVlan {
    /// VLAN `id` named `name`.
    pub fn new(id: u16, name: impl Into<String>) -> NewVlan {
        NewVlan {
            id,
            name: name.into(),
        }
    }

    /// Checks the id range and the name.
    pub fn validate(&self) -> Result<()> {
        check_vlan("vlan id", self.id)?;
        check_text("name", &self.name, 32)
    }
}

pub(crate) fn check_vlan(field: &str, id: u16) -> Result<()> {
    if !(2..=4093).contains(&id) {
        return Err(Error::validation(format!(
            "{field}: {id} is outside 2..=4093"
        )));
    }
    Ok(())
}

/// Where an Ethernet service sits: ONT, ONT slot, Ethernet port and service number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EthSvcId {
    /// The ONT.
    pub ont: OntId,
    /// The ONT slot (3 for the Gigabit Ethernet ports of most ONTs).
    #[serde(default = "default_slot")]
    pub slot: u32,
    /// The Ethernet port, from 1.
    pub port: u32,
    /// The service number on that port, from 1.
    pub service: u32,
}

fn default_slot() -> u32 {
    3
}

impl EthSvcId {
    /// Service `service` on port `port` (slot 3) of `ont`.
    pub fn new(ont: OntId, port: u32, service: u32) -> EthSvcId {
        EthSvcId {
            ont,
            slot: default_slot(),
            port,
            service,
        }
    }

    /// Checks every part.
    pub fn validate(&self) -> Result<()> {
        self.ont.existing()?;
        for (field, n) in [
            ("slot", self.slot),
            ("port", self.port),
            ("service", self.service),
        ] {
            if n == 0 {
                return Err(Error::validation(format!("{field}: a number from 1")));
            }
        }
        Ok(())
    }
}

/// An Ethernet service to create.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEthSvc {
    /// Where it sits.
    pub id: EthSvcId,
    /// Administrative state (default enabled).
    #[serde(default)]
    pub admin: AdminState,
    /// Description, at most 64 characters.
    #[serde(default)]
    pub description: String,
    /// The tag action profile id.
    pub tag_action: u32,
    /// The bandwidth profile id.
    pub bw_profile: u32,
    /// The outer VLAN.
    pub out_tag: u16,
    /// The inner VLAN, for double-tagged services.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_tag: Option<u16>,
}

impl NewEthSvc {
    /// Checks every field.
    pub fn validate(&self) -> Result<()> {
        self.id.validate()?;
        self.admin.check()?;
        check_text("description", &self.description, 64)?;
        check_profile("tag_action", self.tag_action)?;
        check_profile("bw_profile", self.bw_profile)?;
        check_vlan("out_tag", self.out_tag)?;
        if let Some(inner) = self.in_tag {
            check_vlan("in_tag", inner)?;
        }
        Ok(())
    }
}

/// An Ethernet service as the node reports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EthSvc {
    /// Where it sits.
    pub id: EthSvcId,
    /// Administrative state.
    pub admin: AdminState,
    /// Description.
    pub description: String,
    /// The tag action profile.
    pub tag_action: super::ont::ProfileRef,
    /// The bandwidth profile.
    pub bw_profile: super::ont::ProfileRef,
    /// The outer VLAN.
    pub out_tag: Option<u16>,
    /// The inner VLAN.
    pub in_tag: Option<u16>,
}
