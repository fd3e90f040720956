//! [`List`]: an `offset`/`limit` listing, one page or every item. OFSC answers either
//! `{items, totalResults}` or `{items, offset, limit, hasMore}`; both become a [`Page`] whose
//! next cursor is the next offset, so the stream ends exactly at the last item.

use std::fmt;

use futures::{FutureExt, StreamExt};
use nbi_core::{Mode, Page, RequestSpec, Result, Transport, paginate};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::endpoint::Route;
use crate::error::remap;
use crate::params::{Params, check_limit, require_id};

/// A list body in either shape.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListBody<T> {
    #[serde(default = "Vec::new")]
    items: Vec<T>,
    total_results: Option<u64>,
    offset: Option<u64>,
    has_more: Option<bool>,
}

impl<T> ListBody<T> {
    /// The page, given the offset it was asked at.
    pub(crate) fn into_page(self, asked_offset: u64) -> Page<T> {
        let offset = self.offset.unwrap_or(asked_offset);
        let end = offset + self.items.len() as u64;
        let more = !self.items.is_empty()
            && match (self.has_more, self.total_results) {
                (Some(more), _) => more,
                (None, Some(total)) => end < total,
                (None, None) => false,
            };
        Page::new(self.items)
            .total(self.total_results)
            .next(more.then(|| end.to_string()))
    }
}

/// A paged listing: `send()` fetches one page, `all()` every item from the first offset on.
#[must_use = "nothing is sent until send() or all()"]
pub struct List<M: Mode, T> {
    client: Client<M>,
    spec: Result<RequestSpec>,
    max_limit: u32,
    offset: u64,
    limit: Option<u32>,
    _items: std::marker::PhantomData<fn() -> T>,
}

impl<M: Mode, T> fmt::Debug for List<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("path", &self.spec.as_ref().map(|s| s.path_template()).ok())
            .field("offset", &self.offset)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl<M: Mode, T: DeserializeOwned + Send + 'static> List<M, T> {
    pub(crate) fn new(client: Client<M>, route: &Route) -> Self {
        List {
            client,
            spec: Ok(RequestSpec::new(
                route.method.clone(),
                route.operation.clone(),
                route.path,
            )),
            max_limit: route.max_limit.max(1),
            offset: 0,
            limit: None,
            _items: std::marker::PhantomData,
        }
    }

    /// Fills the path parameter `name`; an empty value is a validation error naming it.
    pub(crate) fn id(mut self, name: &'static str, value: &str) -> Self {
        self.spec = self
            .spec
            .and_then(|s| require_id(name, value).map(|()| s.path_param(name, value)));
        self
    }

    /// Checks `params` and adds them to the query.
    pub(crate) fn params(mut self, params: &impl Params) -> Self {
        self.spec = self.spec.and_then(|s| {
            params.validate()?;
            Ok(params
                .pairs()
                .into_iter()
                .fold(s, |s, (k, v)| s.query(k, v)))
        });
        self
    }

    /// Adds a query parameter the typed parameters do not model.
    pub fn query(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        self.spec = self.spec.map(|s| s.query(key, value));
        self
    }

    /// The first item's offset (default 0).
    pub fn offset(mut self, offset: u64) -> Self {
        self.offset = offset;
        self
    }

    /// The page size, 1 up to the route's maximum (checked when sent).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// The request, once the page size is checked too.
    fn checked(self) -> (Client<M>, u64, Option<u32>, Result<RequestSpec>) {
        let (limit, max) = (self.limit, self.max_limit);
        let spec = self.spec.and_then(|spec| {
            limit.map_or(Ok(()), |l| check_limit(l, max))?;
            Ok(spec)
        });
        (self.client, self.offset, limit, spec)
    }

    /// One page at the offset.
    pub fn send(self) -> M::Output<Page<T>> {
        let (client, offset, limit, spec) = self.checked();
        let transport = client.transport().clone();
        client.mode().run(Box::pin(async move {
            fetch_page(&transport, spec?, offset, limit).await
        }))
    }

    /// Every item from the offset on, page after page, ending at the last item.
    pub fn all(self) -> M::Items<T> {
        let (client, first, limit, spec) = self.checked();
        let transport = client.transport().clone();
        let items = match spec {
            Ok(spec) => paginate(None, move |cursor: Option<String>| {
                let transport = transport.clone();
                let spec = spec.clone();
                let offset = cursor.and_then(|c| c.parse().ok()).unwrap_or(first);
                async move { fetch_page(&transport, spec, offset, limit).await }.boxed()
            }),
            Err(e) => futures::stream::once(async move { Err(e) }).boxed(),
        };
        client.mode().items(items)
    }
}

async fn fetch_page<T: DeserializeOwned>(
    transport: &Transport,
    spec: RequestSpec,
    offset: u64,
    limit: Option<u32>,
) -> Result<Page<T>> {
    let spec = spec.query("offset", offset).query_opt("limit", limit);
    let response = transport.send(spec).await.map_err(remap)?;
    let body: ListBody<T> = response.json()?;
    Ok(body.into_page(offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn page(body: Value, asked: u64) -> Page<Value> {
        serde_json::from_value::<ListBody<Value>>(body)
            .unwrap()
            .into_page(asked)
    }

    #[test]
    fn total_results_shape_ends_at_the_total() {
        let p = page(json!({"items": [1, 2], "totalResults": 5}), 0);
        assert_eq!(p.next.as_deref(), Some("2"));
        let p = page(json!({"items": [5], "totalResults": 5}), 4);
        assert_eq!(p.next, None);
        assert_eq!(p.total, Some(5));
    }

    #[test]
    fn has_more_shape_follows_the_flag() {
        let p = page(
            json!({"items": [1, 2], "offset": 2, "limit": 2, "hasMore": true}),
            2,
        );
        assert_eq!(p.next.as_deref(), Some("4"));
        let p = page(
            json!({"items": [1], "offset": 4, "limit": 2, "hasMore": false}),
            4,
        );
        assert_eq!(p.next, None);
    }

    #[test]
    fn an_empty_page_or_a_bare_list_ends() {
        assert_eq!(page(json!({"items": [], "hasMore": true}), 0).next, None);
        assert_eq!(page(json!({"items": [1]}), 0).next, None);
        assert_eq!(page(json!({}), 0).items.len(), 0);
    }
}
