//! [`List`]: one listing builder for every collection — query, projection, sort, skip and
//! limit — that pages with `skip`/`limit` and reads the count from the `total` header.

use std::fmt;
use std::marker::PhantomData;

use futures::FutureExt;
use nbi_core::{Mode, Page, RequestSpec, Response, Transport, paginate};
use serde::de::DeserializeOwned;

use crate::client::{Client, call};
use crate::endpoint::Collection;
use crate::error::{Error, Result};
use crate::query::{Projection, Query, Sort};

/// Items per request unless [`List::page_size`] says otherwise.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// A listing of one collection. [`List::send`] yields every matching item, fetching pages
/// as they are consumed; [`List::page`] makes one request; [`List::count`] asks only for the
/// `total` (a `HEAD`).
#[must_use]
pub struct List<M: Mode, T> {
    client: Client<M>,
    collection: Collection,
    query: Query,
    projection: Projection,
    sort: Sort,
    skip: u64,
    limit: Option<u64>,
    page_size: u64,
    item: PhantomData<fn() -> T>,
}

impl<M: Mode, T> fmt::Debug for List<M, T> {
    // The query may name customers' devices: show its shape, not its values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("collection", &self.collection.path())
            .field(
                "query_keys",
                &self.query.as_json().keys().collect::<Vec<_>>(),
            )
            .field("projection", &self.projection.fields())
            .field("skip", &self.skip)
            .field("limit", &self.limit)
            .field("page_size", &self.page_size)
            .finish()
    }
}

impl<M: Mode, T: DeserializeOwned + Send + 'static> List<M, T> {
    pub(crate) fn new(client: Client<M>, collection: Collection) -> Self {
        List {
            client,
            collection,
            query: Query::all(),
            projection: Projection::default(),
            sort: Sort::default(),
            skip: 0,
            limit: None,
            page_size: DEFAULT_PAGE_SIZE,
            item: PhantomData,
        }
    }

    /// Only items matching `query` (replaces any query set before).
    pub fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// Also require `condition` (and-ed with the query so far).
    pub fn filter(mut self, condition: Query) -> Self {
        self.query = std::mem::take(&mut self.query).and(condition);
        self
    }

    /// Only these fields.
    pub fn projection(mut self, projection: Projection) -> Self {
        self.projection = projection;
        self
    }

    /// In this order.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    /// Leave out the first `n` matches.
    pub fn skip(mut self, n: u64) -> Self {
        self.skip = n;
        self
    }

    /// At most `n` items in all.
    pub fn limit(mut self, n: u64) -> Self {
        self.limit = Some(n);
        self
    }

    /// Items per request (at least 1; default [`DEFAULT_PAGE_SIZE`]).
    pub fn page_size(mut self, n: u64) -> Self {
        self.page_size = n.max(1);
        self
    }

    /// Every matching item (after `skip`, at most `limit`), page by page.
    pub fn send(self) -> M::Items<T> {
        let client = self.client.clone();
        let transport = self.client.transport().clone();
        let plan = Plan::from(&self);
        let first = Some(self.skip.to_string());
        let end = self.limit.map(|limit| self.skip.saturating_add(limit));
        let page_size = self.page_size;
        let items = paginate(first, move |cursor| {
            let transport = transport.clone();
            let plan = plan.clone();
            async move {
                let offset = cursor_offset(cursor.as_deref())?;
                let want = match end {
                    Some(end) => page_size.min(end.saturating_sub(offset)),
                    None => page_size,
                };
                if want == 0 {
                    return Ok(Page::new(Vec::new()));
                }
                let page: Page<T> = fetch(&transport, &plan, offset, Some(want)).await?;
                let fetched = page.items.len() as u64;
                let seen = offset + fetched;
                let more = fetched == want
                    && page.total.is_none_or(|total| seen < total)
                    && end.is_none_or(|end| seen < end);
                Ok(page.next(more.then(|| seen.to_string())))
            }
            .boxed()
        });
        client.items(items)
    }

    /// One request: the items after `skip`, at most `limit` (default: the page size), and the
    /// `total` of all matches.
    pub fn page(self) -> M::Output<Page<T>> {
        let client = self.client.clone();
        client.run(self.page_call())
    }

    /// The request of [`List::page`], as a future in any mode.
    pub(crate) fn page_call(
        self,
    ) -> impl std::future::Future<Output = Result<Page<T>>> + Send + 'static {
        let transport = self.client.transport().clone();
        let plan = Plan::from(&self);
        let (skip, limit) = (self.skip, self.limit.unwrap_or(self.page_size));
        async move { fetch(&transport, &plan, skip, Some(limit)).await }
    }

    /// How many items match the query (`HEAD`, the `total` header).
    pub fn count(self) -> M::Output<u64> {
        let transport = self.client.transport().clone();
        let plan = Plan::from(&self);
        self.client.run(async move {
            let spec = plan.spec(RequestSpec::new(
                http::Method::HEAD,
                plan.collection.count_op(),
                plan.collection.path(),
            ));
            let response = call(&transport, spec).await?;
            total_of(&response)?.ok_or_else(|| Error::decode("total", "the header is missing"))
        })
    }
}

/// What every page request repeats.
#[derive(Clone, Debug)]
struct Plan {
    collection: Collection,
    query: Option<String>,
    projection: Option<String>,
    sort: Option<String>,
}

impl<M: Mode, T> From<&List<M, T>> for Plan {
    fn from(list: &List<M, T>) -> Self {
        Plan {
            collection: list.collection,
            query: (!list.query.is_empty()).then(|| list.query.to_string()),
            projection: (!list.projection.is_empty()).then(|| list.projection.to_string()),
            sort: (!list.sort.is_empty()).then(|| list.sort.to_string()),
        }
    }
}

impl Plan {
    fn spec(&self, spec: RequestSpec) -> RequestSpec {
        spec.query_opt("query", self.query.as_deref())
            .query_opt("projection", self.projection.as_deref())
            .query_opt("sort", self.sort.as_deref())
    }
}

async fn fetch<T: DeserializeOwned>(
    transport: &Transport,
    plan: &Plan,
    skip: u64,
    limit: Option<u64>,
) -> Result<Page<T>> {
    let spec = plan
        .spec(RequestSpec::get(
            plan.collection.list_op(),
            plan.collection.path(),
        ))
        .query_opt("skip", (skip > 0).then_some(skip))
        .query_opt("limit", limit);
    let response = call(transport, spec).await?;
    let total = total_of(&response)?;
    let items: Vec<T> = response.json()?;
    Ok(Page::new(items).total(total))
}

/// The `total` header: absent is `None`, unreadable is a decode error.
fn total_of(response: &Response) -> Result<Option<u64>> {
    match response.header("total") {
        None => Ok(None),
        Some(text) => text
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| Error::decode("total", "the header is not a count")),
    }
}

fn cursor_offset(cursor: Option<&str>) -> Result<u64> {
    cursor
        .unwrap_or("0")
        .parse()
        .map_err(|_| Error::decode("skip", "the page cursor is not an offset"))
}
