//! [`WebhookReceiver`]: the embeddable axum service that verifies, deduplicates, acknowledges
//! and then hands each delivery to a [`Handler`](crate::Handler).

mod builder;
mod ops;
mod route;

use std::sync::Arc;

use axum::Router;
use nbi_core::SharedClock;

pub use self::builder::{DEFAULT_MAX_BODY, WebhookReceiverBuilder};
use crate::dispatch::Dispatcher;
use crate::error::{Error, ErrorKind, Result};
use crate::metrics::WebhookMetrics;
use crate::store::DeliveryStore;
use crate::verify::Verifier;

/// A configured receiver. Cloning is cheap: clones share the store, metrics and handler tasks.
///
/// Each `POST` to [`WebhookReceiver::path`] goes through, in order: the body cap (413), the
/// signature check (401 or 400, before anything else reads the body), JSON parsing (400), the
/// delivery id, deduplication (a repeat gets 200 but no handler run) and a pending record in the
/// store (500 if it cannot be written, so the sender retries). Then the 200 is sent and the
/// handler runs in the background.
#[derive(Debug, Clone)]
pub struct WebhookReceiver {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    verifier: Verifier,
    max_body: usize,
    path: String,
    clock: SharedClock,
    store: DeliveryStore,
    metrics: WebhookMetrics,
    dispatcher: Dispatcher,
}

impl WebhookReceiver {
    /// A builder; see [`WebhookReceiverBuilder`].
    pub fn builder() -> WebhookReceiverBuilder {
        WebhookReceiverBuilder::default()
    }

    /// A router answering `POST` deliveries at [`WebhookReceiver::path`].
    pub fn router(&self) -> Router {
        Router::new()
            .route(&self.inner.path, axum::routing::post(route::receive))
            .with_state(self.clone())
    }

    /// A router answering `GET /healthz` (JSON) and `GET /metrics` (OpenMetrics), to merge
    /// into [`WebhookReceiver::router`] or serve on its own address.
    pub fn ops_router(&self) -> Router {
        ops::router(self.clone())
    }

    /// The path deliveries are posted to.
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The deliveries store.
    pub fn store(&self) -> &DeliveryStore {
        &self.inner.store
    }

    /// The receiver's metrics.
    pub fn metrics(&self) -> &WebhookMetrics {
        &self.inner.metrics
    }

    /// Runs the handler again for every delivery accepted but never handled (the process
    /// stopped first); returns how many. Call it once at start.
    pub async fn redeliver_pending(&self) -> Result<usize> {
        let store = self.inner.store.clone();
        let pending = tokio::task::spawn_blocking(move || store.pending())
            .await
            .map_err(|e| Error::new(ErrorKind::Store, format!("deliveries store: {e}")))??;
        let count = pending.len();
        for delivery in pending {
            self.inner.dispatcher.dispatch(delivery);
        }
        Ok(count)
    }

    /// Waits until every handler run started so far has finished (retries included). New
    /// deliveries still start runs; stop the server first for a clean shutdown.
    pub async fn drain(&self) {
        let tasks = &self.inner.dispatcher.tasks;
        tasks.close();
        tasks.wait().await;
        tasks.reopen();
    }
}
