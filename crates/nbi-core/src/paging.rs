//! One page of a listing, and a stream over every item of every page.
//!
//! Each API pages its own way (NetBox `next` links or `start=` cursors, GenieACS `skip` with a
//! `total` header); its client turns a response into a [`Page`] whose `next` is an opaque cursor,
//! and [`paginate`] fetches pages as the items run out.
//!
//! ```
//! use futures::{FutureExt, TryStreamExt};
//! use nbi_core::paging::{Page, paginate};
//!
//! // Three pages of two, the cursor being the offset.
//! let items = paginate(None, |cursor: Option<String>| {
//!     async move {
//!         let offset: u32 = cursor.as_deref().unwrap_or("0").parse().unwrap();
//!         let next = (offset < 4).then(|| (offset + 2).to_string());
//!         Ok(Page::new(vec![offset, offset + 1]).total(6).next(next))
//!     }
//!     .boxed()
//! });
//! # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! let all: Vec<u32> = runtime.block_on(items.try_collect())?;
//! assert_eq!(all, [0, 1, 2, 3, 4, 5]);
//! # Ok::<(), nbi_core::Error>(())
//! ```

use futures::future::BoxFuture;
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::error::{Error, Result};

/// The items of one page, the total the server reported, and the cursor of the next page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items the whole listing has, when the server says (`None` in cursor modes).
    pub total: Option<u64>,
    /// The next page's cursor (a link, an offset …), `None` on the last page.
    pub next: Option<String>,
}

impl<T> Page<T> {
    /// A last page holding `items`.
    pub fn new(items: Vec<T>) -> Self {
        Page {
            items,
            total: None,
            next: None,
        }
    }

    /// Sets the total count.
    #[must_use]
    pub fn total(mut self, total: impl Into<Option<u64>>) -> Self {
        self.total = total.into();
        self
    }

    /// Sets the next page's cursor.
    #[must_use]
    pub fn next(mut self, next: Option<String>) -> Self {
        self.next = next;
        self
    }

    /// Whether another page follows.
    pub fn has_next(&self) -> bool {
        self.next.is_some()
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Every item of every page, starting at cursor `first` (`None` = the first page): `fetch` is
/// called with each cursor once the previous page's items are consumed. The stream ends after
/// the last page or the first error; a server that hands back the cursor it was just given is an
/// error of kind [`Decode`](crate::ErrorKind::Decode) rather than an endless loop.
pub fn paginate<T, F>(first: Option<String>, fetch: F) -> BoxStream<'static, Result<T>>
where
    T: Send + 'static,
    F: FnMut(Option<String>) -> BoxFuture<'static, Result<Page<T>>> + Send + 'static,
{
    struct State<F> {
        fetch: F,
        cursor: Option<String>,
        done: bool,
    }
    let state = State {
        fetch,
        cursor: first,
        done: false,
    };
    stream::try_unfold(state, |mut state| async move {
        if state.done {
            return Ok(None);
        }
        let page = (state.fetch)(state.cursor.clone()).await?;
        if page.next.is_some() && page.next == state.cursor {
            return Err(Error::decode(
                "next",
                "the server answered a page with a link to itself",
            ));
        }
        state.done = page.next.is_none();
        state.cursor = page.next;
        let items = stream::iter(page.items.into_iter().map(Ok));
        Ok(Some((items, state)))
    })
    .try_flatten()
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::FutureExt;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn fetches_lazily_and_stops_on_the_last_page() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = calls.clone();
        let mut items = paginate(None, move |cursor| {
            counter.fetch_add(1, Ordering::SeqCst);
            async move {
                Ok(match cursor.as_deref() {
                    None => Page::new(vec![1, 2]).next(Some("b".into())),
                    Some("b") => Page::new(vec![3]),
                    Some(other) => panic!("unexpected cursor {other}"),
                })
            }
            .boxed()
        });
        assert_eq!(items.next().await.unwrap().unwrap(), 1);
        assert_eq!(calls.load(Ordering::SeqCst), 1, "one page fetched so far");
        let rest: Vec<_> = items.try_collect().await.unwrap();
        assert_eq!(rest, [2, 3]);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_self_link_is_an_error_not_a_loop() {
        let items = paginate(Some("a".into()), |_| {
            async { Ok(Page::new(vec![1]).next(Some("a".into()))) }.boxed()
        });
        let err = items.try_collect::<Vec<i32>>().await.unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Decode);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let items = paginate(None, |_| {
            async { Err::<Page<i32>, _>(Error::validation("no")) }.boxed()
        });
        let all: Vec<_> = items.collect().await;
        assert_eq!(all.len(), 1);
        assert!(all[0].is_err());
    }
}
