//! The `[fleet]` settings: store, concurrency bounds, extra outputs, retention, schedule.

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;

use crate::{Error, ErrorKind, Result};

/// The `[fleet]` table, apart from the devices themselves (see [`crate::Inventory`]).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FleetSettings {
    /// The SQLite snapshot store (default `nbi.db`).
    pub store: PathBuf,
    /// Bound on in-flight device fetches overall (default 50).
    pub concurrency: usize,
    /// Bound on in-flight device fetches per (tenant, source) (default 20).
    pub per_source_concurrency: usize,
    /// Extra outputs beside the store.
    pub export: Option<ExportSettings>,
    /// How many versions per device `nbi fleet prune` keeps.
    pub retention: RetentionSettings,
    /// When `nbi fleet schedule` runs backups.
    pub schedule: Option<ScheduleSettings>,
    /// `[[fleet.devices]]`, read by [`crate::Inventory::from_fleet_table`].
    #[serde(rename = "devices")]
    _devices: Option<Value>,
    /// `inventory = …`, read by [`crate::Inventory::from_fleet_table`].
    #[serde(rename = "inventory")]
    _inventory: Option<Value>,
}

impl Default for FleetSettings {
    fn default() -> Self {
        FleetSettings {
            store: PathBuf::from("nbi.db"),
            concurrency: 50,
            per_source_concurrency: 20,
            export: None,
            retention: RetentionSettings::default(),
            schedule: None,
            _devices: None,
            _inventory: None,
        }
    }
}

/// `export = { git = "…", dir = "…" }`: both optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportSettings {
    /// A git repository committed to once per run.
    pub git: Option<PathBuf>,
    /// A plain directory mirror.
    pub dir: Option<PathBuf>,
}

/// `retention = { keep_versions = 100 }`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetentionSettings {
    /// Versions kept per device (default 100).
    pub keep_versions: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings { keep_versions: 100 }
    }
}

/// `schedule = { cron = "0 */6 * * *", timezone = "UTC" }`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSettings {
    /// A 5-field cron expression (checked by the scheduler).
    pub cron: String,
    /// The time zone the expression is read in (default `UTC`).
    #[serde(default = "utc")]
    pub timezone: String,
}

fn utc() -> String {
    "UTC".to_owned()
}

impl FleetSettings {
    /// Reads the `[fleet]` table (as JSON; absent = all defaults). Errors
    /// ([`ErrorKind::Usage`]) name the field, e.g. `fleet.retention.keep_versions: …`.
    pub fn from_fleet_table(value: &Value) -> Result<FleetSettings> {
        if value.is_null() {
            return Ok(FleetSettings::default());
        }
        let settings: FleetSettings = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let at = if path == "." {
                "fleet".to_owned()
            } else {
                format!("fleet.{path}")
            };
            Error::new(ErrorKind::Usage, format!("{at}: {}", e.inner()))
        })?;
        for (field, bound) in [
            ("concurrency", settings.concurrency),
            ("per_source_concurrency", settings.per_source_concurrency),
        ] {
            if bound == 0 {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("fleet.{field}: must be at least 1"),
                ));
            }
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_when_absent() {
        let s =
            FleetSettings::from_fleet_table(&json!({"devices": [], "inventory": "d.csv"})).unwrap();
        assert_eq!(s.store, PathBuf::from("nbi.db"));
        assert_eq!((s.concurrency, s.per_source_concurrency), (50, 20));
        assert_eq!(s.retention.keep_versions, 100);
        assert!(s.export.is_none() && s.schedule.is_none());
        assert_eq!(
            FleetSettings::from_fleet_table(&Value::Null).unwrap(),
            FleetSettings::default()
        );
    }

    #[test]
    fn reads_every_field() {
        let s = FleetSettings::from_fleet_table(&json!({
            "store": "x.db", "concurrency": 5, "per_source_concurrency": 2,
            "export": {"git": "g"}, "retention": {"keep_versions": 3},
            "schedule": {"cron": "0 */6 * * *"},
        }))
        .unwrap();
        assert_eq!(s.store, PathBuf::from("x.db"));
        assert_eq!((s.concurrency, s.per_source_concurrency), (5, 2));
        assert_eq!(
            s.export.unwrap(),
            ExportSettings {
                git: Some("g".into()),
                dir: None
            }
        );
        assert_eq!(s.retention.keep_versions, 3);
        let schedule = s.schedule.unwrap();
        assert_eq!(
            (schedule.cron.as_str(), schedule.timezone.as_str()),
            ("0 */6 * * *", "UTC")
        );
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                json!({"concurency": 5}),
                "fleet.concurency: unknown field `concurency`",
            ),
            (
                json!({"retention": {"keep_versions": "many"}}),
                "fleet.retention.keep_versions: invalid type",
            ),
            (
                json!({"schedule": {"timezone": "UTC"}}),
                "fleet.schedule: missing field `cron`",
            ),
            (
                json!({"concurrency": 0}),
                "fleet.concurrency: must be at least 1",
            ),
        ];
        for (table, expected) in cases {
            let e = FleetSettings::from_fleet_table(&table).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Usage);
            assert!(e.message().starts_with(expected), "{e}");
        }
    }
}
