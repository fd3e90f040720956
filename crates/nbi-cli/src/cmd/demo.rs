//! `nbi demo`: simulators in-process, a 3-tenant fleet backed up twice with real changes in
//! between, both summaries, one diff and an HTML report.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use nbi_core::{LoadOptions, Operation, OperationClass, RequestSpec, Settings, Transports};
use nbi_fleet::{FleetSettings, Recorded, RunReport, SnapshotStore, SqliteStore, StoreDevice};
use nbi_sim::{AuthMode, FaultConfig, Service, SimConfig, SimHandle};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::Context;
use super::fleet::{BackupPlan, Fleet, backup_once, maintain, outcome, progress_for};
use super::signal::{cancel_on_stop_signal, runtime};
use super::sim_config;
use crate::args::DemoArgs;
use crate::exit::{Outcome, UsageError};
use crate::output::Output;

const TENANTS: usize = 3;
const CHANGE_DEVICE: Operation = Operation::new("change_device", OperationClass::UPDATE);

pub(crate) fn run(args: DemoArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    if args.devices == 0 {
        return Err(UsageError("--devices: must be at least 1".into()).into());
    }
    runtime()?.block_on(demo(args, ctx.output))
}

async fn demo(args: DemoArgs, output: Output) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let store = args.dir.join("nbi-demo.db");
    let html = args.dir.join("nbi-demo.html");
    remove_store(&store)?;
    let sim = nbi_sim::spawn(sim_config(&args))
        .await
        .context("could not start the simulators")?;
    // The settings the simulators need live in a temporary folder: secrets as files there.
    let scratch = tempfile::tempdir().context("could not create a temporary folder")?;
    let settings_file = scratch.path().join("nbi.toml");
    sim_config::write(&settings_file, &sim, args.devices)
        .await
        .context("could not write the demo settings")?;
    let settings = Settings::load(
        &LoadOptions::new()
            .file(&settings_file)
            .search_cwd(false)
            .use_env(false),
    )?
    .settings;
    let fleet = Fleet {
        settings: settings.clone(),
        fleet: FleetSettings::default(),
        store_path: store.clone(),
    };
    let transports = Transports::new(settings);
    let plan = BackupPlan {
        devices: fleet.inventory(&transports).await?.devices,
        store: store.clone(),
        concurrency: fleet.fleet.concurrency,
        per_source_concurrency: fleet.fleet.per_source_concurrency,
        resume: None,
        exports: false,
    };
    let cancel = cancel_on_stop_signal();
    say(
        &output,
        &format!(
            "nbi demo: {} devices of {TENANTS} tenants (bearer, OAuth2, JWT login) on simulated NMSes over HTTPS, with a few percent of 503s, 429s, resets and cut bodies",
            plan.devices.len()
        ),
    );

    let first = backup(&fleet, &transports, &plan, &output, cancel.clone()).await?;
    say(&output, &format!("first backup:  {}", first.summary_line()));
    if first.interrupted {
        return Ok(Outcome::Interrupted);
    }
    let changed = change_devices(&transports, &sim, &args).await?;
    say(
        &output,
        &format!("changed {} device configs on the simulators", changed.len()),
    );
    let second = backup(&fleet, &transports, &plan, &output, cancel).await?;
    say(
        &output,
        &format!("second backup: {}", second.summary_line()),
    );
    let _ = transports.shutdown().await;
    sim.shutdown().await;

    let reader = SqliteStore::open(&store)?;
    let diff = first_diff(&reader, &second)?;
    maintain::write_report(&reader, &html, 20)?;
    finish(&output, [&first, &second], diff, (&store, &html), started)?;
    Ok(match (outcome(&first), outcome(&second)) {
        (Outcome::Success, Outcome::Success) => Outcome::Success,
        (Outcome::Interrupted, _) | (_, Outcome::Interrupted) => Outcome::Interrupted,
        _ => Outcome::Failed,
    })
}

fn sim_config(args: &DemoArgs) -> SimConfig {
    SimConfig {
        services: vec![Service::Nms],
        tenants: TENANTS,
        devices: args.devices,
        // Every fault here is one the transport recovers from: no stalls.
        faults: FaultConfig {
            latency_ms: 2,
            jitter_ms: 6,
            fail_rate: 0.02,
            // A 429 pauses the whole tenant for its Retry-After (a server quota): kept rare.
            throttle_rate: 0.002,
            reset_rate: 0.005,
            truncate_rate: 0.005,
            token_uses: Some(250),
            ..FaultConfig::default()
        },
        auth: AuthMode::Default,
        seed: args.seed,
        https: true,
        bench: false,
    }
}

/// A fresh store each time, so the demo always shows runs 1 and 2.
fn remove_store(store: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = store.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(&name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(e).with_context(|| format!("could not remove {}", store.display()));
            }
        }
    }
    Ok(())
}

async fn backup(
    fleet: &Fleet,
    transports: &Transports,
    plan: &BackupPlan,
    output: &Output,
    cancel: CancellationToken,
) -> anyhow::Result<RunReport> {
    let progress = progress_for(output, plan.devices.len());
    backup_once(fleet, transports, plan, progress, cancel).await
}

/// Changes the configs of `--changes` devices spread over the tenants, through the
/// simulators' admin route. Returns the devices changed.
async fn change_devices(
    transports: &Transports,
    sim: &SimHandle,
    args: &DemoArgs,
) -> anyhow::Result<BTreeSet<StoreDevice>> {
    let mut changed = BTreeSet::new();
    for i in 0..args.changes {
        let endpoint = &sim.endpoints()[i % sim.endpoints().len()];
        // A stride co-prime with most fleet sizes spreads the picks over the ids.
        let id = format!("r{:04}", (i * 37) % args.devices + 1);
        let transport = transports.transport(&endpoint.tenant, endpoint.service.as_str())?;
        let spec = RequestSpec::post(CHANGE_DEVICE, "/_sim/devices/{tenant}/{id}/change")
            .path_param("tenant", &endpoint.tenant)
            .path_param("id", &id);
        transport
            .send(spec)
            .await
            .with_context(|| format!("could not change {}/{id}", endpoint.tenant))?;
        changed.insert(StoreDevice::new(
            &endpoint.tenant,
            endpoint.service.as_str(),
            id,
        ));
    }
    Ok(changed)
}

/// The diff of the first device that changed in the second run.
fn first_diff(
    store: &SqliteStore,
    second: &RunReport,
) -> anyhow::Result<Option<(StoreDevice, String)>> {
    let results = store.results(second.run())?;
    let Some((device, version)) = results.iter().find_map(|r| match r.recorded {
        Recorded::Changed { version } if version > 1 => Some((r.device.clone(), version)),
        _ => None,
    }) else {
        return Ok(None);
    };
    let old = store.text(&device, Some(version - 1))?;
    let new = store.text(&device, Some(version))?;
    let diff = nbi_fleet::unified_diff(
        &old,
        &new,
        &format!("{device}@{}", version - 1),
        &format!("{device}@{version}"),
        2,
    );
    Ok(Some((device, diff)))
}

fn finish(
    output: &Output,
    runs: [&RunReport; 2],
    diff: Option<(StoreDevice, String)>,
    (store, html): (&Path, &Path),
    started: Instant,
) -> anyhow::Result<()> {
    let elapsed = started.elapsed().as_secs_f64();
    if output.is_json() {
        output.json(&json!({
            "runs": runs,
            "diff": diff.as_ref().map(|(device, diff)| json!({"device": device.to_string(), "diff": diff})),
            "store": store.display().to_string(),
            "report": html.display().to_string(),
            "duration_s": elapsed,
        }))?;
        return Ok(());
    }
    let mut text = String::new();
    if let Some((device, diff)) = &diff {
        text.push_str(&format!("\none of the changes ({device}):\n"));
        if std::io::stdout().is_terminal() {
            text.push_str(&nbi_fleet::colorize(diff));
        } else {
            text.push_str(diff);
        }
    }
    let example = diff
        .as_ref()
        .map_or("tenant-1/nms/r0001".to_owned(), |(d, _)| d.to_string());
    text.push_str(&format!(
        "\nwrote {} and {} in {elapsed:.1} s. Explore the store:\n  nbi --set fleet.store={} fleet status\n  nbi --set fleet.store={} fleet history {example}\n  nbi --set fleet.store={} fleet diff {example}\n",
        store.display(),
        html.display(),
        store.display(),
        store.display(),
        store.display(),
    ));
    output.text(&text)?;
    Ok(())
}

/// A progress line for people; JSON output stays one document.
fn say(output: &Output, line: &str) {
    if !output.is_json() {
        let _ = output.text(line);
    }
}
