//! A client for Oracle Field Service (OFSC): the Core, Metadata and Capacity REST APIs, on
//! nbi-core's resilient, multi-tenant transport.
//!
//! # Crate organization
//!
//! - [`Client`] is the entry point ([`ClientBuilder`] builds it from an instance name and
//!   client credentials, or [`Client::from_transports`] from `nbi.toml`). Its accessors return
//!   one handler per API area: [`activities()`](Client::activities),
//!   [`resources()`](Client::resources), [`users()`](Client::users),
//!   [`events()`](Client::events), [`capacity()`](Client::capacity) and
//!   [`metadata()`](Client::metadata).
//! - Every operation is a [`Call`] (`send()` for the typed answer, `send_raw()` for status,
//!   headers and body) or a paged [`List`] (`send()` for one page, `all()` for every item as a
//!   stream — an iterator in blocking mode).
//! - Typed query parameters ([`CapacityQuery`], [`ActivitySearch`] …) are checked before any
//!   request is made; errors name the parameter.
//! - [`models`] holds the serde models; each keeps unknown fields in `extra`.
//! - Errors are [`nbi_core::Error`] (re-exported); [`OfscErrorExt`] reads OFSC's
//!   `o:errorCode` and `detail`.
//! - [`endpoint::ROUTES`] lists every route the client calls.
//! - [`blocking::Client`] is the same client, blocking (feature `blocking`, on by default).
//!
//! # Example
//!
//! ```no_run
//! use nbi_ofsc::{CapacityQuery, Client, FixedSecret};
//! # async fn run() -> nbi_ofsc::Result<()> {
//! let client = Client::builder()
//!     .instance("acme-test") // https://acme-test.fs.ocs.oraclecloud.com
//!     .client_credentials("nbi", FixedSecret::shared("secret")) // sent as nbi@acme-test
//!     .oauth2(None) // /rest/oauthTokenService/v2/token; basic auth when left out
//!     .build()?;
//! let query = CapacityQuery::new(["2025-06-25"]).areas(["FLUSA", "CAUSA"]);
//! let capacity = client.capacity().get(&query).send().await?;
//! let activity = client.activities().get(4225371).send().await?;
//! println!("{:?} {:?}", capacity.items, activity.status);
//! # Ok(()) }
//! ```
//!
//! # Resilience
//!
//! Every call goes through nbi-core's pipeline: rate limit, bulkhead (20 in flight per
//! tenant), circuit breaker per (service, tenant, base URL), auth (basic, or an OAuth 2 token
//! fetched once and renewed ahead of expiry by a single caller; a 401 renews it and replays
//! once), timeouts per operation class (`get`/`list` 10 s, `create`/`update`/`delete` 30 s,
//! custom actions `task` 60 s), and retries of transient failures with full-jitter backoff.
//! POST and PATCH are not replayed unless they never reached the server.
//!
//! # Features
//!
//! - `blocking` (default): [`blocking::Client`].
//!
//! This crate does not cover OFSC's inventories, service requests, daily extracts,
//! collaboration, statistics, parts catalog, plugins, forms and routing APIs yet.

#![deny(missing_docs)]

mod api;
#[cfg(feature = "blocking")]
pub mod blocking;
mod call;
mod client;
pub mod endpoint;
mod error;
pub mod models;
mod paging;
mod params;

pub use api::*;
pub use call::Call;
pub use client::{Client, ClientBuilder, TOKEN_PATH, instance_url};
pub use error::OfscErrorExt;
pub use nbi_core::{Error, ErrorKind, FixedSecret, Page, Response, Result};
pub use paging::List;
pub use params::Params;
