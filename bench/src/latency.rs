//! Latency hiding: a simulator answering every request after a fixed latency, in-process on
//! its own runtime, and the runner on another. The ideal wall time is
//! `devices × latency / concurrency`; the ratio to it is the runner's overhead.

use std::time::Duration;

use serde_json::json;

use crate::client::{self, runtime};
use crate::report::{Measured, round3};
use crate::sim::SimThread;

/// The latency benchmark's knobs.
#[derive(Debug, Clone, Copy)]
pub struct LatencyBench {
    /// Devices backed up.
    pub devices: usize,
    /// Latency of every request, in milliseconds.
    pub latency_ms: u64,
    /// Fetches in flight at most.
    pub concurrency: usize,
}

/// Runs the benchmark once.
pub fn run(bench: LatencyBench) -> anyhow::Result<Measured> {
    anyhow::ensure!(bench.devices > 0, "--devices: must be at least 1");
    anyhow::ensure!(bench.concurrency > 0, "--concurrency: must be at least 1");
    let ideal = ideal_wall(bench.devices, bench.latency_ms, bench.concurrency);
    // Generous, yet bounded: twenty times the ideal plus a minute.
    let limit = ideal * 20 + Duration::from_secs(60);
    let sim = SimThread::start(bench.devices, bench.latency_ms)?;
    let dir = tempfile::tempdir()?;
    let store = dir.path().join("bench.db");
    let devices = client::devices(bench.devices)?;
    let backup = runtime("nbi-client")?.block_on(client::backup(
        sim.url(),
        &store,
        &devices,
        bench.concurrency,
        limit,
    ))?;
    drop(sim);
    let wall = backup.wall.as_secs_f64();
    let ratio = wall / ideal.as_secs_f64().max(f64::EPSILON);
    let per_s = bench.devices as f64 / wall;
    let report = &backup.report;
    Ok(Measured {
        json: json!({
            "bench": "latency",
            "devices": bench.devices,
            "latency_ms": bench.latency_ms,
            "concurrency": bench.concurrency,
            "wall_s": round3(wall),
            "ideal_s": round3(ideal.as_secs_f64()),
            "wall_over_ideal": round3(ratio),
            "devices_per_s": round3(per_s),
            "changed": report.changed,
            "unchanged": report.unchanged,
            "failed": report.failed,
            "retries": report.retries,
        }),
        summary: format!(
            "latency: {} devices at {} ms, concurrency {}: {wall:.2} s (ideal {:.2} s, ×{ratio:.2}), {per_s:.0} devices/s, {} failed",
            bench.devices,
            bench.latency_ms,
            bench.concurrency,
            ideal.as_secs_f64(),
            report.failed
        ),
    })
}

/// `devices × latency / concurrency`: every fetch slot busy all the time.
pub(crate) fn ideal_wall(devices: usize, latency_ms: u64, concurrency: usize) -> Duration {
    let rounds = devices.div_ceil(concurrency.max(1)) as u64;
    Duration::from_millis(rounds * latency_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ideal_wall_counts_full_rounds() {
        assert_eq!(ideal_wall(2000, 20, 50), Duration::from_millis(800));
        assert_eq!(ideal_wall(101, 10, 50), Duration::from_millis(30));
        assert_eq!(ideal_wall(5, 10, 0), Duration::from_millis(50));
    }
}
