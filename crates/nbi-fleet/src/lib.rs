//! Back up and diff the configuration of a multi-tenant fleet through NMS APIs: inventory,
//! normalization to clean diffable text, a versioned snapshot store, and diffs.
//!
//! # Crate organization
//!
//! * [`Error`] / [`ErrorKind`] — this crate's errors; transport failures convert from
//!   [`nbi_core::Error`].
//! * [`store`] — the versioned snapshot store: [`SnapshotStore`] and its SQLite backend.
//! * [`diff`] — unified diffs of configuration text.
#![deny(missing_docs)]

pub mod diff;
mod error;
pub mod store;

pub use crate::diff::{DiffStat, colorize, unified_diff};
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::store::{
    Outcome, Recorded, RunId, RunSummary, RunTotals, SnapshotStore, SqliteStore, StoreDevice,
    VersionInfo,
};
