//! A device of the fleet, named `tenant/source/id`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{Error, ErrorKind, Result};

/// One device: the tenant it belongs to, the config source that serves it, and its id there.
///
/// Always valid: tenant and source names are `[a-z0-9-]+`; the id is `[A-Za-z0-9._:-]+` and
/// not `.` or `..` (it becomes a file name in exports). Orders by tenant, then source, then id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "UncheckedDeviceRef")]
pub struct DeviceRef {
    tenant: String,
    source: String,
    id: String,
}

/// The serde shape before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UncheckedDeviceRef {
    tenant: String,
    source: String,
    id: String,
}

impl TryFrom<UncheckedDeviceRef> for DeviceRef {
    type Error = String;

    fn try_from(raw: UncheckedDeviceRef) -> std::result::Result<Self, String> {
        DeviceRef::validated(raw.tenant, raw.source, raw.id)
    }
}

impl DeviceRef {
    /// A device reference, refused ([`ErrorKind::Usage`]) when a part is not a valid name.
    pub fn new(
        tenant: impl Into<String>,
        source: impl Into<String>,
        id: impl Into<String>,
    ) -> Result<Self> {
        DeviceRef::validated(tenant.into(), source.into(), id.into())
            .map_err(|reason| Error::new(ErrorKind::Usage, reason))
    }

    /// Validates the parts; the error says which part is wrong and why.
    pub(crate) fn validated(
        tenant: String,
        source: String,
        id: String,
    ) -> std::result::Result<Self, String> {
        check_name("tenant", &tenant)?;
        check_name("source", &source)?;
        check_id(&id)?;
        Ok(DeviceRef { tenant, source, id })
    }

    /// The tenant's name.
    pub fn tenant(&self) -> &str {
        &self.tenant
    }

    /// The config source's name within the tenant.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The device's id at its source.
    pub fn id(&self) -> &str {
        &self.id
    }
}

fn check_name(what: &str, name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        return Err(format!("{what} name is empty"));
    }
    match name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        Some(c) => Err(format!(
            "{what} name {name:?} has {c:?}; allowed are a-z, 0-9 and '-'"
        )),
        None => Ok(()),
    }
}

fn check_id(id: &str) -> std::result::Result<(), String> {
    if id.is_empty() {
        return Err("device id is empty".to_owned());
    }
    if id == "." || id == ".." {
        return Err(format!("device id {id:?} is not allowed"));
    }
    match id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-')))
    {
        Some(c) => Err(format!(
            "device id {id:?} has {c:?}; allowed are A-Z, a-z, 0-9, '.', '_', ':' and '-'"
        )),
        None => Ok(()),
    }
}

impl FromStr for DeviceRef {
    type Err = Error;

    /// Parses `tenant/source/id`; errors are [`ErrorKind::Usage`].
    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(tenant), Some(source), Some(id), None) => DeviceRef::new(tenant, source, id)
                .map_err(|e| Error::new(ErrorKind::Usage, format!("device {s:?}: {e}"))),
            _ => Err(Error::new(
                ErrorKind::Usage,
                format!("device {s:?} is not of the form tenant/source/id"),
            )),
        }
    }
}

impl fmt::Display for DeviceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.tenant, self.source, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_displays_round_trip() {
        let d: DeviceRef = "acme/core-nms/r1.lab:0_A-b".parse().unwrap();
        assert_eq!(d.tenant(), "acme");
        assert_eq!(d.source(), "core-nms");
        assert_eq!(d.id(), "r1.lab:0_A-b");
        assert_eq!(d.to_string(), "acme/core-nms/r1.lab:0_A-b");
    }

    #[test]
    fn refuses_bad_parts_naming_them() {
        let cases = [
            ("acme/core/..", "\"..\" is not allowed"),
            ("acme/core/.", "\".\" is not allowed"),
            ("Acme/core/r1", "tenant name \"Acme\""),
            ("acme/co re/r1", "source name \"co re\""),
            ("acme/core/r 1", "device id \"r 1\""),
            ("acme/core/", "device id is empty"),
            ("acme/core", "not of the form"),
            ("acme/core/r1/x", "not of the form"),
        ];
        for (input, expected) in cases {
            let e = input.parse::<DeviceRef>().unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Usage);
            assert!(e.message().contains(expected), "{input}: {e}");
        }
    }

    #[test]
    fn serde_validates() {
        let ok: DeviceRef =
            serde_json::from_str(r#"{"tenant":"a","source":"b","id":"c"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&ok).unwrap(),
            r#"{"tenant":"a","source":"b","id":"c"}"#
        );
        assert!(
            serde_json::from_str::<DeviceRef>(r#"{"tenant":"a","source":"b","id":".."}"#).is_err()
        );
    }

    #[test]
    fn orders_by_tenant_source_id() {
        let mut v: Vec<DeviceRef> = ["b/a/a", "a/b/a", "a/a/b", "a/a/a"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        v.sort();
        let names: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["a/a/a", "a/a/b", "a/b/a", "b/a/a"]);
    }
}

impl From<&DeviceRef> for crate::store::StoreDevice {
    fn from(device: &DeviceRef) -> Self {
        crate::store::StoreDevice::new(device.tenant(), device.source(), device.id())
    }
}

#[cfg(test)]
mod store_key_tests {
    use super::*;

    #[test]
    fn a_device_ref_is_the_stores_key() {
        let device: DeviceRef = "acme/core-nms/r1".parse().unwrap();
        let key = crate::store::StoreDevice::from(&device);
        assert_eq!(key.to_string(), device.to_string());
    }
}
