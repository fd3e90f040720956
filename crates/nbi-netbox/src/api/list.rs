//! [`ListObjects`]: filters and paging of a model's listing, one page or every item.

use std::fmt;
use std::marker::PhantomData;

use futures::{FutureExt, StreamExt};
use nbi_core::{Mode, Page, RequestSpec, Result, paginate};
use serde::de::DeserializeOwned;

use super::objects::spec;
use crate::client::{Client, fetch_json};
use crate::endpoint::Verb;
use crate::models::Id;
use crate::paging::{ListBody, cursor_pairs};

/// A listing of `/api/<app>/<model>/`. Filters are NetBox's own query parameters
/// (`name`, `role`, `site`, `status`, `tenant`, `q`, `id`, `role__n` …); a key given twice
/// matches either value.
///
/// [`send`](ListObjects::send) fetches one page; [`all`](ListObjects::all) every item of
/// every page, fetching the next page as the items run out — by `limit`/`offset`, or from
/// [`start`](ListObjects::start) by primary key (cursor mode, no count; cheaper on big tables).
#[must_use = "nothing is sent until send() or all()"]
pub struct ListObjects<M: Mode, T> {
    client: Client<M>,
    path: std::result::Result<String, String>,
    filters: Vec<(String, String)>,
    limit: Option<u32>,
    offset: Option<u64>,
    start: Option<Id>,
    brief: bool,
    _objects: PhantomData<fn() -> T>,
}

impl<M: Mode, T> fmt::Debug for ListObjects<M, T> {
    // Filter values may be personal data: keys only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ListObjects")
            .field("path", &self.path)
            .field(
                "filters",
                &self.filters.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("limit", &self.limit)
            .field("offset", &self.offset)
            .field("start", &self.start)
            .finish_non_exhaustive()
    }
}

impl<M: Mode, T: DeserializeOwned + Send + 'static> ListObjects<M, T> {
    pub(crate) fn new(client: Client<M>, path: std::result::Result<String, String>) -> Self {
        ListObjects {
            client,
            path,
            filters: Vec::new(),
            limit: None,
            offset: None,
            start: None,
            brief: false,
            _objects: PhantomData,
        }
    }

    /// Adds a filter `key=value` (repeat a key to match any of its values).
    pub fn filter(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        self.filters.push((key.into(), value.to_string()));
        self
    }

    /// Adds every `(key, value)` filter.
    pub fn filters<K: Into<String>, V: fmt::Display>(
        mut self,
        filters: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        for (key, value) in filters {
            self.filters.push((key.into(), value.to_string()));
        }
        self
    }

    /// The page size (the server caps it at its `MAX_PAGE_SIZE`, 1000 by default; its default
    /// is 50).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Skips the first `offset` matches (offset mode).
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Cursor mode: objects from primary key `start` up, in key order, without a count.
    pub fn start(mut self, start: impl Into<Id>) -> Self {
        self.start = Some(start.into());
        self
    }

    /// Asks for the brief form of each object (id, url, display, name …).
    pub fn brief(mut self, brief: bool) -> Self {
        self.brief = brief;
        self
    }

    /// The query string of the first page.
    pub(crate) fn query(&self) -> Vec<(String, String)> {
        let mut query = self.filters.clone();
        if self.brief {
            query.push(("brief".into(), "true".into()));
        }
        if let Some(limit) = self.limit {
            query.push(("limit".into(), limit.to_string()));
        }
        match (self.start, self.offset) {
            (Some(start), _) => query.push(("start".into(), start.to_string())),
            (None, Some(offset)) => query.push(("offset".into(), offset.to_string())),
            (None, None) => {}
        }
        query
    }

    /// One page: its items, the total (offset mode) and the cursor of the next page.
    pub fn send(self) -> M::Output<Page<T>> {
        let first = self.query();
        match spec(&self.path, Verb::List, None) {
            Ok(spec) => {
                let transport = self.client.transport().clone();
                self.client.run(Box::pin(async move {
                    fetch_page(&transport, spec, first).await
                }))
            }
            Err(e) => self.client.fail(e),
        }
    }

    /// Every item of every page: a stream (async) or an iterator (blocking).
    pub fn all(self) -> M::Items<T> {
        let first = self.query();
        let transport = self.client.transport().clone();
        let base = spec(&self.path, Verb::List, None);
        let items = match base {
            Ok(base) => paginate(None, move |cursor: Option<String>| {
                let transport = transport.clone();
                let query = cursor
                    .as_deref()
                    .map_or_else(|| first.clone(), cursor_pairs);
                let spec = base.clone();
                async move { fetch_page(&transport, spec, query).await }.boxed()
            }),
            Err(e) => futures::stream::once(async move { Err(e) }).boxed(),
        };
        self.client.mode().items(items)
    }
}

async fn fetch_page<T: DeserializeOwned>(
    transport: &nbi_core::Transport,
    spec: RequestSpec,
    query: Vec<(String, String)>,
) -> Result<Page<T>> {
    let spec = query.into_iter().fold(spec, |s, (k, v)| s.query(k, v));
    let body: ListBody<T> = fetch_json(transport, spec).await?;
    Ok(body.into_page())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn client() -> Client {
        let transport = nbi_core::Transport::builder("netbox", "t")
            .base_url("https://netbox.example")
            .build()
            .unwrap();
        Client::builder().transport(transport).build().unwrap()
    }

    #[test]
    fn filters_and_paging_become_the_query() {
        let list: ListObjects<_, Value> = client()
            .endpoint("dcim/devices")
            .list()
            .filter("role", "router")
            .filter("role", "olt")
            .filters([("site", "dc-1")])
            .limit(100)
            .offset(200);
        let pairs: Vec<String> = list
            .query()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            pairs,
            [
                "role=router",
                "role=olt",
                "site=dc-1",
                "limit=100",
                "offset=200"
            ]
        );
        let cursor: ListObjects<_, Value> = client()
            .endpoint("dcim/devices")
            .list()
            .start(17)
            .brief(true);
        let pairs: Vec<String> = cursor
            .query()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(pairs, ["brief=true", "start=17"]);
    }
}
