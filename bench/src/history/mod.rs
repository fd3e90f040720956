//! Reading a large store: `history` (open + versions) and `diff` (open + versions + two
//! texts + a unified diff) of random devices, through the library and through the `nbi`
//! binary end to end.

mod build;
mod cli;

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::ensure;
use nbi_fleet::{SnapshotStore, SqliteStore, StoreDevice, unified_diff};
use serde_json::{Value, json};

use self::build::build_store;
use self::cli::time_nbi;
use crate::client::{SOURCE, TENANT, device_id};
use crate::report::{Measured, mib, round3};
use crate::sim::nbi_binary;
use crate::stats::{Summary, ms, store_bytes};

/// Each read this benchmark times aims under this.
const TARGET: Duration = Duration::from_millis(50);
/// Library samples per measure.
const LIBRARY_SAMPLES: usize = 20;
/// `nbi` invocations per command.
const CLI_SAMPLES: usize = 10;
/// The longest building the store may take.
const BUILD_LIMIT: Duration = Duration::from_secs(1800);
/// Fixed so that every run samples the same devices.
const PICK_SEED: u64 = 7;

/// The history benchmark's knobs.
#[derive(Debug, Clone, Copy)]
pub struct HistoryBench {
    /// Devices in the store.
    pub devices: usize,
    /// Versions of each device (one run each; at least 2, to have a diff).
    pub versions: u32,
}

/// Builds the store, then times the reads.
pub fn run(bench: HistoryBench) -> anyhow::Result<Measured> {
    ensure!(bench.devices > 0, "--devices: must be at least 1");
    ensure!(bench.versions >= 2, "--versions: must be at least 2");
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let built = build_store(&path, bench.devices, bench.versions, BUILD_LIMIT)?;
    let size = store_bytes(&path);
    eprintln!(
        "history: built {} versions in {:.1} s ({:.0} records/s), store {:.1} MiB",
        built.records,
        built.elapsed.as_secs_f64(),
        built.records as f64 / built.elapsed.as_secs_f64(),
        mib(size)
    );

    let mut rng = fastrand::Rng::with_seed(PICK_SEED);
    let picks: Vec<StoreDevice> = (0..LIBRARY_SAMPLES)
        .map(|_| StoreDevice::new(TENANT, SOURCE, device_id(rng.usize(0..bench.devices))))
        .collect();
    let (history, diff) = library_timings(&path, &picks, bench.versions)?;
    let cli = match nbi_binary() {
        Ok(nbi) => Some(cli_timings(&nbi, dir.path(), &path, &picks[0])?),
        Err(e) => {
            eprintln!("history: skipping the end-to-end timings: {e:#}");
            None
        }
    };

    let within = |s: &Summary| s.median <= TARGET && s.max <= TARGET;
    let mut all = vec![("library history", &history), ("library diff", &diff)];
    if let Some(cli) = &cli {
        all.extend([
            ("nbi fleet history", &cli.history),
            ("nbi fleet diff", &cli.diff),
        ]);
    }
    let missed: Vec<String> = all
        .iter()
        .filter(|(_, s)| !within(s))
        .map(|(name, s)| format!("{name} (max {:.1} ms)", ms(s.max)))
        .collect();
    let cli_json = cli.as_ref().map_or(Value::Null, |c| {
        json!({
            "device": picks[0].to_string(),
            "history": c.history.json(),
            "diff": c.diff.json(),
            "startup_nbi_version": c.startup.json(),
        })
    });
    let summary_of = |name: &str, s: &Summary| {
        format!(
            "{name} median {:.1} / max {:.1} ms",
            ms(s.median),
            ms(s.max)
        )
    };
    let mut summary = format!(
        "history: {} devices × {} versions, store {:.1} MiB; {}",
        bench.devices,
        bench.versions,
        mib(size),
        all.iter()
            .map(|(name, s)| summary_of(name, s))
            .collect::<Vec<_>>()
            .join("; ")
    );
    summary.push_str(&match missed.is_empty() {
        true => format!("; all under {} ms", TARGET.as_millis()),
        false => format!("; OVER {} ms: {}", TARGET.as_millis(), missed.join(", ")),
    });
    Ok(Measured {
        json: json!({
            "bench": "history",
            "devices": bench.devices,
            "versions": bench.versions,
            "build_s": round3(built.elapsed.as_secs_f64()),
            "build_records_per_s": round3(built.records as f64 / built.elapsed.as_secs_f64()),
            "store_mib": mib(size),
            "store_bytes_per_version": size / built.records.max(1),
            "library": {"history": history.json(), "diff": diff.json()},
            "cli": cli_json,
            "target_ms": TARGET.as_millis() as u64,
            "within_target": missed.is_empty(),
        }),
        summary,
    })
}

/// Library `history` and `diff` timings over `picks`, each from a freshly opened store (as
/// a command would).
fn library_timings(
    path: &Path,
    picks: &[StoreDevice],
    versions: u32,
) -> anyhow::Result<(Summary, Summary)> {
    let mut history = Vec::with_capacity(picks.len());
    let mut diff = Vec::with_capacity(picks.len());
    for device in picks {
        let started = Instant::now();
        let store = SqliteStore::open(path)?;
        let found = store.versions(device)?;
        history.push(started.elapsed());
        drop(store);
        ensure!(
            found.len() == versions as usize,
            "{device}: {} versions, expected {versions}",
            found.len()
        );

        let started = Instant::now();
        let store = SqliteStore::open(path)?;
        let latest = store.versions(device)?.last().map_or(0, |v| v.version);
        let old = store.text(device, Some(latest - 1))?;
        let new = store.text(device, Some(latest))?;
        let text = unified_diff(
            &old,
            &new,
            &format!("{device}@{}", latest - 1),
            &format!("{device}@{latest}"),
            3,
        );
        diff.push(started.elapsed());
        drop(store);
        ensure!(
            text.lines().filter(|l| l.starts_with('+')).count() >= 2,
            "{device}: the diff shows no change"
        );
    }
    let summary =
        |samples: &[Duration]| Summary::of(samples).ok_or_else(|| anyhow::anyhow!("no samples"));
    Ok((summary(&history)?, summary(&diff)?))
}

/// End-to-end timings of the `nbi` binary.
#[derive(Debug, Clone)]
struct CliTimings {
    history: Summary,
    diff: Summary,
    /// `nbi --version`: the process start-up every command pays.
    startup: Summary,
}

fn cli_timings(
    nbi: &Path,
    dir: &Path,
    store: &Path,
    device: &StoreDevice,
) -> anyhow::Result<CliTimings> {
    let store_setting = format!("fleet.store={}", store.display());
    let device = device.to_string();
    let measure = |args: &[&str]| -> anyhow::Result<Summary> {
        let samples = (0..CLI_SAMPLES)
            .map(|_| time_nbi(nbi, dir, args))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Summary::of(&samples).ok_or_else(|| anyhow::anyhow!("no samples"))
    };
    Ok(CliTimings {
        history: measure(&["--set", &store_setting, "fleet", "history", &device])?,
        diff: measure(&["--set", &store_setting, "fleet", "diff", &device])?,
        startup: measure(&["--version"])?,
    })
}
