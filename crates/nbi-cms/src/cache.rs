//! The opt-in query cache: ONT reads (get, show) kept for a TTL, dropped by any write to the
//! same ONT. Keys are `<node>/ont/<id>/<read>`, so `<node>/ont/<id>/` is one ONT's prefix.

use std::time::Duration;

use nbi_core::{Response, ResponseCache, Result};

use crate::models::node::NodeName;
use crate::models::ont::OntId;

#[derive(Clone, Debug)]
pub(crate) struct QueryCache {
    cache: ResponseCache,
}

impl QueryCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        QueryCache {
            cache: ResponseCache::new(ttl, 100_000),
        }
    }

    fn prefix(node: &NodeName, id: OntId) -> String {
        format!("{node}/ont/{id}/")
    }

    /// The cached reply of `read` of ONT `id`, or `fetch`'s (stored when it succeeds).
    pub(crate) async fn get_or_fetch<F>(
        &self,
        node: &NodeName,
        id: OntId,
        read: &str,
        fetch: F,
    ) -> Result<Response>
    where
        F: std::future::Future<Output = Result<Response>>,
    {
        let key = format!("{}{read}", Self::prefix(node, id));
        self.cache.get_or_fetch(&key, || fetch).await
    }

    /// Drops every cached read of ONT `id`.
    pub(crate) fn invalidate(&self, node: &NodeName, id: OntId) {
        self.cache.invalidate_prefix(&Self::prefix(node, id));
    }
}
