//! GenieACS NBI client: devices, tasks, presets, provisions, files and faults.
//!
//! # Crate organization
//!
//! * [`Client`] — the entry point, built with [`Client::builder`] over an
//!   [`nbi_core::Transport`] or with [`Client::from_transports`] from the settings; one
//!   accessor per API area:
//!   [`devices`](Client::devices) (list, get, delete, tags),
//!   [`tasks`](Client::tasks) (create with a typed [`TaskOutcome`], list, retry, delete),
//!   [`faults`](Client::faults), [`presets`](Client::presets), [`objects`](Client::objects),
//!   [`provisions`](Client::provisions), [`virtual_parameters`](Client::virtual_parameters),
//!   [`files`](Client::files) and [`ping`](Client::ping).
//! * [`List`] — every collection's listing: a typed [`Query`], [`Projection`] and [`Sort`],
//!   `skip`/`limit`, paged through [`nbi_core::paginate`] with the `total` header;
//!   [`List::count`] is a `HEAD`.
//! * [`models`] — [`Device`] (the document kept as JSON, typed accessors for `_id`,
//!   `_lastInform`, `_tags`, `_deviceId` and parameters), [`Task`], [`Fault`], [`Preset`],
//!   [`Provision`], [`VirtualParameter`], [`ObjectDefinition`], [`File`]; unknown fields kept.
//! * Errors are [`nbi_core::Error`]; GenieACS's plain-text error bodies are its
//!   [`problem`](Error::problem) and [`GenieacsErrorExt::server_message`].
//! * [`blocking`] — the same surface without async.
//!
//! # Example
//!
//! ```no_run
//! use nbi_genieacs::{Client, ParameterValue, Query, Task, TaskOutcome};
//! use futures::TryStreamExt;
//! # async fn run(transports: nbi_core::Transports) -> nbi_genieacs::Result<()> {
//! let acs = Client::from_transports(&transports, "acme", "genieacs")?;
//! let recent: jiff::Timestamp = "2025-01-01T00:00:00Z".parse().unwrap();
//! let lab: Vec<_> = acs
//!     .devices()
//!     .list()
//!     .query(Query::eq("_tags", "lab").and(Query::gt("_lastInform", recent)))
//!     .send()
//!     .try_collect()
//!     .await?;
//! for device in lab.iter().filter_map(|d| d.id()) {
//!     let task = Task::set_parameter_values([ParameterValue::new(
//!         "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
//!         300,
//!     )]);
//!     match acs.tasks().create(device, task).connection_request(true).send().await? {
//!         TaskOutcome::Executed { .. } => {}
//!         other => println!("not run yet: {other:?}"),
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! # Resilience
//!
//! Every call runs through the transport's pipeline (rate limit, bulkhead, circuit breaker,
//! basic auth, the operation class's timeout, classification, retry). GenieACS's defaults:
//! lists 15 s, gets 10 s, tasks 60 s (plus the `timeout` a task waits for its CPE). Posting a
//! task is not idempotent and is retried only when it never reached the server. A 504 for a
//! CPE that missed its connection request is a [`TaskOutcome`], never retried and never
//! counted against the breaker.
//!
//! # Features
//!
//! * `blocking` (default) — [`blocking::Client`].
//!
//! The crate does not read GenieACS's CWMP or file-server ports, nor run provisions itself.
#![deny(missing_docs)]

mod api;
pub mod blocking;
mod client;
mod endpoint;
mod error;
mod list;
pub mod models;
mod query;

pub use crate::api::{CreateTask, DevicesApi, FaultsApi, FilesApi, NamedApi, ScriptsApi, TasksApi};
pub use crate::client::{Client, ClientBuilder};
pub use crate::error::{Error, ErrorKind, GenieacsErrorExt, Result, classifier};
pub use crate::list::{DEFAULT_PAGE_SIZE, List};
pub use crate::models::{
    Device, DeviceId, DeviceIdentity, Fault, FaultId, File, FileMetadata, ObjectDefinition,
    Parameter, ParameterValue, Preset, Provision, Task, TaskId, TaskName, TaskOutcome,
    VirtualParameter,
};
pub use crate::query::{Projection, Query, QueryValue, Sort, SortOrder};
pub use nbi_core::Page;
