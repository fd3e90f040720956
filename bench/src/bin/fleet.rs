//! `fleet`: benchmarks of the fleet backup. Each subcommand prints one JSON line of results
//! on stdout and a one-line summary on stderr.

use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use nbi_bench::Measured;
use nbi_bench::history::{self, HistoryBench};
use nbi_bench::latency::{self, LatencyBench};
use nbi_bench::throughput::{self, ThroughputBench};

/// Benchmarks of the fleet backup (build with `--release`).
#[derive(Debug, Parser)]
#[command(name = "fleet", version)]
struct Cli {
    #[command(subcommand)]
    bench: Bench,
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// Latency hiding: wall time against `devices × latency / concurrency`.
    Latency {
        /// Devices backed up.
        #[arg(long, default_value_t = 2000)]
        devices: usize,
        /// Latency of every request, in milliseconds.
        #[arg(long, default_value_t = 20)]
        latency_ms: u64,
        /// Fetches in flight at most.
        #[arg(long, default_value_t = 50)]
        concurrency: usize,
    },
    /// Devices per second with no latency, and the client's peak memory (needs `nbi`).
    Throughput {
        /// Devices backed up.
        #[arg(long, default_value_t = 100_000)]
        devices: usize,
        /// Fetches in flight at most.
        #[arg(long, default_value_t = 50)]
        concurrency: usize,
    },
    /// `history` and `diff` on a large store, in the library and through `nbi`.
    History {
        /// Devices in the store.
        #[arg(long, default_value_t = 100_000)]
        devices: usize,
        /// Versions of each device (at least 2).
        #[arg(long, default_value_t = 3)]
        versions: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let measured = match cli.bench {
        Bench::Latency {
            devices,
            latency_ms,
            concurrency,
        } => latency::run(LatencyBench {
            devices,
            latency_ms,
            concurrency,
        }),
        Bench::Throughput {
            devices,
            concurrency,
        } => throughput::run(ThroughputBench {
            devices,
            concurrency,
        }),
        Bench::History { devices, versions } => history::run(HistoryBench { devices, versions }),
    };
    match measured.and_then(print) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fleet: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn print(measured: Measured) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{}", measured.json)?;
    stdout.flush()?;
    eprintln!("{}", measured.summary);
    Ok(())
}
