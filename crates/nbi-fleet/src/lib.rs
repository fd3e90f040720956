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
//! * [`source`] — where configurations come from: [`ConfigSource`], [`HttpJsonSource`],
//!   [`Sources`].
//! * [`runner`] — [`Runner`] backs up a fleet into the store under concurrency bounds.
//! * [`export`] — extra outputs beside the store: a directory mirror and a git repository.
//! * [`report`] — a self-contained HTML report of the latest runs.
//! * [`schedule`] — cron schedules, the scheduling loop and `/metrics` + `/healthz`.
#![deny(missing_docs)]

mod device;
pub mod diff;
mod error;
pub mod export;
mod inventory;
pub mod normalize;
pub mod report;
pub mod runner;
pub mod schedule;
mod settings;
pub mod source;
pub mod store;

pub use crate::device::DeviceRef;
pub use crate::diff::{DiffStat, colorize, unified_diff};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::export::{DirMirror, Exports, GitExport, export_dir};
pub use crate::inventory::Inventory;
pub use crate::normalize::{Flavor, NormalizeSettings, Normalizer};
pub use crate::report::{ReportOptions, render_html};
pub use crate::runner::{NoProgress, Progress, RunReport, Runner};
pub use crate::schedule::{HealthState, JobReport, Schedule, run_schedule};
pub use crate::settings::{ExportSettings, FleetSettings, RetentionSettings, ScheduleSettings};
pub use crate::source::{ConfigSource, Fetched, HttpJsonSource, SourceEntry, Sources};
pub use crate::store::{
    Outcome, Recorded, RunId, RunSummary, RunTotals, SnapshotStore, SqliteStore, StoreDevice,
    VersionInfo,
};
