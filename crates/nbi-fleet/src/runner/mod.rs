//! The runner: fetches every device's configuration under a global concurrency bound and one
//! per (tenant, source), and streams each result into the store as it arrives.
//!
//! Every device ends with exactly one result per run — changed, unchanged or failed (with
//! the error's kind, message and attempts). Cancelling (Ctrl-C) stops new fetches, drops the
//! ones in flight and keeps everything recorded; resuming the run fetches only the devices
//! that have no result in it yet.

mod fetch;
mod progress;
mod record;
mod report;

#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use nbi_core::Metrics;
use tokio::sync::{Semaphore, mpsc, oneshot};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use self::fetch::Worker;
use self::record::{Observers, record_all};
use crate::source::Sources;
use crate::store::{RunId, RunTotals, SnapshotStore, StoreDevice};
use crate::{DeviceRef, Error, ErrorKind, Exports, Result};

pub use self::progress::{NoProgress, Progress};
pub use self::report::RunReport;

/// Results waiting for the store at most; a slow disk slows the fetches instead of
/// growing memory.
const RESULT_BUFFER: usize = 256;

/// Runs backups of a fleet into a [`SnapshotStore`].
#[derive(Clone, Debug)]
pub struct Runner {
    store: Arc<dyn SnapshotStore>,
    sources: Arc<Sources>,
    concurrency: usize,
    per_source_concurrency: usize,
    observers: Observers,
}

impl Runner {
    /// A runner over `store` fetching from `sources`, with the default bounds (50 overall,
    /// 20 per source).
    pub fn new(store: Arc<dyn SnapshotStore>, sources: Sources) -> Runner {
        Runner {
            store,
            sources: Arc::new(sources),
            concurrency: 50,
            per_source_concurrency: 20,
            observers: Observers {
                progress: Arc::new(NoProgress),
                metrics: None,
                exports: None,
            },
        }
    }

    /// Device fetches in flight at most, overall (at least 1).
    pub fn concurrency(mut self, n: usize) -> Runner {
        self.concurrency = n.max(1);
        self
    }

    /// Device fetches in flight at most per (tenant, source) (at least 1). A service's own
    /// `max_concurrency` also applies: the smallest bound wins.
    pub fn per_source_concurrency(mut self, n: usize) -> Runner {
        self.per_source_concurrency = n.max(1);
        self
    }

    /// Records `nbi_fleet_devices` and `nbi_fleet_run_duration_seconds` into `metrics`.
    pub fn metrics(mut self, metrics: Metrics) -> Runner {
        self.observers.metrics = Some(metrics);
        self
    }

    /// Mirrors each fetched text into `exports` and ends each run there (a git commit).
    pub fn exports(mut self, exports: Arc<Exports>) -> Runner {
        self.observers.exports = (!exports.is_empty()).then_some(exports);
        self
    }

    /// Reports each recorded result to `progress`.
    pub fn progress(mut self, progress: Arc<dyn Progress>) -> Runner {
        self.observers.progress = progress;
        self
    }

    /// Backs up `devices` in a new run, or, with `resume`, fetches those of them that have no
    /// result in that run yet. Returns when every device has a result or `cancel` fires.
    ///
    /// A device whose source is unknown is a [`ErrorKind::Usage`] error before anything is
    /// fetched; a store failure stops the run with that error (recorded results stay).
    pub async fn run(
        &self,
        devices: &[DeviceRef],
        resume: Option<RunId>,
        cancel: CancellationToken,
    ) -> Result<RunReport> {
        let started = Instant::now();
        self.check_sources(devices)?;
        let (run, todo, previous) = self.prepare(devices, resume).await?;
        self.observers.progress.started(run, todo.len() as u64);

        let (sender, receiver) = mpsc::channel(RESULT_BUFFER);
        let writer = self.spawn_writer(run, receiver)?;
        let mut workers = self.spawn_workers(todo, sender, &cancel)?;
        while let Some(joined) = workers.join_next().await {
            if let Err(e) = joined
                && e.is_panic()
            {
                std::panic::resume_unwind(e.into_panic());
            }
        }
        let tally = writer.await.map_err(|_| {
            Error::new(ErrorKind::Store, "the result writer stopped unexpectedly")
        })??;

        let elapsed = started.elapsed();
        let totals = RunTotals {
            devices: previous.devices.max(devices.len() as u64),
            requests: previous.requests + tally.requests,
            retries: previous.retries + tally.retries,
        };
        let summary = self
            .blocking(move |store| {
                store.finish_run(run, SystemTime::now(), totals)?;
                store.run(run)
            })
            .await?;
        if let Some(metrics) = &self.observers.metrics {
            metrics.fleet_run(elapsed);
        }
        let mut report = RunReport {
            run_id: run.0,
            devices: totals.devices,
            changed: summary.counts.changed,
            unchanged: summary.counts.unchanged,
            failed: summary.counts.failed,
            requests: totals.requests,
            retries: totals.retries,
            duration_s: elapsed.as_secs_f64(),
            interrupted: false,
        };
        report.interrupted = cancel.is_cancelled() && report.missing() > 0;
        if let Some(exports) = self.observers.exports.clone() {
            let line = report.counts_line();
            self.blocking(move |_| exports.finish_run(run, &line))
                .await?;
        }
        Ok(report)
    }

    /// Starts each source's workers, all sharing one global bound. `results` is moved in so
    /// the channel closes when the last worker ends.
    fn spawn_workers(
        &self,
        todo: Vec<DeviceRef>,
        results: mpsc::Sender<fetch::Completed>,
        cancel: &CancellationToken,
    ) -> Result<JoinSet<()>> {
        let mut workers = JoinSet::new();
        let global = Arc::new(Semaphore::new(self.concurrency));
        for ((tenant, source), queue) in group_by_source(todo) {
            let entry = self
                .sources
                .get(&tenant, &source)
                .cloned()
                .ok_or_else(|| unknown_source(&tenant, &source))?;
            let width = self
                .per_source_concurrency
                .min(entry.max_concurrency)
                .min(queue.len());
            let worker = Worker {
                entry,
                queue: Arc::new(Mutex::new(queue)),
                global: Arc::clone(&global),
                results: results.clone(),
                cancel: cancel.clone(),
            };
            for _ in 0..width {
                workers.spawn(worker.clone().run());
            }
        }
        Ok(workers)
    }

    /// Refuses a run whose devices name a source that was not built.
    fn check_sources(&self, devices: &[DeviceRef]) -> Result<()> {
        match devices
            .iter()
            .find(|d| self.sources.get(d.tenant(), d.source()).is_none())
        {
            Some(d) => Err(unknown_source(d.tenant(), d.source())),
            None => Ok(()),
        }
    }

    /// The run to record into, the devices still to fetch, and what the run already counted.
    async fn prepare(
        &self,
        devices: &[DeviceRef],
        resume: Option<RunId>,
    ) -> Result<(RunId, Vec<DeviceRef>, RunTotals)> {
        let Some(run) = resume else {
            let run = self
                .blocking(|store| store.begin_run(SystemTime::now()))
                .await?;
            return Ok((run, devices.to_vec(), RunTotals::default()));
        };
        let candidates: Vec<StoreDevice> = devices.iter().map(StoreDevice::from).collect();
        let (previous, missing) = self
            .blocking(move |store| {
                let previous = store.run(run)?.totals;
                Ok((previous, store.devices_without_result(run, &candidates)?))
            })
            .await?;
        let missing: HashSet<StoreDevice> = missing.into_iter().collect();
        let todo = devices
            .iter()
            .filter(|d| missing.contains(&StoreDevice::from(*d)))
            .cloned()
            .collect();
        Ok((run, todo, previous))
    }

    /// Starts the thread that records results. A thread of its own rather than a blocking
    /// task: it lives as long as the run, and a long-lived blocking task would also keep a
    /// paused test clock from advancing.
    fn spawn_writer(
        &self,
        run: RunId,
        receiver: mpsc::Receiver<fetch::Completed>,
    ) -> Result<oneshot::Receiver<Result<record::Tally>>> {
        let (done, finished) = oneshot::channel();
        let store = Arc::clone(&self.store);
        let observers = self.observers.clone();
        std::thread::Builder::new()
            .name("nbi-fleet-store".to_owned())
            .spawn(move || {
                // The runner may have given up waiting (cancelled future): nothing to tell.
                let _ = done.send(record_all(&*store, run, receiver, &observers));
            })
            .map_err(|e| {
                Error::new(ErrorKind::Store, "cannot start the result writer").with_source(e)
            })?;
        Ok(finished)
    }

    /// Runs a store call off the async threads.
    async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&dyn SnapshotStore) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || call(&*store))
            .await
            .map_err(|e| {
                Error::new(ErrorKind::Store, "a store call stopped unexpectedly").with_source(e)
            })?
    }
}

/// The devices grouped by (tenant, source), groups in order of first appearance.
fn group_by_source(devices: Vec<DeviceRef>) -> Vec<((String, String), VecDeque<DeviceRef>)> {
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    let mut groups: Vec<((String, String), VecDeque<DeviceRef>)> = Vec::new();
    for device in devices {
        let key = (device.tenant().to_owned(), device.source().to_owned());
        let slot = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, VecDeque::new()));
            groups.len() - 1
        });
        groups[slot].1.push_back(device);
    }
    groups
}

fn unknown_source(tenant: &str, source: &str) -> Error {
    Error::new(
        ErrorKind::Usage,
        format!("no config source {tenant}/{source} (is [tenants.{tenant}.{source}] configured?)"),
    )
}
