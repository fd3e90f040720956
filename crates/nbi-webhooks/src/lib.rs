//! A receiver for signed webhooks: it verifies each delivery before anything reads it,
//! remembers delivery ids for 24 h across restarts, and hands each event to a handler once.
//!
//! # Crate organization
//!
//! * [`WebhookReceiver`] — the entry point: built with [`WebhookReceiver::builder`], it gives
//!   an embeddable axum [`Router`](axum::Router) ([`WebhookReceiver::router`]) and one for
//!   `/healthz` and `/metrics` ([`WebhookReceiver::ops_router`]); [`WebhookServer`] serves them.
//! * [`Verifier`] — the signature check of each [`Scheme`], usable on its own:
//!   [`ManoVerifier`] (`X-Webhook-Signature: sha256=<hex>`) and [`StandardVerifier`]
//!   ([Standard Webhooks](https://www.standardwebhooks.com/): `webhook-id`,
//!   `webhook-timestamp`, `webhook-signature: v1,<base64>`, ±5 min). A refusal is a
//!   [`Rejection`] with its HTTP status.
//! * [`Delivery`] and [`Event`] — an accepted delivery and its typed event
//!   (`deployment.*`, `slice.*`, or [`Event::Unknown`] with the raw JSON).
//! * [`Handler`] — what runs after the 2xx; [`JsonLinesFile`] appends each event to a file.
//!   A failing handler is retried ([`HandlerRetry`]), then stored as failed.
//! * [`DeliveryStore`] — seen ids and handling outcomes, in SQLite.
//! * [`WebhookSettings`] — the `[webhooks]` table of `nbi.toml`; [`WebhookMetrics`] — the
//!   `nbi_webhooks_*` series. Errors: [`Error`] (setup and storage only).
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use async_trait::async_trait;
//! use nbi_core::SecretString;
//! use nbi_webhooks::{Delivery, Event, Handler, HandlerError, Scheme, WebhookReceiver};
//!
//! struct Alerts;
//!
//! #[async_trait]
//! impl Handler for Alerts {
//!     async fn handle(&self, delivery: &Delivery) -> Result<(), HandlerError> {
//!         if let Event::SliceFailed(slice) = delivery.event() {
//!             eprintln!("slice {:?} failed", slice.slice_id);
//!         }
//!         Ok(())
//!     }
//! }
//!
//! # fn main() -> nbi_webhooks::Result<()> {
//! let receiver = WebhookReceiver::builder()
//!     .scheme(Scheme::Standard)
//!     .secret(SecretString::from("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
//!     .path("/hooks/mano")
//!     .handler(Alerts)
//!     .build()?;
//! // Mount it in an application of your own…
//! let app = axum::Router::new().merge(receiver.router());
//! # let _ = app; Ok(()) }
//! ```
//!
//! # Delivery handling
//!
//! A `POST` is answered 413 past the body cap (1 MiB by default), 401 when a signature header
//! is missing or no signature matches (or, Standard Webhooks, the timestamp is more than 5 min
//! off), 400 for a malformed header or a body that is not JSON, and 200 otherwise — also for a
//! repeated delivery id, which is not handed to the handler again. The id is `webhook-id`
//! (standard), else the payload's `id`, else the body's SHA-256 (MANO). Signatures are compared
//! in constant time; logs say which check failed, never a secret or a header value.
//!
//! The crate does not send webhooks or manage subscriptions: the MANO client does.
#![deny(missing_docs)]

mod delivery;
mod dispatch;
mod error;
mod event;
mod handler;
mod idle;
mod metrics;
mod receiver;
mod scheme;
mod server;
mod settings;
mod store;
mod verify;

pub use crate::delivery::{Delivery, EventLine};
pub use crate::dispatch::HandlerRetry;
pub use crate::error::{Error, ErrorKind, Result};
pub use crate::event::{DeploymentEvent, Event, SliceEvent};
pub use crate::handler::{Handler, HandlerError, JsonLinesFile, NoHandler, SharedHandler};
pub use crate::metrics::WebhookMetrics;
pub use crate::receiver::{DEFAULT_MAX_BODY, WebhookReceiver, WebhookReceiverBuilder};
pub use crate::scheme::{Scheme, UnknownScheme};
pub use crate::server::WebhookServer;
pub use crate::settings::{DEFAULT_LISTEN, WebhookSettings};
pub use crate::store::{DEFAULT_DEDUPE_WINDOW, DeliveryStore, FAILED_RETENTION, FailedDelivery};
pub use crate::verify::{
    DEFAULT_TOLERANCE, ManoVerifier, Rejection, StandardVerifier, Verified, Verifier,
};

/// The header MANO signatures arrive in.
pub use crate::verify::MANO_SIGNATURE_HEADER;
