//! [`BulkCreateOnts`]: many ONT creates with bounded concurrency; every input gets its own
//! outcome and one failure never stops the batch.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::StreamExt;
use nbi_core::{Error, Mode, Result};

use super::ont::create;
use crate::client::Client;
use crate::models::node::NodeName;
use crate::models::ont::{NewOnt, Ont};

/// Progress after each finished create.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BulkProgress {
    /// Creates finished (succeeded or failed).
    pub done: usize,
    /// Of which failed.
    pub failed: usize,
    /// Creates asked for.
    pub total: usize,
}

/// The outcome of one input.
#[derive(Debug)]
pub struct BulkOutcome {
    /// The input's position.
    pub index: usize,
    /// The ONT created, or why not.
    pub result: Result<Ont>,
}

type ProgressFn = Arc<dyn Fn(BulkProgress) + Send + Sync>;

/// A batch of ONT creates; `send()` returns one [`BulkOutcome`] per input, in input order.
#[must_use]
pub struct BulkCreateOnts<M: Mode> {
    client: Client<M>,
    node: NodeName,
    onts: Vec<NewOnt>,
    concurrency: usize,
    progress: Option<ProgressFn>,
}

impl<M: Mode> fmt::Debug for BulkCreateOnts<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BulkCreateOnts")
            .field("node", &self.node)
            .field("onts", &self.onts.len())
            .field("concurrency", &self.concurrency)
            .finish_non_exhaustive()
    }
}

impl<M: Mode> BulkCreateOnts<M> {
    pub(crate) fn new(client: Client<M>, node: NodeName, onts: Vec<NewOnt>) -> Self {
        BulkCreateOnts {
            client,
            node,
            onts,
            concurrency: 10,
            progress: None,
        }
    }

    /// Creates in flight at most (default 10; the transport's bulkhead also applies).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Called after each create finishes.
    pub fn on_progress(mut self, f: impl Fn(BulkProgress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(f));
        self
    }

    /// Runs the batch.
    pub fn send(self) -> M::Output<Vec<BulkOutcome>> {
        let BulkCreateOnts {
            client,
            node,
            onts,
            concurrency,
            progress,
        } = self;
        let inner = client.inner.clone();
        client.mode.run(Box::pin(async move {
            let total = onts.len();
            let done = AtomicUsize::new(0);
            let failed = AtomicUsize::new(0);
            let mut outcomes: Vec<BulkOutcome> =
                futures::stream::iter(onts.into_iter().enumerate())
                    .map(|(index, ont)| {
                        let inner = inner.clone();
                        let node = node.clone();
                        async move {
                            // Each create runs as its own task so one panicking or slow input
                            // cannot take the others down.
                            let result =
                                tokio::spawn(async move { create(&inner, &node, &ont).await })
                                    .await
                                    .unwrap_or_else(|e| {
                                        Err(Error::new(
                                            nbi_core::ErrorKind::Io,
                                            format!("create task failed: {e}"),
                                        ))
                                    });
                            BulkOutcome { index, result }
                        }
                    })
                    .buffer_unordered(concurrency)
                    .inspect(|outcome| {
                        let d = done.fetch_add(1, Ordering::Relaxed) + 1;
                        let f = failed
                            .fetch_add(usize::from(outcome.result.is_err()), Ordering::Relaxed)
                            + usize::from(outcome.result.is_err());
                        if let Some(progress) = &progress {
                            progress(BulkProgress {
                                done: d,
                                failed: f,
                                total,
                            });
                        }
                    })
                    .collect()
                    .await;
            outcomes.sort_by_key(|o| o.index);
            Ok(outcomes)
        }))
    }
}
