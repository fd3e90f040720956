//! Soak: back the fleet up again and again under chaos for a set time, sampling this
//! process's resident memory and open file descriptors; they must stay flat, and so must the
//! share of failed devices. Ignored by default (30 minutes); TESTING.md has the command.
//!
//! `NBI_SOAK_MINUTES` (default 30) sets the duration, `NBI_SOAK_SAMPLE_S` (default 30) the
//! sampling period. One JSON line per sample goes to stdout. The simulator runs in this
//! process too, so its memory is counted with the client's.

use std::time::{Duration, Instant};

use nbi_sim::FaultConfig;
use tokio_util::sync::CancellationToken;

use crate::chaos::chaos_faults;
use crate::lab::{Lab, RESILIENCE, process_figures};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One sample: when, memory (KiB), descriptors, and the runs since the last sample.
#[derive(Debug, Clone, Copy)]
struct Sample {
    rss_kib: u64,
    fds: usize,
    devices: u64,
    failed: u64,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "runs for NBI_SOAK_MINUTES (default 30); see TESTING.md"]
async fn soak_keeps_memory_descriptors_and_errors_flat() {
    let minutes = env_u64("NBI_SOAK_MINUTES", 30);
    let period = Duration::from_secs(env_u64("NBI_SOAK_SAMPLE_S", 30).max(1));
    let faults = FaultConfig {
        // Stalled requests are dropped by the client after 1 s; the server lets go after 5 s
        // so that abandoned stalls do not pile up in the (in-process) simulator.
        stall_s: 5,
        ..chaos_faults(300)
    };
    let lab = Lab::start(3, 300, faults, 40, RESILIENCE).await;
    let runner = lab.runner();
    let started = Instant::now();
    let end = started + Duration::from_secs(minutes * 60);
    let mut next_sample = started + period;
    let mut samples: Vec<Sample> = Vec::new();
    let (mut runs, mut devices, mut failed) = (0u64, 0u64, 0u64);
    while Instant::now() < end {
        let report = runner
            .run(&lab.devices, None, CancellationToken::new())
            .await
            .unwrap();
        assert_eq!(report.missing(), 0, "{report:?}");
        runs += 1;
        devices += report.devices;
        failed += report.failed;
        if Instant::now() >= next_sample {
            next_sample += period;
            let (peak, rss_kib, fds) = process_figures();
            let sample = Sample {
                rss_kib,
                fds,
                devices,
                failed,
            };
            println!(
                "{}",
                serde_json::json!({
                    "elapsed_s": started.elapsed().as_secs(),
                    "runs": runs,
                    "rss_kib": rss_kib,
                    "peak_rss_kib": peak,
                    "fds": fds,
                    "devices": devices,
                    "failed": failed,
                    "store_bytes": std::fs::metadata(lab.dir.path().join("nbi.db")).map_or(0, |m| m.len()),
                })
            );
            samples.push(sample);
            (devices, failed) = (0, 0);
        }
    }
    assert!(samples.len() >= 3, "too short to judge: {samples:?}");
    // The first sample is the warm-up (pools, caches, SQLite pages filling up).
    let warm = samples[1];
    let tail = &samples[samples.len().saturating_sub(3)..];
    let rss_end = tail.iter().map(|s| s.rss_kib).max().unwrap_or(0);
    let fds_end = tail.iter().map(|s| s.fds).max().unwrap_or(0);
    assert!(
        rss_end <= warm.rss_kib + warm.rss_kib / 4 + 16 * 1024,
        "memory grew from {} KiB to {rss_end} KiB: {samples:?}",
        warm.rss_kib
    );
    assert!(
        fds_end <= warm.fds + 64,
        "descriptors grew from {} to {fds_end}: {samples:?}",
        warm.fds
    );
    let rate = |s: &[Sample]| {
        let (d, f) = s
            .iter()
            .fold((0, 0), |(d, f), x| (d + x.devices, f + x.failed));
        f as f64 / d.max(1) as f64
    };
    let third = samples.len().div_ceil(3);
    let (first, last) = (
        rate(&samples[..third]),
        rate(&samples[samples.len() - third..]),
    );
    assert!(
        last <= first + 0.01,
        "failures grew from {first:.4} to {last:.4}: {samples:?}"
    );
}
