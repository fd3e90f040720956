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
//! `[A-Za-z0-9._:-]+` is served a 4 KB envelope, and `?delay_ms=N` adds latency.
//!
//! # The NetBox service
//!
//! A NetBox 4.5 REST API with a separate in-memory database per tenant, seeded from the tenant
//! and `devices`: a tenant object, sites `dc-1` and `pop-2`, roles `router` / `switch` / `olt`
//! (devices `r0001` … named like the NMS's, roles router, router, switch, olt in turn), config
//! templates, two interfaces per device, loopbacks in `10.<t>.1.0/24` assigned to the uplinks,
//! prefixes `10.<t>.0.0/16` (container), `10.<t>.1.0/24` and `10.<t>.2.0/29` (4 free
//! addresses), an IP range, and VLAN group `access` (VIDs 100–109, two used). Tenant 1 uses a
//! v1 token (`Authorization: Token <40 hex>`), tenant 2 a v2 token (`Authorization: Bearer
//! nbt_<id>.<secret>`), and so on alternating. A missing or rejected token is a 403
//! `{"detail": "Authentication credentials were not provided."}` / `"Invalid v1 token"` /
//! `"Invalid v2 token"`, never a 401. Routes:
//!
//! - `GET /api/status/` → `{"netbox-version": "4.5.0", "django-version", "python-version", …}`
//! - `/api/<app>/<model>/` for `dcim/{sites,devices,interfaces,device-roles,device-types}`,
//!   `ipam/{prefixes,ip-addresses,ip-ranges,vlans,vlan-groups}`, `tenancy/tenants`,
//!   `extras/config-templates`: `GET` lists `{count, next, previous, results}` (filters on
//!   `id`, `name`, `q`, `status`, foreign keys by slug or name (`site`, `role`, `tenant`,
//!   `device`) or id (`site_id` …), lookups `__n`, `__ic`, `__ie`, `__isw`; unknown filters
//!   ignored; `limit` default 50, at most 1000, `0` = 1000; `offset`; cursor mode
//!   `start=<pk>` with `count` and `previous` null; `brief=true`); `POST` an object (201) or a
//!   list (201, all or nothing); `PUT` / `PATCH` a list of `{id, …}` (200) and `DELETE` a list
//!   of `{id}` (204), all or nothing. Validation errors are 400 `{"field": ["message"]}`, or a
//!   list of those (one per item) for list bodies.
//! - `/api/<app>/<model>/<id>/`: `GET` (with `ETag`), `PUT`, `PATCH`, `DELETE` (204); a
//!   write whose `If-Match` names another tag is a 412; a missing object a 404 `{"detail":
//!   "No Device matches the given query."}`; deleting a site, role or device type in use a
//!   409; interfaces go with their device.
//! - `GET|POST /api/ipam/prefixes/<id>/available-ips/` (and `ip-ranges`),
//!   `…/prefixes/<id>/available-prefixes/` (`{"prefix_length": N}`),
//!   `…/vlan-groups/<id>/available-vlans/` (`{"name": …}`): a plain list of what is free, or
//!   201 with the object(s) created from an object or a list; too few free is a 409 with a
//!   `detail`.
//! - `POST /api/dcim/devices/<id>/render-config/` → `{"configtemplate": {…}, "content": "…"}`
//!   rendered deterministically from the device, its interfaces and addresses (the device's
//!   template, else its role's); no template is a 400 `{"error": …}`, a template with an
//!   unclosed `{% if` a 500 `{"error", "exception", "netbox_version", "python_version"}`.
//! - A path without its trailing slash is redirected (301) to the one with it, as Django's
//!   `APPEND_SLASH` does; unknown paths are Django's HTML 404.
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
mod fault;
mod handle;
mod problem;
mod server;
mod services;
mod shared;
mod stats;
mod tls;
