//! Building a large store directly through the store API, as backups would have.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use anyhow::bail;
use nbi_fleet::{Outcome, Recorded, RunTotals, SnapshotStore, SqliteStore, StoreDevice};

use crate::client::{SOURCE, TENANT, device_id};
use crate::texts::ConfigTexts;

/// Fixed so that every run builds the same store.
const TEXT_SEED: u64 = 17;

/// How the build went.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Built {
    pub(crate) elapsed: Duration,
    pub(crate) records: u64,
}

/// Writes `versions` runs of `devices` devices into a new store at `path`; every device's
/// text changes in every run. Gives up after `limit`.
pub(crate) fn build_store(
    path: &Path,
    devices: usize,
    versions: u32,
    limit: Duration,
) -> anyhow::Result<Built> {
    let started = Instant::now();
    let texts = ConfigTexts::new(TEXT_SEED);
    let store = SqliteStore::open_for_backup(path)?;
    let mut records = 0;
    for run_number in 1..=versions {
        let run = store.begin_run(SystemTime::now())?;
        for index in 0..devices {
            if index % 1000 == 0 && started.elapsed() > limit {
                bail!(
                    "building the store took over {} s; stopped",
                    limit.as_secs()
                );
            }
            let id = device_id(index);
            let text = texts.text(index, &id, run_number);
            let raw = ConfigTexts::envelope(&id, &text);
            let outcome = Outcome::Fetched {
                raw: &raw,
                normalized: &text,
                attempts: 1,
                elapsed: Duration::from_millis(5),
            };
            let recorded = store.record(run, &StoreDevice::new(TENANT, SOURCE, id), &outcome)?;
            if recorded
                != (Recorded::Changed {
                    version: run_number,
                })
            {
                bail!(
                    "device {index} in run {run_number}: recorded {recorded:?}, expected a new version"
                );
            }
            records += 1;
        }
        let totals = RunTotals {
            devices: devices as u64,
            requests: devices as u64,
            retries: 0,
        };
        store.finish_run(run, SystemTime::now(), totals)?;
    }
    // Closing the store checkpoints its write-ahead log into the file.
    drop(store);
    Ok(Built {
        elapsed: started.elapsed(),
        records,
    })
}
