//! [`WebhookReceiverBuilder`]: bad input is kept until `build()` reports it.

use std::sync::Arc;
use std::time::Duration;

use nbi_core::{SecretString, SharedClock, SystemClock};
use tokio_util::task::TaskTracker;

use super::{Inner, WebhookReceiver};
use crate::Scheme;
use crate::dispatch::{Dispatcher, HandlerRetry};
use crate::error::{Error, Result};
use crate::handler::{Handler, NoHandler, SharedHandler};
use crate::metrics::WebhookMetrics;
use crate::store::DeliveryStore;
use crate::verify::{DEFAULT_TOLERANCE, ManoVerifier, StandardVerifier, Verifier};

/// The default body cap: 1 MiB.
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;

/// Builds a [`WebhookReceiver`]. A scheme and at least one secret (or a ready
/// [`Verifier`]) are required; everything else has a default.
///
/// ```
/// use nbi_core::SecretString;
/// use nbi_webhooks::{DeliveryStore, JsonLinesFile, Scheme, WebhookReceiver};
///
/// # fn demo(dir: &std::path::Path) -> nbi_webhooks::Result<()> {
/// let receiver = WebhookReceiver::builder()
///     .scheme(Scheme::Mano)
///     .secret(SecretString::from("your-webhook-secret"))
///     .max_body(64 * 1024)
///     .dedupe(DeliveryStore::open(dir.join("webhooks.db"))?)
///     .handler(JsonLinesFile::open(dir.join("events.jsonl"))?)
///     .build()?;
/// let app: axum::Router = receiver.router().merge(receiver.ops_router());
/// # let _ = app; Ok(()) }
/// # demo(tempfile::tempdir().unwrap().path()).unwrap();
/// ```
#[must_use]
pub struct WebhookReceiverBuilder {
    scheme: Option<Scheme>,
    secrets: Vec<SecretString>,
    verifier: Option<Verifier>,
    tolerance: Duration,
    max_body: usize,
    path: String,
    store: Option<DeliveryStore>,
    handler: SharedHandler,
    retry: HandlerRetry,
    clock: SharedClock,
    metrics: Option<nbi_core::Metrics>,
}

impl Default for WebhookReceiverBuilder {
    fn default() -> Self {
        WebhookReceiverBuilder {
            scheme: None,
            secrets: Vec::new(),
            verifier: None,
            tolerance: DEFAULT_TOLERANCE,
            max_body: DEFAULT_MAX_BODY,
            path: "/".to_string(),
            store: None,
            handler: Arc::new(NoHandler),
            retry: HandlerRetry::default(),
            clock: Arc::new(SystemClock),
            metrics: None,
        }
    }
}

impl std::fmt::Debug for WebhookReceiverBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets are counted, never shown.
        f.debug_struct("WebhookReceiverBuilder")
            .field("scheme", &self.scheme)
            .field("secrets", &self.secrets.len())
            .field("verifier", &self.verifier)
            .field("max_body", &self.max_body)
            .field("path", &self.path)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl WebhookReceiverBuilder {
    /// The signature scheme.
    pub fn scheme(mut self, scheme: Scheme) -> Self {
        self.scheme = Some(scheme);
        self
    }

    /// Adds a secret; add several while rotating (any of them verifies).
    pub fn secret(mut self, secret: SecretString) -> Self {
        self.secrets.push(secret);
        self
    }

    /// Adds several secrets.
    pub fn secrets(mut self, secrets: impl IntoIterator<Item = SecretString>) -> Self {
        self.secrets.extend(secrets);
        self
    }

    /// A ready verifier, instead of a scheme and secrets.
    pub fn verifier(mut self, verifier: impl Into<Verifier>) -> Self {
        self.verifier = Some(verifier.into());
        self
    }

    /// Standard Webhooks' timestamp tolerance (default 5 min).
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The largest body accepted, in bytes (default 1 MiB); larger ones get 413.
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// The path deliveries are posted to (default `/`).
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// Where seen ids and handling outcomes are kept (default: in memory, so deduplication
    /// does not survive a restart).
    pub fn dedupe(mut self, store: DeliveryStore) -> Self {
        self.store = Some(store);
        self
    }

    /// What runs for each first-seen delivery (default: nothing).
    pub fn handler(mut self, handler: impl Handler) -> Self {
        self.handler = Arc::new(handler);
        self
    }

    /// How a failing handler is retried.
    pub fn retry(mut self, retry: HandlerRetry) -> Self {
        self.retry = retry;
        self
    }

    /// The clock of timestamps and retry waits (default: the system clock).
    pub fn clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// nbi-core's registry, served on `/metrics` with the receiver's own series.
    pub fn metrics(mut self, metrics: nbi_core::Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// The receiver, or an error naming what is missing or invalid.
    pub fn build(self) -> Result<WebhookReceiver> {
        let verifier = match (self.verifier, self.scheme) {
            (Some(verifier), _) => verifier,
            (None, None) => {
                return Err(Error::config("scheme", "not set: \"mano\" or \"standard\""));
            }
            (None, Some(Scheme::Mano)) => ManoVerifier::new(&self.secrets)?.into(),
            (None, Some(Scheme::Standard)) => StandardVerifier::new(&self.secrets)?
                .tolerance(self.tolerance)
                .clock(self.clock.clone())
                .into(),
        };
        if self.max_body == 0 {
            return Err(Error::config("max_body", "must be at least 1 byte"));
        }
        if !self.path.starts_with('/') || self.path.contains(['?', '#', '{', '}', '*']) {
            return Err(Error::config(
                "path",
                "must start with / and hold no ?, #, {, } or *",
            ));
        }
        let store = match self.store {
            Some(store) => store,
            None => DeliveryStore::in_memory()?,
        };
        let metrics = WebhookMetrics::new(self.metrics.unwrap_or_default());
        let dispatcher = Dispatcher {
            handler: self.handler,
            store: store.clone(),
            clock: self.clock.clone(),
            retry: self.retry,
            metrics: metrics.clone(),
            tasks: TaskTracker::new(),
        };
        Ok(WebhookReceiver {
            inner: Arc::new(Inner {
                verifier,
                max_body: self.max_body,
                path: self.path,
                clock: self.clock,
                store,
                metrics,
                dispatcher,
            }),
        })
    }
}
