//! `nbi fleet export --dir DIR [--run R]`: the store's texts written out as files.

use std::path::Path;

use super::dir::DirMirror;
use crate::Result;
use crate::store::{RunId, SnapshotStore, StoreDevice};

/// Writes each device's latest normalized text — or, with `run`, the version the device had
/// after that run — to `dir/tenant/source/id`. Devices with no version (every backup of them
/// failed, or they had none yet after `run`) are skipped. Returns how many device files the
/// folder now holds from this export (files already holding the right text are counted but not
/// rewritten). An unknown run is a `Usage` error.
pub fn export_dir(store: &dyn SnapshotStore, dir: &Path, run: Option<RunId>) -> Result<u64> {
    let wanted: Vec<(StoreDevice, u32)> = match run {
        Some(run) => store
            .results(run)?
            .into_iter()
            .filter_map(|result| Some((result.device, result.version?)))
            .collect(),
        None => {
            let mut latest = Vec::new();
            for device in store.devices()? {
                if let Some(version) = store.versions(&device)?.last().map(|v| v.version) {
                    latest.push((device, version));
                }
            }
            latest
        }
    };
    let mirror = DirMirror::new(dir)?;
    let mut exported = 0;
    for (device, version) in wanted {
        mirror.write(&device, &store.text(&device, Some(version))?)?;
        exported += 1;
    }
    Ok(exported)
}
