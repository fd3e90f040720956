//! A client for Calix CMS: E7 ONTs, VLANs and Ethernet services over the NETCONF/SOAP NBI, and
//! the REST NBI, for many tenants at once, safely and politely.
//!
//! # Crate organization
//!
//! * [`Client`] — the entry point, from [`Client::from_transports`] (settings) or
//!   [`Client::builder`]; cheap to clone; one CMS session shared by every call.
//! * [`OntApi`] (`client.ont(node)`) — create, get, list (a paging stream), update (merge),
//!   delete, serial swap, `show-ont`, and [`BulkCreateOnts`] with bounded concurrency.
//! * [`VlanApi`] (`client.vlan(node)`) and [`EthSvcApi`] (`client.eth_svc(node)`) — VLANs and
//!   Ethernet services.
//! * [`RestApi`] (`client.rest()`) — devices, regions, top links and profiles.
//! * Models: [`NewOnt`], [`OntUpdate`], [`Ont`], [`OntStatus`], [`NodeName`], … — validated on
//!   the way out (errors name the field and the rule), unknown values kept on the way in.
//! * Errors: [`Error`] (nbi-core's); an `rpc-error` is read back with [`RpcErrorExt`].
//! * [`blocking::Client`] — the same surface, blocking.
//!
//! # Example
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use nbi_cms::{Client, NewOnt, NodeName};
//! use nbi_core::FixedSecret;
//!
//! # async fn run() -> nbi_cms::Result<()> {
//! let client = Client::builder()
//!     .url("https://cms.acme.example:18443")
//!     .credentials("nbi", FixedSecret::shared("secret"))
//!     .build()?;
//! let node: NodeName = "olt1".parse()?; // or "NTWK-olt1"
//! let ont = client.ont(node.clone()).create(NewOnt::new(5).serial("1A2B3C")).await?;
//! let all: Vec<_> = client.ont(node).list().try_collect().await?;
//! println!("ONT {} of {}", ont.id, all.len());
//! client.close().await?; // logs the session out
//! # Ok(()) }
//! ```
//!
//! # Sessions
//!
//! The first call logs in (`<auth><login>`, SOAP 1.1); every call after it — from any clone,
//! and from every client [`Client::from_transports`] makes for the same (tenant, CMS) — uses
//! that session. When the server answers an RPC with "session not exist" (idle expiry, CMS
//! restart), the session is renewed once for all callers in flight and the call replayed.
//! [`Client::close`] logs out; dropping a client whose session is still open logs a warning
//! (a CMS holds at most 200 sessions). Passwords are resolved at login and never appear in
//! `Debug`, errors or logs.
//!
//! # Resilience
//!
//! Every call goes through nbi-core's pipeline: rate limit, bulkhead (20 in flight by default),
//! circuit breaker per (service, tenant, URL), session auth, timeouts per operation class,
//! classification (an `rpc-error` inside a 200 fails the call with its type, tag, severity and
//! message), and retries of transient failures. Edits are not retried once they may have
//! reached the server; reads are. Replies are read with nbi-core's hardened XML reader: no
//! DOCTYPE, no entity expansion, size and depth caps.
//!
//! # Features
//!
//! * `blocking` (default) — [`blocking::Client`].
//!
//! This crate does not cover CMS alarms, performance data or non-E7 object models.
#![deny(missing_docs)]

mod api;
#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod cache;
mod classify;
mod client;
mod config;
mod endpoint;
mod error;
mod models;
mod session;
mod wire;

pub use crate::api::{
    BulkCreateOnts, BulkOutcome, BulkProgress, EthSvcApi, ListDevices, OntApi, RestApi, VlanApi,
};
pub use crate::builder::ClientBuilder;
pub use crate::client::Client;
pub use crate::config::{PASSWORD_VAR, USERNAME_VAR};
pub use crate::error::{RpcError, RpcErrorExt};
pub use crate::models::node::{NodeName, NodeType};
pub use crate::models::ont::{
    AdminState, MAX_ONT_ID, NewOnt, Ont, OntId, OntUpdate, ProfileRef, Serial, Thresholds,
};
pub use crate::models::rest::{Profile, Region, RestDevice, TopLink};
pub use crate::models::service::{EthSvc, EthSvcId, NewEthSvc, NewVlan};
pub use crate::models::status::{AlarmCounts, OntStatus};
pub use nbi_core::{Error, ErrorKind, Result};
