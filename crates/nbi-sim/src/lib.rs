//! Simulated northbound API servers with fault injection, for tests, demos and benchmarks.
//!
//! [`spawn`] starts one server per [`Service`] on `127.0.0.1` (a free port each) and returns a
//! [`SimHandle`] with the URLs and per-tenant [`Credentials`]; dropping the handle stops them.
//!
//! # The NMS service
//!
//! A multi-tenant config server for the fleet backup job. Tenants are told apart by their
//! credentials: with [`AuthMode::Default`], tenant 1 uses a static bearer token, tenant 2 OAuth2
//! client credentials (`POST /oauth/token`), tenant 3 a JWT login (`POST /auth/login`,
//! `POST /auth/refresh`), tenant 4 HTTP basic, and so on in rotation. Secrets derive from the
//! seed. Routes:
//!
//! - `GET /api/v1/devices?limit=&offset=` → `{count, next, previous, results: [{id, name, flavor}]}`
//! - `GET /api/v1/devices/{id}/config` → `{"json_metadata": {…}, "envelope_id": "…",
//!   "api_version": "v2", "data": {"running_config": "…"}}` (Cisco IOS / Arista EOS) or
//!   `data.configuration` as structured JSON (Juniper). Volatile lines change on every fetch.
//! - `POST /_sim/devices/{tenant}/{id}/change` (no auth) changes a device's config.
//!
//! In benchmark mode ([`SimConfig::bench`]) there is no auth, any id matching
//! `[A-Za-z0-9._:-]+` is served a 4 KB envelope, and `?delay_ms=N` adds latency. That route
//! is answered by a lean HTTP/1.1 loop straight from the socket buffer (pipelined requests get
//! one write per batch); `/_sim/*` routes, and every request while a fault knob is set, go
//! through the normal router, so faults and stats behave as in normal mode.
//!
//! # The CMS service
//!
//! Calix CMS on one server: the E7 NETCONF/SOAP NBI at `POST /cmsexc/ex/netconf` (and
//! `POST /cmsweb/nc`, the C7/E3/E5-100 path) and the REST NBI under `/restnbi`. Each tenant has
//! a user name and password ([`Credentials::Basic`]): the NETCONF login carries them in its XML,
//! the REST NBI takes them as HTTP basic auth. Each tenant has its own nodes `NTWK-olt-1` (with
//! `--devices` seeded ONTs, ids from 1) and `NTWK-olt-2` (empty), both with VLAN 100.
//!
//! - `<auth><login>` (SOAP 1.1) answers `<auth-reply>` with `ResultCode` 0 and the session id
//!   tagged `SessionId` (odd seeds) or `SessionID` (even seeds), 6 for a bad login, 11 once 200
//!   sessions are open. Sessions end at `<logout>` or after sitting idle for `token_ttl_s`
//!   (default 1800 s); an RPC with an unknown session gets the rpc-error
//!   `session not exist, SESSION ID REQUIRED.`
//! - `<rpc>` (SOAP 1.2): `edit-config` create / merge / delete of `Ont`, `Vlan` and `EthSvc`
//!   objects (with CMS's checks: ranges, unique serial numbers, profiles, services in use),
//!   `get-config` of one ONT or of the node's ONTs, 100 per reply then `<more/>` (continue with
//!   `<after>`), and the `show-ont` action. Failures are `<rpc-error>`s in a 200.
//! - `GET /restnbi/devices?deviceType=&limit=`, `/restnbi/region`, `/restnbi/toplinks`,
//!   `/restnbi/profiles?profileType=` answer `{"data": [...]}`; errors
//!   `{"errorCode", "errorMessage"}`.
//! - `GET /_sim/cms/sessions` (no auth) answers login, logout, expiry and rejection counts;
//!   `POST /_sim/cms/sessions/expire` ends every session at once, as a CMS restart would.
//!
//! Per-tenant faults apply to the REST NBI (its requests name their tenant); NETCONF requests,
//! whose tenant is only known from the session inside the body, get the global faults.
//!
//! # Faults
//!
//! [`FaultConfig`] knobs apply globally or per tenant and are drawn per request from
//! (seed, request number), so a run is reproducible. Change them with
//! [`SimHandle::set_faults`] or `PUT /_sim/faults[?tenant=T]` (JSON `FaultConfig`; read with
//! `GET`). `/_sim/*` routes are never faulted. A request meets at most one fault, tried in the
//! order reset, stall, fail (503), throttle (429), truncate; latency applies first.
//!
//! # Stats
//!
//! `GET /_sim/stats` (and [`SimHandle::stats`]) answers [`Stats`] as JSON:
//!
//! ```json
//! {
//!   "requests": 12,
//!   "by_route": {"GET /api/v1/devices/{id}/config": {"200": 10, "503": 1, "reset": 1}},
//!   "in_flight": 0,
//!   "max_in_flight": 4,
//!   "auth": {"token": 1, "login": 0, "refresh": 0, "rejected": 2},
//!   "by_device": {"tenant-1/r0001": 3},
//!   "in_retry_after_window": 1,
//!   "faults": {"delayed": 0, "fail": 1, "throttle": 0, "reset": 1, "stall": 0, "truncate": 0}
//! }
//! ```
//!
//! Outcomes in `by_route` are status codes, or `reset`, `stall` and `truncated` for answers
//! that never complete. `in_retry_after_window` counts requests arriving before the end of a
//! `Retry-After` the server gave for the same (tenant, path).
//!
//! # Example
//!
//! ```no_run
//! # async fn demo() -> Result<(), nbi_sim::SimError> {
//! let sim = nbi_sim::spawn(nbi_sim::SimConfig { tenants: 2, ..Default::default() }).await?;
//! for endpoint in sim.endpoints() {
//!     println!("{} {} {}", endpoint.service, endpoint.tenant, endpoint.url);
//! }
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub use crate::config::{AuthMode, FaultConfig, Service, SimConfig, UnknownService};
pub use crate::credentials::Credentials;
pub use crate::error::SimError;
pub use crate::handle::{Endpoint, SimHandle, spawn};
pub use crate::stats::{AuthStats, FaultStats, Stats};

mod admin;
mod auth;
mod config;
mod credentials;
mod error;
mod fast;
mod fault;
mod handle;
mod problem;
mod server;
mod services;
mod shared;
mod stats;
mod tls;
