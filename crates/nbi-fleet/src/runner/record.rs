//! The one task that writes results into the store, in arrival order, so memory stays flat
//! whatever the fleet's size.

use std::sync::Arc;

use nbi_core::Metrics;
use tokio::sync::mpsc;

use super::fetch::Completed;
use super::progress::Progress;
use crate::store::{Outcome, Recorded, RunId, SnapshotStore, StoreDevice};
use crate::{Exports, Result};

/// What this invocation's results added up to.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tally {
    pub(crate) recorded: u64,
    pub(crate) requests: u64,
    pub(crate) retries: u64,
}

/// Where each recorded result is also reported.
#[derive(Clone, Debug)]
pub(crate) struct Observers {
    pub(crate) progress: Arc<dyn Progress>,
    pub(crate) metrics: Option<Metrics>,
    pub(crate) exports: Option<Arc<Exports>>,
}

/// Records every result until the workers are done. A store error stops the run: the
/// receiver is dropped, so the workers stop too, and what was recorded stays (flushed).
pub(crate) fn record_all(
    store: &dyn SnapshotStore,
    run: RunId,
    mut results: mpsc::Receiver<Completed>,
    observers: &Observers,
) -> Result<Tally> {
    let mut tally = Tally::default();
    while let Some(done) = results.blocking_recv() {
        let recorded = match record_one(store, run, &done, observers.exports.as_deref()) {
            Ok(recorded) => recorded,
            Err(e) => {
                results.close();
                store.flush()?;
                return Err(e);
            }
        };
        tally.recorded += 1;
        tally.requests += u64::from(done.attempts);
        tally.retries += u64::from(done.attempts.saturating_sub(1));
        if let Some(metrics) = &observers.metrics {
            metrics.fleet_device(done.device.tenant(), outcome_name(&recorded));
        }
        observers.progress.recorded(&done.device, &recorded);
    }
    store.flush()?;
    Ok(tally)
}

/// Records one result, then mirrors a fetched text into the extra outputs: the store is
/// the record of truth, so an output never holds what the store does not.
fn record_one(
    store: &dyn SnapshotStore,
    run: RunId,
    done: &Completed,
    exports: Option<&Exports>,
) -> Result<Recorded> {
    let device = StoreDevice::from(&done.device);
    let outcome = match &done.result {
        Ok(normalized) => Outcome::Fetched {
            raw: &normalized.raw,
            normalized: &normalized.text,
            attempts: done.attempts,
            elapsed: done.elapsed,
        },
        Err(failed) => Outcome::Failed {
            error_kind: failed.kind,
            message: &failed.message,
            attempts: done.attempts,
            elapsed: done.elapsed,
        },
    };
    let recorded = store.record(run, &device, &outcome)?;
    if let (Some(exports), Ok(normalized)) = (exports, &done.result) {
        exports.write(&device, &normalized.text)?;
    }
    Ok(recorded)
}

/// The `outcome` label of `nbi_fleet_devices`.
pub(crate) fn outcome_name(recorded: &Recorded) -> &'static str {
    match recorded {
        Recorded::Changed { .. } => "changed",
        Recorded::Unchanged { .. } => "unchanged",
        Recorded::Failed => "failed",
    }
}
