//! An opt-in TTL cache of whole responses, keyed by the caller.
//!
//! Nothing in the transport caches by default: a client or the fleet runner enables it for
//! read-only lookups that many tasks repeat (inventory lists, capability documents). Concurrent
//! misses on one key run a single fetch ("single flight"); failures are never cached.

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use moka::future::Cache;

use crate::error::{Error, Result};
use crate::response::Response;

/// A TTL cache of responses. Cloning is cheap and shares the entries.
#[derive(Clone)]
pub struct ResponseCache {
    entries: Cache<String, Response>,
    ttl: Duration,
}

impl ResponseCache {
    /// A cache whose entries live for `ttl`, holding at most about `max_entries`.
    pub fn new(ttl: Duration, max_entries: u64) -> Self {
        let entries = Cache::builder()
            .time_to_live(ttl)
            .max_capacity(max_entries)
            .support_invalidation_closures()
            .build();
        ResponseCache { entries, ttl }
    }

    /// The cached response for `key`, if it is there and fresh.
    pub async fn get(&self, key: &str) -> Option<Response> {
        self.entries.get(key).await
    }

    /// Stores a response under `key`, replacing any earlier one.
    pub async fn insert(&self, key: String, value: Response) {
        self.entries.insert(key, value).await;
    }

    /// The cached response for `key`, or the result of `fetch`, which is stored when it
    /// succeeds. Concurrent callers missing the same key share one `fetch`; when it fails each
    /// of them gets an error of the same kind and message, and nothing is cached.
    pub async fn get_or_fetch<F, Fut>(&self, key: &str, fetch: F) -> Result<Response>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Response>>,
    {
        self.entries
            .try_get_with_by_ref(key, fetch())
            .await
            .map_err(unshare_error)
    }

    /// Drops the entry for `key`.
    pub async fn invalidate(&self, key: &str) {
        self.entries.invalidate(key).await;
    }

    /// Drops every entry whose key starts with `prefix` (for example one tenant's entries).
    pub fn invalidate_prefix(&self, prefix: &str) {
        let prefix = prefix.to_owned();
        // Only fails when invalidation closures are not enabled, and `new` always enables them.
        if let Err(e) = self
            .entries
            .invalidate_entries_if(move |key, _| key.starts_with(&prefix))
        {
            tracing::warn!(error = %e, "could not invalidate cache entries by prefix");
        }
    }

    /// About how many entries the cache holds (updated by moka's housekeeping, so it may lag).
    pub fn entry_count(&self) -> u64 {
        self.entries.entry_count()
    }
}

/// The caller that ran the fetch gets its own error back untouched; callers that waited on it
/// share that error, so each gets a copy with the same kind, message, context and response.
fn unshare_error(shared: Arc<Error>) -> Error {
    Arc::try_unwrap(shared).unwrap_or_else(|shared| {
        let mut copy = Error::new(shared.kind(), shared.message());
        if let Some(context) = shared.context() {
            copy = copy.with_context(context.clone());
        }
        if let Some(problem) = shared.problem() {
            copy = copy.with_problem(problem.clone());
        }
        if let Some(after) = shared.retry_after() {
            copy = copy.with_retry_after(after);
        }
        if let Some(raw) = shared.raw() {
            copy = copy.with_raw(raw.clone());
        }
        copy
    })
}

impl fmt::Debug for ResponseCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseCache")
            .field("ttl", &self.ttl)
            .field("entry_count", &self.entries.entry_count())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    use bytes::Bytes;
    use http::{HeaderMap, StatusCode};

    use crate::error::ErrorKind;

    fn response(body: &'static str) -> Response {
        Response::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
        )
    }

    #[tokio::test]
    async fn insert_get_and_invalidate() {
        let cache = ResponseCache::new(Duration::from_secs(60), 100);
        assert!(cache.get("acme/netbox/devices").await.is_none());
        cache
            .insert("acme/netbox/devices".into(), response("[1]"))
            .await;
        cache
            .insert("acme/netbox/sites".into(), response("[2]"))
            .await;
        cache
            .insert("other/netbox/sites".into(), response("[3]"))
            .await;
        let hit = cache.get("acme/netbox/devices").await.unwrap();
        assert_eq!(hit.body().as_ref(), b"[1]");

        cache.invalidate("acme/netbox/devices").await;
        assert!(cache.get("acme/netbox/devices").await.is_none());

        cache.invalidate_prefix("acme/");
        assert!(cache.get("acme/netbox/sites").await.is_none());
        assert!(cache.get("other/netbox/sites").await.is_some());
        cache.entries.run_pending_tasks().await;
        assert_eq!(cache.entry_count(), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_misses_share_one_fetch() {
        let cache = ResponseCache::new(Duration::from_secs(60), 100);
        let fetches = Arc::new(AtomicU32::new(0));
        let calls = (0..8).map(|_| {
            let cache = cache.clone();
            let fetches = Arc::clone(&fetches);
            async move {
                cache
                    .get_or_fetch("k", || async move {
                        fetches.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_secs(1)).await;
                        Ok(response("fresh"))
                    })
                    .await
            }
        });
        let results = futures::future::join_all(calls).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        assert!(
            results
                .iter()
                .all(|r| r.as_ref().unwrap().body().as_ref() == b"fresh")
        );
    }

    #[tokio::test(start_paused = true)]
    async fn errors_are_shared_but_not_cached() {
        let cache = ResponseCache::new(Duration::from_secs(60), 100);
        let fetches = Arc::new(AtomicU32::new(0));
        let failing = |cache: ResponseCache, fetches: Arc<AtomicU32>| async move {
            cache
                .get_or_fetch("k", || async move {
                    fetches.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    Err(Error::from_status(StatusCode::SERVICE_UNAVAILABLE, None))
                })
                .await
        };
        let (a, b) = tokio::join!(
            failing(cache.clone(), Arc::clone(&fetches)),
            failing(cache.clone(), Arc::clone(&fetches))
        );
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        for e in [a.unwrap_err(), b.unwrap_err()] {
            assert_eq!(e.kind(), ErrorKind::Status);
            assert_eq!(e.message(), "HTTP 503");
        }

        let ok = cache
            .get_or_fetch("k", || async { Ok(response("later")) })
            .await
            .unwrap();
        assert_eq!(ok.body().as_ref(), b"later");
        assert!(cache.get("k").await.is_some());
    }

    #[tokio::test]
    async fn entries_expire_after_the_ttl() {
        // moka keeps its own clock, so paused tokio time does not age entries: use a short TTL.
        let cache = ResponseCache::new(Duration::from_millis(50), 100);
        cache.insert("k".into(), response("x")).await;
        assert!(cache.get("k").await.is_some());
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert!(cache.get("k").await.is_none());
    }
}
