//! The values the snapshot store takes and returns.

use std::fmt;
use std::time::{Duration, SystemTime};

/// A backup run, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RunId(pub u64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Delegated so width and alignment (`{:>5}`) apply.
        fmt::Display::fmt(&self.0, f)
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

/// One device's result in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceResult {
    /// The device.
    pub device: StoreDevice,
    /// Changed, unchanged or failed.
    pub recorded: Recorded,
    /// The device's version after this result (for a failure, the one it already had).
    pub version: Option<u32>,
    /// Requests made.
    pub attempts: u32,
    /// Wall time spent.
    pub elapsed: Duration,
    /// For a failure: the error kind's short name and the message.
    pub error: Option<(String, String)>,
}
