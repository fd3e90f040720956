//! A client for VOLTHA's northbound REST API — voltha.proto as a gRPC–JSON gateway serves
//! it — over nbi-core's resilient multi-tenant transport.
//!
//! # Crate organization
//!
//! * [`Client`] — the entry point (async); [`Client::from_transports`] builds it from the
//!   settings, [`Client::builder`] over any transport. One handler per API area:
//!   * [`Client::devices`] → [`DevicesApi`]: list, get, pre-provision, enable, disable,
//!     reboot, delete (and force delete), ports, flows, PM configs, image downloads;
//!   * [`Client::logical_devices`] → [`LogicalDevicesApi`]: list, get, ports, flows, meters;
//!   * [`Client::onu`] → [`OnuApi`]: enable and disable ONU devices and serial numbers, and
//!     [`ProvisionOnu`], which enables a serial number and waits until the ONU is ACTIVE;
//!   * [`Client::adapters`], [`Client::device_types`], [`Client::health`].
//! * Models (re-exported at the top): [`Device`], [`Port`], [`Flow`], [`LogicalDevice`],
//!   [`Meter`], [`PmConfigs`] …; state enums such as [`AdminState`] and [`OperStatus`] keep
//!   values this client does not know in an `Other` variant, and every model keeps unknown
//!   fields in `extra`, so nothing the server sends is lost.
//! * Errors are [`nbi_core::Error`] ([`Error`], [`Result`]); [`GrpcErrorExt::grpc_code`]
//!   reads the gRPC status back, whichever form it came in (see [`GrpcStatusClassifier`]).
//! * [`blocking::Client`] — the same surface, blocking.
//!
//! # Example
//!
//! ```no_run
//! # async fn run() -> nbi_voltha::Result<()> {
//! let settings = nbi_core::Settings::from_toml_str(r#"
//!     [settings]
//!     allow_insecure_http = true
//!     [tenants.acme.voltha]
//!     url = "http://127.0.0.1:8881"
//!     auth = { scheme = "bearer", token = { env = "ACME_VOLTHA_TOKEN" } }
//! "#, std::path::Path::new("."))?;
//! let transports = nbi_core::Transports::new(settings);
//! let voltha = nbi_voltha::Client::from_transports(&transports, "acme", "voltha")?;
//! let olt = voltha.devices().list().await?.into_iter().find(|d| d.root).expect("an OLT");
//! let onu = voltha.provision_onu(olt.id.as_str(), 536_870_912, "BRCM1234abcd").send().await?;
//! println!("{} is {}", onu.id, onu.oper_status);
//! # Ok(()) }
//! ```
//!
//! # Resilience
//!
//! Every call goes through nbi-core's pipeline: rate limit, bulkhead, the circuit breaker of
//! (service, tenant, URL), bearer auth, the timeout of the operation's class from VOLTHA's
//! table (health 5 s; list and get 10 s; enable, disable, delete, update 30 s; reboot and
//! provision 60 s), classification, and retry of transient failures. A gRPC error can arrive
//! as HTTP 200 with `grpc-status` / `grpc-message` headers: [`GrpcStatusClassifier`] makes it
//! an error (UNAVAILABLE transient; NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION,
//! ALREADY_EXISTS permanent), and the client checks the header once more after any
//! transport. Actions that are not idempotent (enable, disable, reboot, pre-provision) are
//! retried only when they provably never reached the server.
//!
//! # Features
//!
//! * `blocking` (default) — [`blocking::Client`].
//!
//! The client does not stream (packet-in, change events) or manage images beyond listing
//! their download records: those RPCs have no useful REST mapping.
#![deny(missing_docs)]

mod api;
pub mod blocking;
mod classify;
mod client;
mod endpoint;
mod error;
mod models;

pub use crate::api::{
    AdaptersApi, DeleteDevice, DeviceTypesApi, DevicesApi, LogicalDevicesApi, OnuApi, ProvisionOnu,
};
pub use crate::classify::{GrpcStatusClassifier, classifier};
pub use crate::client::{Client, ClientBuilder};
pub use crate::error::{ErrorKind, GrpcCode, GrpcErrorExt, Result};
pub use crate::models::{
    Adapter, AdminState, ConnectStatus, Device, DeviceId, DeviceSnapshot, DeviceType, Flow,
    HealthState, HealthStatus, IdRef, ImageActivateState, ImageDownload, ImageDownloadState,
    LogicalDevice, LogicalDeviceId, LogicalPort, Meter, MeterConfig, NewDevice, OnuSerialNumber,
    OperStatus, PeerPort, PmConfig, PmConfigs, PmGroupConfig, PmType, PonPortRef, Port, PortType,
};
pub use nbi_core::Error;
