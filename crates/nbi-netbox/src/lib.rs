//! A NetBox 4.x REST client: a generic API over every `/api/<app>/<model>/`, typed models
//! for the common ones, available IPs / prefixes / VLANs and rendered device configs, over
//! nbi-core's resilient transport.
//!
//! # Crate organization
//!
//! * [`Client`] — the entry point ([`Client::builder`], [`Client::from_transports`]), with
//!   [`Client::endpoint`] for any model and the area accessors [`Client::dcim`]
//!   ([`DcimApi`]: devices, interfaces, sites, `render-config`), [`Client::ipam`]
//!   ([`IpamApi`]: prefixes, addresses, VLANs and their pools), [`Client::tenancy`]
//!   ([`TenancyApi`]) and [`Client::status`] ([`StatusApi`]).
//! * [`Endpoint`] — list (filters, [`ListObjects`]), get, create, create_many, update (PUT),
//!   patch, delete and their bulk forms; [`WriteObject::if_match`] sends `If-Match`,
//!   [`Endpoint::get_tagged`] returns the `ETag`.
//! * [`ListObjects::all`] — every item of every page, by `limit`/`offset` or from
//!   [`ListObjects::start`] by primary key (cursor mode).
//! * [`Available`] — `available-ips`, `available-prefixes`, `available-vlans`.
//! * [`models`] — [`Device`], [`Interface`], [`IpAddress`], [`Prefix`], [`Site`], [`Tenant`],
//!   [`Vlan`] and friends; unknown fields are kept in `extra`, unknown choices in
//!   [`Status::Other`].
//! * Errors are [`nbi_core::Error`] ([`Error`], [`ErrorKind`]); [`NetboxErrorExt`] reads what
//!   only NetBox says (pool exhausted, 412, the 500 body, bulk item errors). A missing or bad
//!   token is NetBox's 403, kind [`ErrorKind::Auth`] — never a credential renewal.
//! * [`blocking`] — the same surface, blocking.
//!
//! # Example
//!
//! ```
//! use futures::TryStreamExt;
//! use nbi_core::{FixedSecret, Transport, auth::TokenAuth};
//! use nbi_netbox::{Client, Device};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let sim = nbi_sim::spawn(nbi_sim::SimConfig {
//!     services: vec![nbi_sim::Service::Netbox],
//!     ..Default::default()
//! })
//! .await?;
//! let endpoint = &sim.endpoints()[0];
//! let nbi_sim::Credentials::Token { token } = &endpoint.credentials else { unreachable!() };
//! let transport = Transport::builder("netbox", "tenant-1")
//!     .base_url(&endpoint.url)
//!     .allow_insecure_http(true)
//!     .auth(std::sync::Arc::new(TokenAuth::new(FixedSecret::shared(token.as_str()))))
//!     .build()?;
//! let netbox = Client::builder().transport(transport).build()?;
//!
//! let routers: Vec<Device> = netbox.dcim().devices().list().filter("role", "router").all().try_collect().await?;
//! let config = netbox.dcim().render_config(routers[0].id).await?;
//! assert!(config.content.contains("hostname r0001"));
//! let free = netbox.ipam().available_ips(3u64).list().await?;
//! println!("{} routers, next free address {}", routers.len(), free[0].address);
//! # Ok(()) }
//! ```
//!
//! # Resilience
//!
//! Every call goes through [`nbi_core::Transport`]: rate limit, bulkhead (20 in flight),
//! circuit breaker per (service, tenant, base URL), token auth (`Token <40 hex>` for v1 keys,
//! `Bearer nbt_…` for v2), timeouts per operation class (NetBox's table: list 15 s, get 10 s,
//! create / update / delete / allocate 30 s, status 5 s), and retries of 429 / 5xx /
//! connection failures with full-jitter backoff. Creates, PATCHes and allocations are
//! retried only when they never reached the server; `render-config` is a read and is retried.
//!
//! # Features
//!
//! * `blocking` (default) — documents [`blocking::Client`]; the blocking mode itself is
//!   nbi-core's.
//!
//! The client does not follow the server's `next` links to other hosts (the cursor is the
//! link's query, sent to the configured URL), and it does not cache anything.
#![deny(missing_docs)]

mod api;
pub mod blocking;
mod client;
mod endpoint;
mod error;
pub mod models;
mod paging;

pub use crate::api::{
    Available, DcimApi, DeleteObject, Endpoint, IpamApi, ListObjects, StatusApi, TenancyApi,
    WriteObject,
};
pub use crate::client::{Client, ClientBuilder};
pub use crate::error::{NetboxErrorExt, ServerError};
pub use crate::models::{
    AvailableIp, AvailablePrefix, AvailableVlan, Choice, Device, Id, Interface, IpAddress,
    NestedRef, Prefix, RenderedConfig, Site, Status, SystemStatus, Tagged, Tenant, Vlan,
};
pub use nbi_core::{Error, ErrorKind, Page, Result};
