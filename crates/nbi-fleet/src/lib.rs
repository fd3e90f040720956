//! Back up and diff the configuration of a multi-tenant fleet through NMS APIs: inventory,
//! normalization to clean diffable text, a versioned snapshot store, and diffs.
//!
//! # Crate organization
//!
//! * [`Error`] / [`ErrorKind`] — this crate's errors; transport failures convert from
//!   [`nbi_core::Error`].
//! * [`DeviceRef`] / [`Inventory`] / [`FleetSettings`] — the devices and the `[fleet]` settings.
//! * [`Normalizer`] / [`NormalizeSettings`] — fetched bodies to clean, diffable config text.
//! * [`store`] — the versioned snapshot store: [`SnapshotStore`] and its SQLite backend.
//! * [`diff`] — unified diffs of configuration text.
//! * [`schedule`] — cron schedules, the scheduling loop and `/metrics` + `/healthz`.
//!
//! The runner and the `nbi fleet` commands build on these.
#![deny(missing_docs)]

mod device;
pub mod diff;
mod error;
mod inventory;
pub mod normalize;
pub mod schedule;
mod settings;
pub mod store;

pub use crate::device::DeviceRef;
pub use crate::diff::{DiffStat, colorize, unified_diff};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::inventory::Inventory;
pub use crate::normalize::{Flavor, NormalizeSettings, Normalizer};
pub use crate::schedule::{HealthState, JobReport, Schedule, run_schedule};
pub use crate::settings::{ExportSettings, FleetSettings, RetentionSettings, ScheduleSettings};
pub use crate::store::{
    Outcome, Recorded, RunId, RunSummary, RunTotals, SnapshotStore, SqliteStore, StoreDevice,
    VersionInfo,
};
