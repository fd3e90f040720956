//! Reading the history: `status`, `show`, `history`, `diff`.

use std::io::IsTerminal;

use nbi_fleet::{DeviceRef, DiffStat, RunSummary, SnapshotStore, StoreDevice, VersionInfo};
use serde_json::json;

use super::{Fleet, failure_lines, rfc3339};
use crate::cmd::Context;
use crate::exit::{Outcome, UsageError};

/// Failures listed per tenant by `status`.
const FAILURES_PER_TENANT: usize = 10;

/// The last run of each tenant, with counts and failures.
pub(super) fn status(fleet: &Fleet, ctx: &Context) -> anyhow::Result<Outcome> {
    let store = fleet.open_store()?;
    let tenants = store.last_run_per_tenant()?;
    let mut docs = Vec::new();
    let mut text = String::new();
    if tenants.is_empty() {
        text.push_str("no runs yet: `nbi fleet backup` makes the first\n");
    } else {
        text.push_str(&format!(
            "{:<16} {:>5}  {:<20}  {:>8} {:>9} {:>6}\n",
            "TENANT", "RUN", "STARTED", "CHANGED", "UNCHANGED", "FAILED"
        ));
    }
    let mut failure_text = String::new();
    for tenant in &tenants {
        let failures: Vec<_> = store
            .failures(tenant.run.id)?
            .into_iter()
            .filter(|f| f.device.tenant == tenant.tenant)
            .collect();
        text.push_str(&format!(
            "{:<16} {:>5}  {:<20}  {:>8} {:>9} {:>6}\n",
            tenant.tenant,
            tenant.run.id,
            rfc3339(tenant.run.started_at),
            tenant.counts.changed,
            tenant.counts.unchanged,
            tenant.counts.failed
        ));
        failure_text.push_str(&failure_lines(
            &failures,
            FAILURES_PER_TENANT,
            &format!("of {}", tenant.tenant),
        ));
        docs.push(json!({
            "tenant": tenant.tenant,
            "run": run_json(&tenant.run),
            "changed": tenant.counts.changed,
            "unchanged": tenant.counts.unchanged,
            "failed": tenant.counts.failed,
            "failures": failures.iter().map(|f| json!({
                "device": f.device.to_string(),
                "error_kind": f.error_kind,
                "message": f.message,
                "attempts": f.attempts,
            })).collect::<Vec<_>>(),
        }));
    }
    if ctx.output.is_json() {
        ctx.output.json(&json!({ "tenants": docs }))?;
    } else {
        if !failure_text.is_empty() {
            text.push_str("failures:\n");
            text.push_str(&failure_text);
        }
        ctx.output.text(&text)?;
    }
    Ok(Outcome::Success)
}

fn run_json(run: &RunSummary) -> serde_json::Value {
    json!({
        "id": run.id.0,
        "started_at": rfc3339(run.started_at),
        "finished_at": run.finished_at.map(rfc3339),
    })
}

/// A device's configuration text.
pub(super) fn show(
    fleet: &Fleet,
    device: &DeviceRef,
    version: Option<u32>,
    ctx: &Context,
) -> anyhow::Result<Outcome> {
    let store = fleet.open_store()?;
    let device = StoreDevice::from(device);
    let text = store.text(&device, version)?;
    if ctx.output.is_json() {
        let version = match version {
            Some(v) => v,
            None => latest(&store.versions(&device)?)?.version,
        };
        ctx.output.json(&json!({
            "device": device.to_string(),
            "version": version,
            "text": text,
        }))?;
    } else {
        // The text exactly as stored: it already ends in one newline.
        ctx.output.raw(&text)?;
    }
    Ok(Outcome::Success)
}

/// A device's versions, oldest first.
pub(super) fn history(fleet: &Fleet, device: &DeviceRef, ctx: &Context) -> anyhow::Result<Outcome> {
    let store = fleet.open_store()?;
    let versions = store.versions(&StoreDevice::from(device))?;
    if ctx.output.is_json() {
        let docs: Vec<_> = versions
            .iter()
            .map(|v| {
                json!({
                    "version": v.version,
                    "first_seen_at": rfc3339(v.first_seen_at),
                    "first_seen_run": v.first_seen_run.map(|r| r.0),
                    "size": v.size,
                    "sha256": v.sha256,
                })
            })
            .collect();
        ctx.output
            .json(&json!({ "device": device.to_string(), "versions": docs }))?;
        return Ok(Outcome::Success);
    }
    let mut text = format!(
        "{:>7}  {:<20}  {:>5}  {:>8}  {}\n",
        "VERSION", "FIRST SEEN", "RUN", "BYTES", "SHA256"
    );
    for v in &versions {
        let run = v.first_seen_run.map_or("-".to_owned(), |r| r.to_string());
        text.push_str(&format!(
            "{:>7}  {:<20}  {:>5}  {:>8}  {}\n",
            v.version,
            rfc3339(v.first_seen_at),
            run,
            v.size,
            &v.sha256[..v.sha256.len().min(12)]
        ));
    }
    ctx.output.text(&text)?;
    Ok(Outcome::Success)
}

/// A unified diff between two versions; by default the last two.
pub(super) fn diff(
    fleet: &Fleet,
    device: &DeviceRef,
    (from, to): (Option<u32>, Option<u32>),
    exit_code: bool,
    ctx: &Context,
) -> anyhow::Result<Outcome> {
    let store = fleet.open_store()?;
    let sd = StoreDevice::from(device);
    let versions = store.versions(&sd)?;
    let to = match to {
        Some(v) => v,
        None => latest(&versions)?.version,
    };
    let from = match from {
        Some(v) => v,
        None if to > 1 => to - 1,
        None => {
            return Err(UsageError(format!(
                "{device} has only version 1: nothing to compare it with"
            ))
            .into());
        }
    };
    let (old, new) = (store.text(&sd, Some(from))?, store.text(&sd, Some(to))?);
    let diff = nbi_fleet::unified_diff(
        &old,
        &new,
        &format!("{device}@{from}"),
        &format!("{device}@{to}"),
        3,
    );
    let stat = DiffStat::between(&old, &new);
    if ctx.output.is_json() {
        ctx.output.json(&json!({
            "device": device.to_string(),
            "from": from,
            "to": to,
            "added": stat.added,
            "removed": stat.removed,
            "diff": diff,
        }))?;
    } else if std::io::stdout().is_terminal() {
        ctx.output.raw(&nbi_fleet::colorize(&diff))?;
    } else {
        ctx.output.raw(&diff)?;
    }
    Ok(if exit_code && !diff.is_empty() {
        Outcome::Failed
    } else {
        Outcome::Success
    })
}

fn latest(versions: &[VersionInfo]) -> anyhow::Result<&VersionInfo> {
    versions
        .last()
        .ok_or_else(|| UsageError("the device has no stored version yet".into()).into())
}
