//! Back up and diff the configuration of a multi-tenant fleet through NMS APIs: inventory,
//! normalization to clean diffable text, a versioned snapshot store, and diffs.
//!
//! # Crate organization
//!
//! * [`Error`] / [`ErrorKind`] — this crate's errors; transport failures convert from
//!   [`nbi_core::Error`].
#![deny(missing_docs)]

mod error;

pub use crate::error::{Error, ErrorKind, Result};
