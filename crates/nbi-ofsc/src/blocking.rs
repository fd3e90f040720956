//! The blocking client: the same handlers and operations as the async [`Client`](crate::Client),
//! run on a private runtime, so the two cannot drift.
//!
//! ```no_run
//! use nbi_ofsc::{CapacityQuery, FixedSecret};
//! let client = nbi_ofsc::Client::builder()
//!     .instance("acme-test")
//!     .client_credentials("nbi", FixedSecret::shared("secret"))
//!     .build_blocking()?;
//! let capacity = client.capacity().get(&CapacityQuery::new(["2025-06-25"])).send()?;
//! println!("{} dates", capacity.items.unwrap_or_default().len());
//! for activity in client.activities().search(
//!     &nbi_ofsc::ActivitySearch::new(["FLUSA"]).dates("2025-06-25", "2025-06-25"),
//! ).all() {
//!     println!("{:?}", activity?.activity_id);
//! }
//! # Ok::<(), nbi_ofsc::Error>(())
//! ```

/// The blocking client: [`Client`](crate::Client) in [`Blocking`](nbi_core::Blocking) mode.
pub type Client = crate::Client<nbi_core::Blocking>;
