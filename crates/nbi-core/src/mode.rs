//! Async and blocking modes.
//!
//! Each client's handlers and operation builders are written once, generic over a [`Mode`]:
//! every setter is shared, and `send()` hands its future to [`Mode::run`], which returns it as is
//! ([`Async`]) or runs it to completion on a private runtime ([`Blocking`]). Paged listings go
//! through [`Mode::items`] the same way: a stream in async mode, an iterator in blocking mode.
//!
//! ```
//! use nbi_core::mode::{Async, Blocking, Mode};
//!
//! fn answer<M: Mode>(mode: &M) -> M::Output<u32> {
//!     mode.run(Box::pin(async { Ok(42) }))
//! }
//!
//! let blocking = Blocking::new()?;
//! assert_eq!(answer(&blocking)?, 42);
//! # let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
//! assert_eq!(runtime.block_on(answer(&Async))?, 42);
//! # Ok::<(), nbi_core::Error>(())
//! ```

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use futures::StreamExt;
use futures::future::BoxFuture;
use futures::stream::BoxStream;

use crate::error::{Error, Result};

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Async {}
    impl Sealed for super::Blocking {}
}

/// How a client's calls complete: [`Async`] (the default) or [`Blocking`].
pub trait Mode: Clone + Send + Sync + fmt::Debug + 'static + sealed::Sealed {
    /// What a call returns: a future of the result (async) or the result itself (blocking).
    type Output<T: Send + 'static>;
    /// What a paged listing returns: a stream (async) or an iterator (blocking) of items.
    type Items<T: Send + 'static>;

    /// Completes `call` in this mode.
    fn run<T: Send + 'static>(&self, call: BoxFuture<'static, Result<T>>) -> Self::Output<T>;

    /// Hands out `items` in this mode.
    fn items<T: Send + 'static>(&self, items: BoxStream<'static, Result<T>>) -> Self::Items<T>;
}

/// Calls return futures and listings streams; they run on the caller's Tokio runtime.
#[derive(Clone, Copy, Debug, Default)]
pub struct Async;

impl Mode for Async {
    type Output<T: Send + 'static> = BoxFuture<'static, Result<T>>;
    type Items<T: Send + 'static> = BoxStream<'static, Result<T>>;

    fn run<T: Send + 'static>(&self, call: BoxFuture<'static, Result<T>>) -> Self::Output<T> {
        call
    }

    fn items<T: Send + 'static>(&self, items: BoxStream<'static, Result<T>>) -> Self::Items<T> {
        items
    }
}

/// Calls block the calling thread until they finish; listings are iterators.
///
/// The work runs on a private Tokio runtime with one worker thread, which keeps pooled
/// connections alive between calls. Cheap to clone: clones share the runtime. Calling a
/// blocking client from inside a Tokio runtime is an error of kind
/// [`Build`](crate::ErrorKind::Build) — it would stall that runtime's thread — never a panic.
#[derive(Clone)]
pub struct Blocking {
    runtime: Arc<PrivateRuntime>,
}

impl fmt::Debug for Blocking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Blocking")
    }
}

/// Owns the runtime and shuts it down without waiting, so dropping the last blocking client
/// never blocks or panics, wherever that happens.
struct PrivateRuntime(Option<tokio::runtime::Runtime>);

impl Drop for PrivateRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Blocking {
    /// Starts the private runtime.
    pub fn new() -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("nbi-blocking")
            .enable_all()
            .build()
            .map_err(|e| {
                Error::build(format!("cannot start the blocking client's runtime: {e}"))
            })?;
        Ok(Blocking {
            runtime: Arc::new(PrivateRuntime(Some(runtime))),
        })
    }

    /// Runs `future` to completion on the private runtime, blocking the calling thread.
    ///
    /// Fails, without running it, when called from inside a Tokio runtime.
    pub fn block_on<F: Future>(&self, future: F) -> Result<F::Output> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::build(
                "a blocking client was called from inside an async runtime; use the async client there",
            ));
        }
        match &self.runtime.0 {
            Some(runtime) => Ok(runtime.block_on(future)),
            None => Err(Error::build("the blocking client's runtime has stopped")),
        }
    }
}

impl Mode for Blocking {
    type Output<T: Send + 'static> = Result<T>;
    type Items<T: Send + 'static> = BlockingItems<T>;

    fn run<T: Send + 'static>(&self, call: BoxFuture<'static, Result<T>>) -> Self::Output<T> {
        self.block_on(call).and_then(|result| result)
    }

    fn items<T: Send + 'static>(&self, items: BoxStream<'static, Result<T>>) -> Self::Items<T> {
        BlockingItems {
            blocking: self.clone(),
            items: Some(items),
        }
    }
}

/// The items of a paged listing in blocking mode: fetches the next page when the current one
/// runs out. Ends after the first error.
pub struct BlockingItems<T> {
    blocking: Blocking,
    items: Option<BoxStream<'static, Result<T>>>,
}

impl<T> fmt::Debug for BlockingItems<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingItems")
            .field("done", &self.items.is_none())
            .finish()
    }
}

impl<T> Iterator for BlockingItems<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let items = self.items.as_mut()?;
        let next = match self.blocking.block_on(items.next()) {
            Ok(next) => next,
            Err(e) => Some(Err(e)),
        };
        if !matches!(next, Some(Ok(_))) {
            self.items = None;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use futures::stream;

    #[test]
    fn blocking_runs_calls_and_iterates_items() {
        let blocking = Blocking::new().unwrap();
        assert_eq!(blocking.run(Box::pin(async { Ok(7) })).unwrap(), 7);
        let items = stream::iter([Ok(1), Ok(2), Err(Error::validation("bad")), Ok(3)]).boxed();
        let seen: Vec<_> = blocking.items(items).collect();
        assert_eq!(seen.len(), 3, "stops after the first error");
        assert!(seen[2].is_err());
    }

    #[test]
    fn blocking_keeps_spawned_tasks_running_between_calls() {
        let blocking = Blocking::new().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel();
        blocking
            .block_on(async move {
                tokio::spawn(async move {
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                    let _ = tx.send(1);
                });
            })
            .unwrap();
        assert_eq!(blocking.block_on(rx).unwrap().unwrap(), 1);
    }

    #[tokio::test]
    async fn blocking_inside_a_runtime_is_an_error_not_a_panic() {
        let blocking = Blocking::new().unwrap();
        let err = blocking.run(Box::pin(async { Ok(1) })).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Build);
        assert!(err.to_string().contains("inside an async runtime"), "{err}");
        drop(blocking); // dropping inside a runtime must not panic either
    }

    #[tokio::test]
    async fn async_mode_passes_futures_and_streams_through() {
        assert_eq!(Async.run(Box::pin(async { Ok(3) })).await.unwrap(), 3);
        let items: Vec<_> = Async
            .items(stream::iter([Ok(1), Ok(2)]).boxed())
            .collect()
            .await;
        assert_eq!(items.len(), 2);
    }
}
