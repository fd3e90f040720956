//! Timeouts per operation class, with the default tables of the VOLTHA, GenieACS and NetBox
//! clients, overridable per tenant and service.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::request::OperationClass;

/// Seconds per class used by every service unless its own table or the settings say otherwise.
const COMMON: &[(&str, f64)] = &[
    ("health_check", 5.0),
    ("auth", 10.0),
    ("list", 10.0),
    ("get", 10.0),
    ("create", 30.0),
    ("update", 30.0),
    ("delete", 30.0),
    ("enable", 30.0),
    ("disable", 30.0),
    ("allocate", 30.0),
    ("task", 60.0),
    ("provision", 60.0),
    ("reboot", 60.0),
];

/// Per-service differences from [`COMMON`]: GenieACS and NetBox lists can be slow.
const SERVICE_OVERRIDES: &[(&str, &[(&str, f64)])] = &[
    ("genieacs", &[("list", 15.0)]),
    ("netbox", &[("list", 15.0)]),
];

/// Seconds from settings as a duration: negative or NaN is zero, and anything past a day is a
/// day, so no setting can overflow a clock.
pub(crate) fn seconds(secs: f64) -> Duration {
    const DAY: Duration = Duration::from_secs(86_400);
    if secs.is_nan() || secs <= 0.0 {
        Duration::ZERO
    } else {
        Duration::try_from_secs_f64(secs).map_or(DAY, |d| d.min(DAY))
    }
}

/// The timeout of a class that no table names.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The connect timeout of every transport.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Timeouts per operation class for one (service, tenant).
///
/// ```
/// use nbi_core::{OperationClass, Timeouts};
/// use std::time::Duration;
/// let t = Timeouts::for_service("netbox").with_overrides([("get".to_string(), 3.0)]);
/// assert_eq!(t.get(&OperationClass::LIST), Duration::from_secs(15));
/// assert_eq!(t.get(&OperationClass::GET), Duration::from_secs(3));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Timeouts {
    by_class: BTreeMap<String, Duration>,
    default: Duration,
}

impl Timeouts {
    /// The built-in table for a service kind (`voltha`, `genieacs`, `netbox`, anything else).
    pub fn for_service(kind: &str) -> Self {
        let mut by_class: BTreeMap<String, Duration> = COMMON
            .iter()
            .map(|(k, s)| ((*k).to_string(), Duration::from_secs_f64(*s)))
            .collect();
        if let Some((_, extra)) = SERVICE_OVERRIDES.iter().find(|(name, _)| *name == kind) {
            for (k, s) in *extra {
                by_class.insert((*k).to_string(), Duration::from_secs_f64(*s));
            }
        }
        Timeouts {
            by_class,
            default: DEFAULT_TIMEOUT,
        }
    }

    /// Replaces classes' timeouts (seconds), as a tenant's settings do.
    pub fn with_overrides(mut self, overrides: impl IntoIterator<Item = (String, f64)>) -> Self {
        for (class, secs) in overrides {
            self.by_class.insert(class, seconds(secs));
        }
        self
    }

    /// The timeout of `class`.
    pub fn get(&self, class: &OperationClass) -> Duration {
        self.by_class
            .get(class.as_str())
            .copied()
            .unwrap_or(self.default)
    }

    /// Every class and its timeout.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Duration)> {
        self.by_class.iter().map(|(k, v)| (k.as_str(), *v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_match_the_service_defaults() {
        let voltha = Timeouts::for_service("voltha");
        assert_eq!(
            voltha.get(&OperationClass::HEALTH_CHECK),
            Duration::from_secs(5)
        );
        assert_eq!(voltha.get(&OperationClass::LIST), Duration::from_secs(10));
        assert_eq!(voltha.get(&OperationClass::REBOOT), Duration::from_secs(60));
        let genie = Timeouts::for_service("genieacs");
        assert_eq!(genie.get(&OperationClass::LIST), Duration::from_secs(15));
        assert_eq!(genie.get(&OperationClass::TASK), Duration::from_secs(60));
        assert_eq!(
            Timeouts::for_service("netbox").get(&OperationClass::ALLOCATE),
            Duration::from_secs(30)
        );
        assert_eq!(
            voltha.get(&OperationClass::new("unheard_of")),
            DEFAULT_TIMEOUT
        );
    }
}
