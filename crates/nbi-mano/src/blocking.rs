//! The blocking twin of [`crate::Client`]: the same surface, each call blocking the calling
//! thread until it finishes, listings iterating instead of streaming.
//!
//! Build it with [`ClientBuilder::build_blocking`](crate::ClientBuilder::build_blocking) or
//! [`Client::into_blocking`](crate::Client::into_blocking). It runs its calls on a private
//! one-thread runtime; calling it from inside a Tokio runtime is an error of kind
//! [`Build`](nbi_core::ErrorKind::Build), never a panic.
//!
//! ```no_run
//! # fn run(transport: nbi_core::Transport) -> nbi_mano::Result<()> {
//! let mano = nbi_mano::Client::builder().transport(transport).build_blocking()?;
//! for intent in mano.orchestrator().intents().all() {
//!     println!("{}", intent?.id);
//! }
//! # Ok(()) }
//! ```

/// The blocking MANO client.
pub type Client = crate::Client<nbi_core::Blocking>;
