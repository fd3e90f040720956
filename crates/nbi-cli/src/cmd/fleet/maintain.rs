//! Looking after the store and its outputs: `export`, `report`, `prune`, `renormalize`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::Path;

use anyhow::Context as _;
use nbi_fleet::source::normalizer_for;
use nbi_fleet::{Normalizer, ReportOptions, RunId, SnapshotStore, StoreDevice};
use serde_json::json;

use super::{Fleet, shown};
use crate::cmd::Context;
use crate::exit::Outcome;

/// Writes each device's latest (or a run's) text to `dir/tenant/source/id`.
pub(super) fn export(
    fleet: &Fleet,
    dir: &Path,
    run: Option<u64>,
    ctx: &Context,
) -> anyhow::Result<Outcome> {
    let store = fleet.open_store()?;
    let written = nbi_fleet::export_dir(&store, dir, run.map(RunId))?;
    if ctx.output.is_json() {
        ctx.output
            .json(&json!({ "dir": shown(dir), "run": run, "devices": written }))?;
    } else {
        ctx.output
            .text(&format!("exported {written} devices to {}", shown(dir)))?;
    }
    Ok(Outcome::Success)
}

/// Writes the HTML report.
pub(super) fn report(
    fleet: &Fleet,
    html: &Path,
    runs: u32,
    ctx: &Context,
) -> anyhow::Result<Outcome> {
    let store = fleet.open_store()?;
    write_report(&store, html, runs)?;
    if ctx.output.is_json() {
        ctx.output.json(&json!({ "html": shown(html) }))?;
    } else {
        ctx.output.text(&format!("wrote {}", shown(html)))?;
    }
    Ok(Outcome::Success)
}

/// Renders the report of `store`'s latest `runs` runs into `html`.
pub(crate) fn write_report(
    store: &dyn SnapshotStore,
    html: &Path,
    runs: u32,
) -> anyhow::Result<()> {
    let options = ReportOptions {
        runs,
        ..ReportOptions::default()
    };
    let page = nbi_fleet::render_html(store, &options)?;
    std::fs::write(html, page).with_context(|| format!("could not write {}", shown(html)))
}

/// Applies `retention.keep_versions` and compacts the store.
pub(super) fn prune(fleet: &Fleet, ctx: &Context) -> anyhow::Result<Outcome> {
    let store = fleet.open_store_for_writing()?;
    let keep = fleet.fleet.retention.keep_versions;
    let report = store.prune(keep)?;
    if ctx.output.is_json() {
        ctx.output.json(&json!({
            "keep_versions": keep,
            "versions_removed": report.versions_removed,
            "blobs_removed": report.blobs_removed,
            "raw_blobs_removed": report.raw_blobs_removed,
            "bytes_before": report.bytes_before,
            "bytes_after": report.bytes_after,
        }))?;
    } else {
        ctx.output.text(&format!(
            "kept {keep} versions per device: removed {} versions, {} blobs, {} raw bodies; {} → {} bytes",
            report.versions_removed,
            report.blobs_removed,
            report.raw_blobs_removed,
            report.bytes_before,
            report.bytes_after
        ))?;
    }
    Ok(Outcome::Success)
}

/// Re-applies each source's current normalization rules to the stored raw bodies.
pub(super) fn renormalize(fleet: &Fleet, ctx: &Context) -> anyhow::Result<Outcome> {
    let store = fleet.open_store_for_writing()?;
    // Rules are compiled once per (tenant, source); a bad rule fails before anything changes.
    let normalizers: RefCell<HashMap<(String, String), Normalizer>> = RefCell::default();
    let normalize = |device: &StoreDevice, raw: &[u8]| -> nbi_fleet::Result<String> {
        let mut cache = normalizers.borrow_mut();
        let normalizer = match cache.entry((device.tenant.clone(), device.source.clone())) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => entry.insert(normalizer_for(
                &fleet.settings,
                &device.tenant,
                &device.source,
            )?),
        };
        normalizer.normalize(raw)
    };
    let changed = store.renormalize(&normalize)?;
    if ctx.output.is_json() {
        ctx.output.json(&json!({ "changed": changed }))?;
    } else {
        ctx.output.text(&format!(
            "{changed} devices got a new version under today's rules"
        ))?;
    }
    Ok(Outcome::Success)
}
