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
//! # The VOLTHA service
//!
//! voltha.proto's REST mapping as a gRPC–JSON gateway serves it (proto field names, enums as
//! names, 64-bit integers as strings), one stateful VOLTHA per tenant; each tenant has a static
//! bearer token, and a missing or wrong one gets `401 {"code":16,"message":…,"details":[]}`.
//! `devices` counts OLTs per tenant: each OLT (`openolt`, ENABLED and ACTIVE, `host_and_port`)
//! has an NNI port (1048576), four PON ports (536870912 + n), three trap flows, a logical device
//! with two meters, and two ACTIVE ONUs (`brcm_openomci_onu`, serial `BRCM` + 8 hex digits, on
//! PON ports 0 and 1) as child devices. Ids and serials derive from the seed; counters grow
//! with every read. Routes:
//!
//! - `GET /api/v1/devices` → `{"items": [device…]}`; `POST /api/v1/devices` pre-provisions a
//!   device (`type` `openolt` and `host_and_port`, an IP or a `mac_address`) and answers it,
//!   PREPROVISIONED; a taken address is ALREADY_EXISTS, a missing one INVALID_ARGUMENT.
//! - `GET /api/v1/devices/{id}`, `…/ports`, `…/flows`, `…/pm_configs` (and `POST` to replace
//!   them), `…/image_downloads`.
//! - `POST /api/v1/devices/{id}/enable|disable|reboot`, `DELETE …/delete` and
//!   `…/force_delete`, `POST …/enable_onu_device|disable_onu_device`, and
//!   `POST /api/v1/devices/enable_onu_serial_number|disable_onu_serial_number` with
//!   `{"olt_device_id": {"id"}, "port": {"port_no"}, "serial_number"}`. The state machine:
//!   enable needs PREPROVISIONED or DISABLED, disable and reboot need ENABLED, a plain delete
//!   needs a device that is not ENABLED (all FAILED_PRECONDITION otherwise); enabling an OLT
//!   creates its ports and logical device, disabling it removes the logical device and takes
//!   its ONUs down; deleting it deletes its ONUs. A newly enabled device, a rebooted one and an
//!   ONU let onto a PON by its serial number read as ACTIVATING (or REBOOTED) once, then ACTIVE.
//! - `GET /api/v1/logical_devices`, `…/{id}`, `…/{id}/ports|flows|meters`,
//!   `GET /api/v1/adapters` (openolt, brcm_openomci_onu), `GET /api/v1/device_types[/{id}]`,
//!   `GET /health` (also `/api/v1/health`) → `{"state": "HEALTHY"}`.
//! - `POST /_sim/voltha/{tenant}/unavailable {"count": N}` (no auth): the tenant's next N API
//!   requests answer UNAVAILABLE.
//!
//! Errors come in the two forms clients meet. RPCs that answer a message (lists, gets,
//! pre-provisioning, health) answer errors as a gateway does: the mapped HTTP status (404
//! NOT_FOUND, 400 INVALID_ARGUMENT and FAILED_PRECONDITION, 409 ALREADY_EXISTS, 503
//! UNAVAILABLE) and `{"code", "message", "details"}`. The actions that answer
//! `google.protobuf.Empty` (enable, disable, reboot, delete, PM config update and the ONU
//! operations) answer errors as HTTP 200 with `grpc-status` and a percent-encoded
//! `grpc-message` and no body — what a transcoding proxy passes through for a trailers-only
//! gRPC answer when it is not told to convert statuses; their success is `200 {}`.
//!
//! # The GenieACS service
//!
//! GenieACS's NBI as a basic-auth proxy in front of it serves it: each tenant has its own
//! basic credentials (a refusal is `401 Unauthorized`, plain text, `WWW-Authenticate: Basic`)
//! and its own ACS. Every answer carries `GenieACS-Version`; errors are plain text, as the
//! real server writes them. Each tenant starts with `devices` CPEs (ids
//! `<OUI>-<ProductClass>-<Serial>` escaped as GenieACS does, so one model's id holds `%20`),
//! TR-098 (`InternetGatewayDevice…`) or TR-181 (`Device…`) trees of
//! `{_value, _type, _timestamp, _writable}` leaves and `{_object, _writable, _timestamp}`
//! objects, `_lastInform`, `_registered`, `_lastBoot`, `_tags` (`lab`, `north`/`south`);
//! every fourth CPE is offline. GenieACS's default presets and provisions, a virtual
//! parameter, a firmware file, and two faults (one of a queued task) are seeded. Routes:
//!
//! - `GET|HEAD /<collection>/?query=&projection=&sort=&skip=&limit=` for `devices`, `tasks`,
//!   `presets`, `objects`, `provisions`, `virtual_parameters`, `files`, `faults`: a JSON
//!   array and the `total` header (matches before skip/limit). Filters: equality, `$ne`,
//!   `$gt`, `$gte`, `$lt`, `$lte`, `$in`, `$nin`, `$exists`, `$regex`, `$and`, `$or`,
//!   `$nor` over dotted paths; on devices a parameter path matches its `._value`, and a text
//!   value also matches as a number, `/regex/` or `*` wildcard. A bad query is a 400.
//! - `POST /devices/<id>/tasks[?connection_request][&timeout=ms]`: queues the task (`_id`,
//!   `device`, `timestamp` added). Without `connection_request`: `202`. With it, an online
//!   CPE opens a session, informs and runs its queued tasks: `200` (run), `202 Task faulted`
//!   (a fault `<id>:task_<task>` recorded, e.g. `cwmp.9005` for an unknown parameter,
//!   `cwmp.9008` for a read-only one) or `202 Task queued but not processed`, with the
//!   custom reason phrase; an offline CPE gives `504` "Connection request error: …" (the task
//!   stays queued). `404 No such device`; `400` for a body that is not a task.
//! - `POST /tasks/<id>/retry` (clears its fault), `DELETE /tasks/<id>` (`404 Task not
//!   found`), `DELETE /faults/<id>` (a task's fault takes the task along), `DELETE
//!   /devices/<id>`, `POST|DELETE /devices/<id>/tags/<tag>`.
//! - `PUT|DELETE /presets/<name>`, `/objects/<name>` (JSON bodies; 400 when unparsable),
//!   `/provisions/<name>`, `/virtual_parameters/<name>` (JavaScript; 400 `SyntaxError: …`
//!   when brackets do not balance or a string or comment does not close), `/files/<name>`
//!   (`PUT` → 201, metadata from the `fileType`, `oui`, `productClass`, `version` headers;
//!   `DELETE` of a missing file → 404). `GET /ping/<host>`: `ping`'s output (hosts under
//!   `.invalid` → 404).
//! - Admin (no auth): `POST /_sim/genieacs/{tenant}/devices/{id}/inform` (uptime, clock,
//!   `_lastInform` move on), `…/change` (the Wi-Fi name changes, seen at an inform), `PUT
//!   …/online` with `true`/`false`.
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
//! # The MANO service
//!
//! The O-RAN Intent-MANO API of `oran-mano-openapi.yaml`, served at the root (the spec's `/v1`
//! prefix is the caller's base URL), with a separate store per tenant seeded from the seed:
//! intents `intent-001` … `intent-003` (eMBB deployed, uRLLC and mIoT planned), TN agents
//! `tn-agent-004` and `tn-agent-005`, deployment managers `dm-edge-01` and `dm-regional-01`
//! with descriptors `nfd-<dm>-{cu,du,upf}`; new ids are `<kind>-NNN` from one counter.
//! Tenants log in with `POST /auth/login {username, password}` → `{access_token (HS256 JWT
//! with exp), token_type, expires_in, refresh_token}` and refresh with `POST /auth/refresh
//! {refresh_token}` (the NMS's JWT endpoints; `--token-ttl-s` / `--token-uses` age the tokens on
//! tokio's clock); a login body without its fields is a 422. Errors are `{status, title,
//! detail, type, instance}`, and 422 adds `errors: [{field, message, code}]` (`REQUIRED`,
//! `RANGE_ERROR`, `ENUM_ERROR`, `LENGTH_ERROR`, `PATTERN_ERROR`, `FORMAT_ERROR`,
//! `TYPE_ERROR`) from the spec's schema constraints. Every answer carries `API-Version:
//! 1.0.0` (and `API-Deprecation-Date` / `API-Sunset-Date` when set) and `X-RateLimit-Limit`,
//! `-Remaining`, `-Reset` (epoch seconds) of its category's one-minute window per tenant —
//! `standard` 1,000, `deployment` 100 (plan, deploy, VNF writes and scale, TN slices, O2
//! deployment writes), `monitoring` 5,000 (`/monitoring/*`, agent status, deployment status);
//! a spent window answers 429 with `Retry-After` and `X-RateLimit-Retry-After`. Routes:
//!
//! - `GET|POST /orchestrator/intents` (`limit` 1–1000 default 50, `offset`, `slice_type`,
//!   `status`; `{intents, total, limit, offset}`; 201), `GET|PUT|DELETE
//!   /orchestrator/intents/{id}` (404; deleting a deployed intent is a 409).
//! - `POST /orchestrator/plan {intents: [QoSIntentRequest], dry_run}` → a plan with one
//!   allocation (slice id, placement by latency, resources) per intent.
//! - `POST /orchestrator/deploy {plan_id, force}` → 202 `DeploymentStatus`; an unknown plan is
//!   a 404, one already deployed or deploying a 409 unless `force`. `GET
//!   /orchestrator/deployments/{id}` (the guide's status; not in the spec): `queued` for the
//!   first tenth (≤ 1 s), `running` with growing `progress_percent`, then `completed` after
//!   `deploy_s` (default 30 s) — or `failed` when a uRLLC intent asks for under 2 ms.
//! - `GET|POST /vnf-operator/vnfs` (`type`, `status`, paging), `GET|PUT|DELETE
//!   /vnf-operator/vnfs/{id}`, `POST …/{id}/scale {replicas}` → 202 `OperationStatus`; a VNF
//!   is `Creating` for 5 s, then `Running` with one instance per replica.
//! - `GET|POST /tn-manager/agents`, `POST …/{id}/slices`, `POST …/{id}/performance`, `GET
//!   …/{id}/status` (10,000 Mbps per agent).
//! - `GET /o2-client/deployment-managers`, `GET …/{dm}/nf-descriptors`, `GET|POST
//!   …/{dm}/deployments` (an unknown descriptor is a 422), `GET|DELETE
//!   …/{dm}/deployments/{id}` (`instantiating` for 10 s, then `instantiated`).
//! - `GET /monitoring/health` and `GET /monitoring/metrics` (Prometheus text) need no token;
//!   `GET /monitoring/slices/{id}/metrics?timeframe=1h|6h|24h|7d` knows the slices of the
//!   tenant's plans.
//! - `POST /webhooks/subscriptions {url, events, secret, active}` → 201 `{id, url, events,
//!   active, created_at}` (the secret is never echoed), `GET` → `{subscriptions}`, `DELETE
//!   …/{id}` → 204. Deployments POST `deployment.started` and `slice.created` when they start
//!   and `deployment.completed` + `slice.deployed` (or `deployment.failed` + `slice.failed`)
//!   when they end, to every active subscription listing the event, over plain HTTP: a JSON
//!   body `{id, type, event, timestamp, data, …data's fields}` (`deployment_id`, `status`,
//!   `message`, `progress_percent`, or `slice_id`, `status`) signed `X-Webhook-Signature:
//!   sha256=<hex HMAC-SHA256(secret, body)>`; up to 3 attempts, 1 s then 2 s apart.
//! - Admin: `PUT /_sim/mano/{tenant}/settings {rate_limits: {standard, deployment,
//!   monitoring}, deprecation_date, sunset_date, deploy_s}`.
//!
//! # The OFSC service
//!
//! Oracle Field Service per tenant, instance `sim-N` for `tenant-N`: odd tenants authenticate
//! with basic auth as `ofsc-clientN@sim-N`, even tenants with OAuth 2 client credentials
//! (`POST /rest/oauthTokenService/v2/token`, basic client auth, form
//! `grant_type=client_credentials`, answering `{access_token, token_type, expires_in}`; the
//! token lives `--token-ttl-s` / `--token-uses`). [`Credentials::Ofsc`] carries the instance,
//! the client id without `@instance`, the secret and, for OAuth 2, the token URL. Each tenant
//! has two capacity-area buckets (`FLUSA`, `CAUSA`) with `--devices` technicians (3–200,
//! `tech-001` …) under them, two activities per technician per day on 2025-06-24..26 (ids from
//! 4225001), a user per technician (`user-001` …) and seeded metadata.
//!
//! - `/rest/ofscCore/v1/activities` GET (resources, includeChildren, dateFrom, dateTo,
//!   `q=status=='…'`, fields; `{items, offset, limit, hasMore}`) and POST;
//!   `…/activities/{id}` GET, PATCH, DELETE; `…/{id}/{propertyLabel}` and its
//!   multidaySegments, linkedActivities, resourcePreferences, requiredInventories,
//!   capacityCategories; `…/{id}/custom-actions/{action}` POST (start, complete, notDone,
//!   suspend, cancel, reopen, startPrework, enroute, stopTravel, delay, move — a wrong status
//!   is a 409); `…/activities/custom-actions/search`.
//! - `/rest/ofscCore/v1/resources` (`{items, totalResults, offset, limit}`), `…/{id}` GET, PUT,
//!   PATCH, `…/{id}/children|descendants|users|workSkills|workZones|workSchedules|locations`
//!   GET, POST to the last four, `…/{id}/{kind}/{item}` GET, PATCH, DELETE.
//! - `/rest/ofscCore/v1/users` and `…/{login}` GET, PUT (create), PATCH, DELETE.
//! - `/rest/ofscCore/v1/events/subscriptions` GET, POST, `…/{id}` GET, DELETE; `/events`
//!   (subscriptionId, page, limit → `{found, nextPage, items}`); every activity change is an
//!   event.
//! - `/rest/ofscCapacity/v1/capacity`, `quota` (and `/v2/quota`) GET and PATCH,
//!   `activityBookingOptions`, `bookingClosingSchedule` GET and PATCH, `bookingStatuses` GET
//!   and PATCH, `showBookingGrid` POST, `bookingFieldsDependencies`: computed from the
//!   technicians and booked activities.
//! - `/rest/ofscMetadata/v1/{collection}[/{label}[/{sub}]]` for activityTypes,
//!   activityTypeGroups, properties (+ enumerationList), workSkills, workSkillGroups,
//!   workSkillConditions, workZones (POST, bulk PUT and PATCH), capacityAreas (+ categories,
//!   time slots and intervals, organizations, children; `/v2/…/workZones`), capacityCategories,
//!   inventoryTypes, timeSlots, resourceTypes, languages, nonWorkingReasons, organizations,
//!   shifts; `/workZoneKey`.
//!
//! Lists take `offset`/`limit` (a limit over the maximum is a 400). Errors are OFSC's
//! `{type, title, status: "404", detail, o:errorCode}`.
//!
//! # Faults
//!
//! [`FaultConfig`] knobs apply globally or per tenant and are drawn per request from
//! (seed, request number), so a run is reproducible. Change them with
//! [`SimHandle::set_faults`] or `PUT /_sim/faults[?tenant=T]` (JSON `FaultConfig`; read with
//! `GET`). `/_sim/*` routes are never faulted. A request meets at most one fault, tried in the
//! order reset, stall, fail (503), throttle (429), truncate; latency applies first.
//!
//! # TLS
//!
//! With [`SimConfig::https`] every server speaks HTTPS with a certificate for `127.0.0.1` and
//! `localhost` from a generated CA ([`SimHandle::ca_pem`]). [`spawn_with_tls`] presents a
//! certificate of the caller's instead ([`TlsIdentity`]: expired, for another host …) and can
//! require client certificates from a given CA (mutual TLS).
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
//!   "auth": {"token": 1, "login": 0, "refresh": 0, "rejected": 2, "expired": 0},
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
pub use crate::handle::{Endpoint, SimHandle, spawn, spawn_with_tls};
pub use crate::stats::{AuthStats, FaultStats, Stats};
pub use crate::tls::TlsIdentity;

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
