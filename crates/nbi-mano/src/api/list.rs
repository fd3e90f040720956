//! [`List`]: one paged listing (`limit` / `offset`), a page at a time or as a stream of every
//! item.

use std::marker::PhantomData;
use std::sync::Arc;

use futures::FutureExt;
use nbi_core::{Error, Mode, Operation, Page, RequestSpec, Result, paginate};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{Client, Inner};
use crate::error::{FieldIssue, invalid};

/// The API's page size bounds.
const MAX_LIMIT: u32 = 1000;
/// The page size [`List::all`] uses when none is set.
const DEFAULT_ALL_LIMIT: u32 = 100;

/// A listing: set `limit`, `offset` and filters, then [`List::send`] for one page or
/// [`List::all`] for every item of every page.
#[must_use]
pub struct List<M: Mode, T> {
    client: Client<M>,
    query: ListQuery,
    _items: PhantomData<fn() -> T>,
}

/// What a listing fetches: everything but the client, so a stream can own it.
#[derive(Debug, Clone)]
struct ListQuery {
    operation: Operation,
    template: &'static str,
    params: Vec<(&'static str, String)>,
    key: &'static str,
    limit: Option<u32>,
    offset: u32,
    filters: Vec<(&'static str, String)>,
}

impl<M: Mode, T> std::fmt::Debug for List<M, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List").field("query", &self.query).finish()
    }
}

impl<M: Mode, T: DeserializeOwned + Send + 'static> List<M, T> {
    pub(crate) fn new(
        client: Client<M>,
        operation: Operation,
        template: &'static str,
        key: &'static str,
    ) -> Self {
        List {
            client,
            query: ListQuery {
                operation,
                template,
                params: Vec::new(),
                key,
                limit: None,
                offset: 0,
                filters: Vec::new(),
            },
            _items: PhantomData,
        }
    }

    pub(crate) fn path_param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.params.push((name, value.into()));
        self
    }

    pub(crate) fn filter(mut self, key: &'static str, value: impl ToString) -> Self {
        self.query.filters.retain(|(k, _)| *k != key);
        self.query.filters.push((key, value.to_string()));
        self
    }

    /// Items per page, 1–1,000 (the server's default is 50).
    pub fn limit(mut self, limit: u32) -> Self {
        self.query.limit = Some(limit);
        self
    }

    /// Items to skip.
    pub fn offset(mut self, offset: u32) -> Self {
        self.query.offset = offset;
        self
    }

    /// One page.
    pub fn send(self) -> M::Output<Page<T>> {
        if let Err(e) = self.query.check() {
            return self.client.fail(e);
        }
        let (inner, query) = (self.client.inner(), self.query);
        self.client.run(Box::pin(
            async move { query.fetch(&inner, query.offset).await },
        ))
    }

    /// Every item from `offset` on, fetching pages of `limit` (default 100) as needed.
    pub fn all(mut self) -> M::Items<T> {
        if let Err(e) = self.query.check() {
            let failed = futures::stream::once(async move { Err(e) });
            return self.client.mode().items(Box::pin(failed));
        }
        self.query.limit.get_or_insert(DEFAULT_ALL_LIMIT);
        let (inner, query) = (self.client.inner(), Arc::new(self.query));
        let first = Some(query.offset.to_string());
        let pages = paginate(first, move |cursor: Option<String>| {
            let (inner, query) = (inner.clone(), query.clone());
            async move {
                let offset = cursor.as_deref().unwrap_or("0").parse().unwrap_or(0);
                query.fetch(&inner, offset).await
            }
            .boxed()
        });
        self.client.mode().items(pages)
    }
}

impl ListQuery {
    fn check(&self) -> Result<()> {
        match self.limit {
            Some(l) if l == 0 || l > MAX_LIMIT => Err(invalid(vec![FieldIssue {
                field: "limit".into(),
                message: format!("limit must be between 1 and {MAX_LIMIT}"),
                code: Some("RANGE_ERROR".into()),
            }])),
            _ => Ok(()),
        }
    }

    async fn fetch<T: DeserializeOwned>(&self, inner: &Inner, offset: u32) -> Result<Page<T>> {
        let mut spec = RequestSpec::get(self.operation.clone(), self.template);
        for (name, value) in &self.params {
            spec = spec.path_param(name, value);
        }
        spec = spec.query_opt("limit", self.limit).query("offset", offset);
        for (key, value) in &self.filters {
            spec = spec.query(*key, value);
        }
        let mut body: Value = inner.json(spec).await?;
        let total = body.get("total").and_then(Value::as_u64);
        let items: Vec<T> = match body.get_mut(self.key).map(Value::take) {
            None | Some(Value::Null) => Vec::new(),
            Some(v) => serde_json::from_value(v).map_err(|e| Error::decode(self.key, e))?,
        };
        let fetched = u64::from(offset) + items.len() as u64;
        // Without a total, a full page may have a successor; an empty or short one has none.
        let full = self
            .limit
            .is_some_and(|l| items.len() as u64 >= u64::from(l));
        let more = !items.is_empty() && total.map_or(full, |t| fetched < t);
        Ok(Page::new(items)
            .total(total)
            .next(more.then(|| fetched.to_string())))
    }
}
