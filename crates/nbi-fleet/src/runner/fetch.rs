//! The per-source workers: take a global permit, take the next device, fetch, normalize.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::{Semaphore, mpsc};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::source::SourceEntry;
use crate::{DeviceRef, Error};

/// One device's result, on its way to the store.
#[derive(Debug)]
pub(crate) struct Completed {
    pub(crate) device: DeviceRef,
    pub(crate) result: Result<Normalized, Failed>,
    pub(crate) attempts: u32,
    pub(crate) elapsed: Duration,
}

/// A fetched body and its configuration text.
#[derive(Debug)]
pub(crate) struct Normalized {
    pub(crate) raw: Bytes,
    pub(crate) text: String,
}

/// Why a device failed: a short kind name and a message.
#[derive(Debug)]
pub(crate) struct Failed {
    pub(crate) kind: &'static str,
    pub(crate) message: String,
}

/// The devices of one (tenant, source) still to fetch, shared by that source's workers.
pub(crate) type Queue = Arc<Mutex<VecDeque<DeviceRef>>>;

/// Everything a worker needs.
#[derive(Clone)]
pub(crate) struct Worker {
    pub(crate) entry: SourceEntry,
    pub(crate) queue: Queue,
    pub(crate) global: Arc<Semaphore>,
    pub(crate) results: mpsc::Sender<Completed>,
    pub(crate) cancel: CancellationToken,
}

impl Worker {
    /// Fetches devices until the queue is empty, the run is cancelled or the store stopped
    /// taking results. A fetch cut short by cancellation records nothing: `--resume`
    /// fetches that device again.
    pub(crate) async fn run(self) {
        loop {
            // The global permit is taken first: the semaphore is fair, so sources take turns.
            let permit = tokio::select! {
                biased;
                () = self.cancel.cancelled() => return,
                permit = self.global.clone().acquire_owned() => match permit {
                    Ok(p) => p,
                    Err(_) => return,
                },
            };
            let Some(device) = self.next_device() else {
                return;
            };
            let done = tokio::select! {
                biased;
                () = self.cancel.cancelled() => return,
                done = fetch_one(&self.entry, device) => done,
            };
            drop(permit);
            if self.results.send(done).await.is_err() {
                return;
            }
        }
    }

    fn next_device(&self) -> Option<DeviceRef> {
        self.queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front()
    }
}

/// Fetches and normalizes one device; every outcome is a [`Completed`].
pub(crate) async fn fetch_one(entry: &SourceEntry, device: DeviceRef) -> Completed {
    let started = Instant::now();
    let (result, attempts) = match entry.source.fetch(device.id()).await {
        Ok(fetched) => {
            let result = match entry.normalizer.normalize(&fetched.body) {
                Ok(text) => Ok(Normalized {
                    raw: fetched.body,
                    text,
                }),
                Err(e) => Err(failed(&e)),
            };
            (result, fetched.attempts)
        }
        Err(e) => {
            let attempts = e
                .core()
                .and_then(nbi_core::Error::context)
                .map_or(0, |c| c.attempts);
            (Err(failed(&e)), attempts)
        }
    };
    Completed {
        device,
        result,
        attempts,
        elapsed: started.elapsed(),
    }
}

/// A transport failure is named by the transport's kind (`timeout`, `status`, `auth` …),
/// which says more than "transport".
fn failed(e: &Error) -> Failed {
    Failed {
        kind: e.core().map_or(e.kind().as_str(), |c| c.kind().as_str()),
        message: e.message().to_owned(),
    }
}
