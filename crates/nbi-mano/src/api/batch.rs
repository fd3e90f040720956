//! [`CreateIntents`]: many intents created with bounded concurrency, every outcome returned.

use std::fmt;

use futures::{StreamExt, stream};
use nbi_core::{Mode, RequestSpec, Result};

use crate::client::Client;
use crate::endpoint::{CREATE_INTENT, INTENTS};
use crate::models::{QoSIntent, QoSIntentRequest};
use crate::validate::validated;

/// How many creations run at once unless told otherwise.
const DEFAULT_CONCURRENCY: usize = 10;

/// The outcome of one item of a batch: its position in the input and its result.
pub struct BatchItem<T> {
    /// The item's index in the input.
    pub index: usize,
    /// What happened to it.
    pub result: Result<T>,
}

impl<T: fmt::Debug> fmt::Debug for BatchItem<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchItem")
            .field("index", &self.index)
            .field("result", &self.result)
            .finish()
    }
}

/// Creates intents, at most `concurrency` in flight (default 10). Each item is validated
/// locally first (an invalid one fails alone, unsent); one failure never stops the others.
/// [`CreateIntents::send`] returns one [`BatchItem`] per input, in input order.
#[must_use]
pub struct CreateIntents<M: Mode> {
    client: Client<M>,
    intents: Vec<QoSIntentRequest>,
    concurrency: usize,
}

impl<M: Mode> fmt::Debug for CreateIntents<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CreateIntents")
            .field("items", &self.intents.len())
            .field("concurrency", &self.concurrency)
            .finish()
    }
}

impl<M: Mode> CreateIntents<M> {
    pub(crate) fn new(client: Client<M>, intents: Vec<QoSIntentRequest>) -> Self {
        CreateIntents {
            client,
            intents,
            concurrency: DEFAULT_CONCURRENCY,
        }
    }

    /// At most this many creations in flight (at least 1). The transport's bulkhead and
    /// rate limits still apply on top.
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Creates them all; never fails as a whole.
    pub fn send(self) -> M::Output<Vec<BatchItem<QoSIntent>>> {
        let inner = self.client.inner();
        let concurrency = self.concurrency;
        let intents = self.intents;
        self.client.run(Box::pin(async move {
            let calls = intents.into_iter().enumerate().map(|(index, intent)| {
                let inner = inner.clone();
                async move {
                    let result = match validated(&intent) {
                        Ok(()) => {
                            let spec = RequestSpec::post(CREATE_INTENT, INTENTS).json(&intent);
                            inner.json(spec).await
                        }
                        Err(e) => Err(e),
                    };
                    BatchItem { index, result }
                }
            });
            // `buffered` keeps input order while running up to `concurrency` at once.
            Ok(stream::iter(calls).buffered(concurrency).collect().await)
        }))
    }
}
