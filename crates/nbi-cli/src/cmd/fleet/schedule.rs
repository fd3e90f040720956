//! `nbi fleet schedule`: backups on a cron schedule, in the foreground, with `/metrics` and
//! `/healthz`, until SIGINT or SIGTERM.

use std::net::SocketAddr;
use std::sync::Arc;

use nbi_core::{SystemClock, Transports};
use nbi_fleet::NoProgress;
use nbi_fleet::schedule::{HealthServer, HealthState, JobReport, Schedule, run_schedule};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::{BackupPlan, Fleet, backup_once};
use crate::cmd::Context;
use crate::cmd::signal::{cancel_on_stop_signal, runtime};
use crate::exit::{Outcome, UsageError};
use crate::output::Output;

/// Where `/metrics` and `/healthz` listen unless `[settings.metrics] listen` says otherwise.
const DEFAULT_LISTEN: &str = "127.0.0.1:9464";

pub(super) fn run(fleet: &Fleet, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = fleet.fleet.schedule.as_ref().ok_or_else(|| {
        UsageError(
            "fleet.schedule: not set; add schedule = { cron = \"0 */6 * * *\", timezone = \"UTC\" } under [fleet]".into(),
        )
    })?;
    let schedule = Schedule::from_settings(settings)?;
    let listen: SocketAddr = match &fleet.settings.settings.metrics {
        Some(metrics) => metrics.listen,
        None => DEFAULT_LISTEN.parse()?,
    };
    let output = ctx.output;
    runtime()?.block_on(async move {
        let transports = Transports::new(fleet.settings.clone());
        // The inventory is read again before every run; a broken one is refused now, at start.
        fleet.inventory(&transports).await?;
        let health = HealthState::new(&schedule);
        let server = HealthServer::bind(listen).await?;
        let address = server.local_addr();
        let cancel = cancel_on_stop_signal();
        let serving = tokio::spawn(server.serve(
            transports.metrics().clone(),
            health.clone(),
            cancel.clone().cancelled_owned(),
        ));
        announce(&output, &schedule, address)?;
        let job = {
            let (fleet, transports, cancel) = (fleet.clone(), transports.clone(), cancel.clone());
            move || scheduled_run(fleet.clone(), transports.clone(), cancel.clone(), output)
        };
        let runs = run_schedule(
            &schedule,
            Arc::new(SystemClock),
            cancel.clone().cancelled_owned(),
            health,
            job,
        )
        .await?;
        cancel.cancel();
        if let Ok(Err(e)) = serving.await {
            tracing::warn!(target: "nbi::fleet::schedule", error = %e, "metrics server failed");
        }
        let _ = transports.shutdown().await;
        tracing::info!(target: "nbi::fleet::schedule", runs, "stopped");
        // Stopping is how a daemon ends: success.
        Ok(Outcome::Success)
    })
}

fn announce(output: &Output, schedule: &Schedule, address: SocketAddr) -> anyhow::Result<()> {
    let next = schedule
        .next_after(std::time::SystemTime::now())
        .map(super::rfc3339);
    if output.is_json() {
        output.json_line(&json!({
            "event": "listening",
            "schedule": schedule.to_string(),
            "metrics": format!("http://{address}/metrics"),
            "healthz": format!("http://{address}/healthz"),
            "next_run": next,
        }))?;
    } else {
        output.text(&format!(
            "backups on {schedule}; next at {}; metrics on http://{address}/metrics, health on http://{address}/healthz",
            next.as_deref().unwrap_or("never")
        ))?;
    }
    Ok(())
}

/// One scheduled backup over the inventory as it is now. Errors become the run's report:
/// the daemon keeps going, and `/healthz` shows them.
async fn scheduled_run(
    fleet: Fleet,
    transports: Transports,
    cancel: CancellationToken,
    output: Output,
) -> JobReport {
    let started = std::time::Instant::now();
    let result = async {
        let plan = BackupPlan {
            devices: fleet.inventory(&transports).await?.devices,
            store: fleet.store_path.clone(),
            concurrency: fleet.fleet.concurrency,
            per_source_concurrency: fleet.fleet.per_source_concurrency,
            resume: None,
            exports: true,
        };
        backup_once(&fleet, &transports, &plan, Arc::new(NoProgress), cancel).await
    }
    .await;
    match result {
        Ok(report) => {
            let printed = if output.is_json() {
                output.json_line(&report)
            } else {
                output.text(&report.summary_line())
            };
            if let Err(e) = printed {
                tracing::warn!(target: "nbi::fleet::schedule", error = %e, "could not print the summary");
            }
            JobReport {
                run_id: Some(report.run_id),
                ok: report.all_succeeded(),
                devices: report.devices,
                failed: report.failed,
                duration: report.duration(),
                error: None,
            }
        }
        Err(e) => {
            tracing::error!(target: "nbi::fleet::schedule", error = %format!("{e:#}"), "backup could not run");
            JobReport {
                run_id: None,
                ok: false,
                devices: 0,
                failed: 0,
                duration: started.elapsed(),
                error: Some(format!("{e:#}")),
            }
        }
    }
}
