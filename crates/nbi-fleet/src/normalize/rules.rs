//! The volatile-line patterns per vendor flavour, and the IOS-XR timestamp line.

use serde::{Deserialize, Serialize};

/// Which vendor's volatile lines to remove.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flavor {
    /// Every vendor's patterns (each matches only its own vendor's output).
    #[default]
    Auto,
    /// Cisco IOS / IOS-XE.
    Ios,
    /// Cisco NX-OS.
    Nxos,
    /// Arista EOS.
    Eos,
    /// Cisco IOS-XR.
    Iosxr,
    /// Juniper JunOS.
    Junos,
}

/// Cisco-like (ios, nxos, eos, iosxr) lines that change without the configuration changing.
pub(crate) const CISCO_VOLATILE: [&str; 8] = [
    r"^Building configuration",
    r"^Current configuration\s*:",
    r"^!+ ?Last configuration change (at|since)",
    r"^!+ ?NVRAM config last updated",
    r"^! No configuration change since",
    r"^ntp clock-period ",
    r"^!Time: ",
    r"^!Running configuration last done at",
];

/// JunOS lines that change without the configuration changing.
pub(crate) const JUNOS_VOLATILE: [&str; 3] = [
    r"^## Last commit: ",
    r"^## Last changed: ",
    r"^\{(master|backup|primary|secondary|linecard)(:\d+)?\}$",
];

/// The timestamp IOS-XR prints as the first line of `show running-config`.
pub(crate) const IOSXR_TIMESTAMP: &str = r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2}(\.\d+)? \S+$";

impl Flavor {
    /// The built-in volatile-line patterns of this flavour.
    pub(crate) fn volatile_patterns(self) -> Vec<&'static str> {
        match self {
            Flavor::Auto => CISCO_VOLATILE
                .iter()
                .chain(&JUNOS_VOLATILE)
                .copied()
                .collect(),
            Flavor::Ios | Flavor::Nxos | Flavor::Eos | Flavor::Iosxr => CISCO_VOLATILE.to_vec(),
            Flavor::Junos => JUNOS_VOLATILE.to_vec(),
        }
    }
}
