//! The snapshot store: runs, one result per device per run, and versions of each device's
//! normalized configuration in content-addressed, compressed blobs.
//!
//! [`SnapshotStore`] is the contract the runner and the `nbi fleet` commands use;
//! [`SqliteStore`] is the SQLite implementation (a PostgreSQL one can follow).

mod codec;
mod lock;
mod migrate;
mod sqlite;
mod types;

use std::time::SystemTime;

use crate::Result;

pub use self::sqlite::SqliteStore;
pub use self::types::{
    DeviceResult, Failure, Outcome, OutcomeCounts, PruneReport, Recorded, RunId, RunSummary,
    RunTotals, StoreDevice, TenantRun, VersionInfo,
};

/// Re-applies normalization rules to a device's stored raw body (each source has its own).
pub type Renormalizer<'a> = &'a dyn Fn(&StoreDevice, &[u8]) -> Result<String>;

/// Where runs, results and versions live. Methods are synchronous: call them from
/// `spawn_blocking` or one writer task.
pub trait SnapshotStore: Send + Sync + std::fmt::Debug {
    /// Starts a run; runs are numbered from 1.
    fn begin_run(&self, started_at: SystemTime) -> Result<RunId>;

    /// Records one device's result in `run`. Every device gets exactly one result per run:
    /// a second one is a `Usage` error. A new version is created only when the normalized
    /// text differs from the device's latest.
    fn record(&self, run: RunId, device: &StoreDevice, outcome: &Outcome<'_>) -> Result<Recorded>;

    /// Makes every recorded result durable (results are written in batches).
    fn flush(&self) -> Result<()>;

    /// Marks the run finished with the runner's totals (flushes first).
    fn finish_run(&self, run: RunId, finished_at: SystemTime, totals: RunTotals) -> Result<()>;

    /// One run; an unknown run is a `Usage` error.
    fn run(&self, run: RunId) -> Result<RunSummary>;

    /// The latest `limit` runs, newest first.
    fn runs(&self, limit: u32) -> Result<Vec<RunSummary>>;

    /// Each tenant's latest run, tenants in name order.
    fn last_run_per_tenant(&self) -> Result<Vec<TenantRun>>;

    /// The candidates with no result in `run`, in the given order (for `--resume`).
    fn devices_without_result(
        &self,
        run: RunId,
        candidates: &[StoreDevice],
    ) -> Result<Vec<StoreDevice>>;

    /// The device's versions, oldest first; an unknown device is a `Usage` error.
    fn versions(&self, device: &StoreDevice) -> Result<Vec<VersionInfo>>;

    /// The normalized text of `version`, or of the latest when `None`.
    fn text(&self, device: &StoreDevice, version: Option<u32>) -> Result<String>;

    /// The raw body behind `version`, or the latest body fetched when `None`.
    fn raw(&self, device: &StoreDevice, version: Option<u32>) -> Result<Vec<u8>>;

    /// The failed devices of `run`, by device.
    fn failures(&self, run: RunId) -> Result<Vec<Failure>>;

    /// Every result of `run`, by device (for reports and `export --run`).
    fn results(&self, run: RunId) -> Result<Vec<DeviceResult>>;

    /// Every device the store has seen, by name.
    fn devices(&self) -> Result<Vec<StoreDevice>>;

    /// Keeps each device's latest `keep_versions` versions, drops blobs nothing refers to any
    /// more, then compacts the file.
    fn prune(&self, keep_versions: u32) -> Result<PruneReport>;

    /// Re-applies `normalize` to each device's latest raw body, adding a version where the text
    /// changes. Returns how many devices got a new version. All or nothing: an error leaves the
    /// store as it was.
    fn renormalize(&self, normalize: Renormalizer<'_>) -> Result<u32>;
}

#[cfg(test)]
mod tests;
