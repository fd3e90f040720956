//! The blocking twin of [`crate::Client`]: the same handlers and calls, each returning its
//! result directly instead of a future.
//!
//! Build one with [`crate::ClientBuilder::build_blocking`] or
//! [`crate::Client::into_blocking`]. Calls run on a private runtime thread; calling one from
//! inside a Tokio runtime is an error of kind [`Build`](nbi_core::ErrorKind::Build), not a
//! panic.
//!
//! ```no_run
//! # fn run(transport: nbi_core::Transport) -> nbi_voltha::Result<()> {
//! let voltha = nbi_voltha::Client::builder().transport(transport).build_blocking()?;
//! for device in voltha.devices().list()? {
//!     println!("{} {} {}", device.id, device.device_type, device.oper_status);
//! }
//! # Ok(()) }
//! ```

/// The blocking VOLTHA client.
pub type Client = crate::Client<nbi_core::Blocking>;
