//! `nbi fleet backup`: one run over the inventory (or part of it).

use std::path::PathBuf;
use std::sync::Arc;

use nbi_core::Transports;
use nbi_fleet::{
    DeviceRef, Exports, Progress, RunId, RunReport, Runner, SnapshotStore, Sources, SqliteStore,
};
use tokio_util::sync::CancellationToken;

use super::progress::progress_for;
use super::{Fleet, failure_lines};
use crate::args::BackupArgs;
use crate::cmd::Context;
use crate::cmd::signal::{cancel_on_stop_signal, runtime};
use crate::exit::{Outcome, UsageError};
use crate::output::Output;

/// Failures listed after a backup; the rest are in `nbi fleet status` and the report.
const FAILURES_SHOWN: usize = 20;

pub(super) fn run(fleet: &Fleet, args: BackupArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let concurrency = args.concurrency.unwrap_or(fleet.fleet.concurrency);
    if concurrency == 0 {
        return Err(UsageError("--concurrency: must be at least 1".into()).into());
    }
    runtime()?.block_on(async {
        let transports = Transports::new(fleet.settings.clone());
        let plan = BackupPlan {
            devices: select_devices(fleet, &args, &transports).await?,
            store: fleet.store_path.clone(),
            concurrency,
            per_source_concurrency: fleet.fleet.per_source_concurrency,
            resume: args.resume.map(RunId),
            exports: true,
        };
        let progress = progress_for(&ctx.output, plan.devices.len());
        let cancel = cancel_on_stop_signal();
        let result = backup_once(fleet, &transports, &plan, progress, cancel).await;
        // Sessions end whatever happened; a logout failure is only logged.
        let _ = transports.shutdown().await;
        let report = result?;
        print_report(&report, &plan.store, &ctx.output)?;
        Ok(outcome(&report))
    })
}

/// The exit status of a run: 130 interrupted, 1 when any device failed.
pub(crate) fn outcome(report: &RunReport) -> Outcome {
    if report.interrupted {
        Outcome::Interrupted
    } else if report.all_succeeded() {
        Outcome::Success
    } else {
        Outcome::Failed
    }
}

/// The inventory narrowed by `--tenant` and `--device`.
async fn select_devices(
    fleet: &Fleet,
    args: &BackupArgs,
    transports: &Transports,
) -> anyhow::Result<Vec<DeviceRef>> {
    let inventory = fleet.inventory(transports).await?;
    if inventory.devices.is_empty() {
        return Err(UsageError(
            "the inventory is empty: add [[fleet.devices]], inventory = \"devices.csv\" or [fleet.inventory.netbox] under [fleet]".into(),
        )
        .into());
    }
    if let Some(missing) = args.device.iter().find(|d| !inventory.contains(d)) {
        return Err(UsageError(format!("--device {missing}: not in the inventory")).into());
    }
    let devices: Vec<DeviceRef> = inventory
        .devices
        .into_iter()
        .filter(|d| args.tenant.as_deref().is_none_or(|t| d.tenant() == t))
        .filter(|d| args.device.is_empty() || args.device.contains(d))
        .collect();
    if devices.is_empty() {
        let tenant = args.tenant.as_deref().unwrap_or_default();
        return Err(UsageError(format!("--tenant {tenant}: no devices in the inventory")).into());
    }
    Ok(devices)
}

/// What one backup run covers.
#[derive(Debug, Clone)]
pub(crate) struct BackupPlan {
    pub(crate) devices: Vec<DeviceRef>,
    pub(crate) store: PathBuf,
    pub(crate) concurrency: usize,
    pub(crate) per_source_concurrency: usize,
    pub(crate) resume: Option<RunId>,
    /// Whether `[fleet] export` outputs are written too.
    pub(crate) exports: bool,
}

/// Runs one backup: opens the store as its only writer, builds the sources and the
/// outputs, and runs until every device has a result or `cancel` fires.
pub(crate) async fn backup_once(
    fleet: &Fleet,
    transports: &Transports,
    plan: &BackupPlan,
    progress: Arc<dyn Progress>,
    cancel: CancellationToken,
) -> anyhow::Result<RunReport> {
    let sources = Sources::from_settings(transports, &plan.devices)?;
    let exports = match plan.exports {
        true => Exports::from_settings(fleet.fleet.export.as_ref(), &fleet.settings.base_dir)?,
        false => Exports::default(),
    };
    let store: Arc<dyn SnapshotStore> = Arc::new(SqliteStore::open_for_backup(&plan.store)?);
    let runner = Runner::new(store, sources)
        .concurrency(plan.concurrency)
        .per_source_concurrency(plan.per_source_concurrency)
        .metrics(transports.metrics().clone())
        .progress(progress)
        .exports(Arc::new(exports));
    Ok(runner.run(&plan.devices, plan.resume, cancel).await?)
}

/// Prints a run's summary: one JSON document, or a line and the first failures.
pub(crate) fn print_report(
    report: &RunReport,
    store: &std::path::Path,
    output: &Output,
) -> anyhow::Result<()> {
    if output.is_json() {
        output.json(report)?;
        return Ok(());
    }
    let mut text = report.summary_line();
    if report.failed > 0 {
        let failures = SqliteStore::open(store)?.failures(report.run())?;
        text.push_str("\nfailed:\n");
        text.push_str(&failure_lines(
            &failures,
            FAILURES_SHOWN,
            "(`nbi fleet status`)",
        ));
        text.truncate(text.trim_end().len());
    }
    if report.interrupted {
        text.push_str(&format!(
            "\ninterrupted: `nbi fleet backup --resume {}` fetches the {} devices left",
            report.run_id,
            report.missing()
        ));
    }
    output.text(&text)?;
    Ok(())
}
