//! The snapshot store: runs, one result per device per run, and versions of each device's
//! normalized configuration in content-addressed, compressed blobs.
//!
//! [`SnapshotStore`] is the contract the runner and the `nbi fleet` commands use;
//! [`SqliteStore`] is the SQLite implementation (a PostgreSQL one can follow).

mod codec;
mod lock;
mod migrate;
mod sqlite;

use std::fmt;
use std::time::{Duration, SystemTime};

use crate::Result;

pub use self::sqlite::SqliteStore;

/// A backup run, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RunId(pub u64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A device as the store knows it: `tenant/source/id`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoreDevice {
    /// The tenant owning the device.
    pub tenant: String,
    /// The configured source it is fetched from.
    pub source: String,
    /// The device's id within that source.
    pub id: String,
}

impl StoreDevice {
    /// A device from its three parts.
    pub fn new(
        tenant: impl Into<String>,
        source: impl Into<String>,
        id: impl Into<String>,
    ) -> Self {
        StoreDevice {
            tenant: tenant.into(),
            source: source.into(),
            id: id.into(),
        }
    }
}

impl fmt::Display for StoreDevice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.tenant, self.source, self.id)
    }
}

/// What fetching one device produced.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The body was fetched and normalized.
    Fetched {
        /// The body as received (kept so rules can be re-applied without a refetch).
        raw: &'a [u8],
        /// The normalized configuration text.
        normalized: &'a str,
        /// Requests made, retries included.
        attempts: u32,
        /// Wall time spent on the device.
        elapsed: Duration,
    },
    /// The device could not be fetched or normalized.
    Failed {
        /// The error kind's short name (e.g. `transport`, `decode`).
        error_kind: &'a str,
        /// The error message (never carries secrets).
        message: &'a str,
        /// Requests made, retries included.
        attempts: u32,
        /// Wall time spent on the device.
        elapsed: Duration,
    },
}

/// What recording a result did to the device's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// The normalized text differed from the latest version: `version` is new.
    Changed {
        /// The new version's number.
        version: u32,
    },
    /// The normalized text equals the latest version.
    Unchanged {
        /// The latest version's number.
        version: u32,
    },
    /// A failure was recorded.
    Failed,
}

/// Totals the runner knows and the store cannot count itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunTotals {
    /// Devices the run set out to back up.
    pub devices: u64,
    /// HTTP requests made.
    pub requests: u64,
    /// Of those, retries.
    pub retries: u64,
}

/// Changed / unchanged / failed counts of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeCounts {
    /// Devices whose text changed (or appeared for the first time).
    pub changed: u64,
    /// Devices whose text did not change.
    pub unchanged: u64,
    /// Devices that failed.
    pub failed: u64,
}

impl OutcomeCounts {
    /// Devices with a result.
    pub fn recorded(&self) -> u64 {
        self.changed + self.unchanged + self.failed
    }
}

/// One run as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunSummary {
    /// The run.
    pub id: RunId,
    /// When it started.
    pub started_at: SystemTime,
    /// When it finished; `None` while running or after a crash (see `--resume`).
    pub finished_at: Option<SystemTime>,
    /// Results recorded so far.
    pub counts: OutcomeCounts,
    /// What the runner reported at the end (zeros until then).
    pub totals: RunTotals,
}

/// A tenant's latest run, with counts restricted to that tenant's devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantRun {
    /// The tenant.
    pub tenant: String,
    /// The latest run with a result for one of its devices.
    pub run: RunSummary,
    /// That tenant's counts in that run.
    pub counts: OutcomeCounts,
}

/// One stored version of a device's configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// The version, from 1.
    pub version: u32,
    /// The normalized text's sha256, lowercase hex.
    pub sha256: String,
    /// The run that first saw it; `None` when `renormalize` created it.
    pub first_seen_run: Option<RunId>,
    /// When it was first seen.
    pub first_seen_at: SystemTime,
    /// The normalized text's size in bytes.
    pub size: u64,
}

/// A failed device in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The device.
    pub device: StoreDevice,
    /// The error kind's short name.
    pub error_kind: String,
    /// The error message.
    pub message: String,
    /// Requests made.
    pub attempts: u32,
    /// Wall time spent.
    pub elapsed: Duration,
}

/// What `prune` removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PruneReport {
    /// Versions dropped.
    pub versions_removed: u64,
    /// Normalized-text blobs no version referred to any more.
    pub blobs_removed: u64,
    /// Raw bodies nothing referred to any more.
    pub raw_blobs_removed: u64,
    /// The database's size before, in bytes.
    pub bytes_before: u64,
    /// The database's size after the vacuum, in bytes.
    pub bytes_after: u64,
}

/// Re-applies normalization rules to a stored raw body.
pub type Renormalizer<'a> = &'a dyn Fn(&[u8]) -> Result<String>;

/// Where runs, results and versions live. Methods are synchronous: call them from
/// `spawn_blocking` or one writer task.
pub trait SnapshotStore: Send + Sync {
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
