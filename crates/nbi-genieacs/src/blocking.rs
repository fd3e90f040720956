//! The blocking twin of [`crate::Client`]: the same handlers and builders, whose `send()`
//! returns the result instead of a future and whose listings are iterators.
//!
//! ```no_run
//! use nbi_genieacs::{Query, blocking};
//! # fn run(transport: nbi_core::Transport) -> nbi_genieacs::Result<()> {
//! let client: blocking::Client = nbi_genieacs::Client::builder()
//!     .transport(transport)
//!     .build_blocking()?;
//! for device in client.devices().list().query(Query::eq("_tags", "lab")).send() {
//!     println!("{:?}", device?.id());
//! }
//! # Ok(()) }
//! ```
//!
//! Calling it from inside a Tokio runtime is an error of kind
//! [`Build`](crate::ErrorKind::Build), never a panic.

/// The blocking GenieACS client.
pub type Client = crate::Client<nbi_core::Blocking>;
