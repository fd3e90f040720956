//! Throughput and memory: no latency, the simulator in an `nbi sim` child process, and the
//! harness's own peak resident set as the client's memory.

use std::time::Duration;

use serde_json::json;

use crate::client::{self, runtime};
use crate::report::{Measured, mib, round3};
use crate::sim::{SimProcess, nbi_binary};
use crate::stats::{own_memory, store_bytes};

/// The client's peak memory this benchmark aims under.
const RSS_TARGET_BYTES: u64 = 150 * 1024 * 1024;
/// The longest a throughput run may take.
const LIMIT: Duration = Duration::from_secs(900);

/// The throughput benchmark's knobs.
#[derive(Debug, Clone, Copy)]
pub struct ThroughputBench {
    /// Devices backed up.
    pub devices: usize,
    /// Fetches in flight at most.
    pub concurrency: usize,
}

/// Runs the benchmark once.
pub fn run(bench: ThroughputBench) -> anyhow::Result<Measured> {
    anyhow::ensure!(bench.devices > 0, "--devices: must be at least 1");
    anyhow::ensure!(bench.concurrency > 0, "--concurrency: must be at least 1");
    let nbi = nbi_binary()?;
    let sim = SimProcess::start(&nbi, bench.devices)?;
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("bench.db");
    let (_, rss_before) = own_memory()?;
    let devices = client::devices(bench.devices)?;
    let backup = runtime("nbi-client")?.block_on(client::backup(
        sim.url(),
        &store,
        &devices,
        bench.concurrency,
        LIMIT,
    ))?;
    let (peak, _) = own_memory()?;
    drop(sim);
    let wall = backup.wall.as_secs_f64();
    let per_s = bench.devices as f64 / wall;
    let store_size = store_bytes(&store);
    let report = &backup.report;
    let verdict = if peak <= RSS_TARGET_BYTES {
        "under"
    } else {
        "OVER"
    };
    Ok(Measured {
        json: json!({
            "bench": "throughput",
            "devices": bench.devices,
            "concurrency": bench.concurrency,
            "wall_s": round3(wall),
            "devices_per_s": round3(per_s),
            "client_peak_rss_mib": mib(peak),
            "client_rss_before_run_mib": mib(rss_before),
            "rss_target_mib": mib(RSS_TARGET_BYTES),
            "rss_within_target": peak <= RSS_TARGET_BYTES,
            "store_mib": mib(store_size),
            "store_bytes_per_device": store_size / bench.devices as u64,
            "changed": report.changed,
            "unchanged": report.unchanged,
            "failed": report.failed,
            "retries": report.retries,
        }),
        summary: format!(
            "throughput: {} devices, concurrency {}: {wall:.1} s, {per_s:.0} devices/s; client peak RSS {:.1} MiB ({verdict} the {:.0} MiB target); store {:.1} MiB; {} failed",
            bench.devices,
            bench.concurrency,
            mib(peak),
            mib(RSS_TARGET_BYTES),
            mib(store_size),
            report.failed
        ),
    })
}
