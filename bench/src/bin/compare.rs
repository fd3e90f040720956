//! `compare`: nbi side by side with the Python stacks it replaces and with a bare reqwest
//! loop, in one run (see `bench/README.md`). Prints the tables and writes
//! `bench/results/latest.{md,json}` (`quick.{md,json}` with `--quick`).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::Parser;
use nbi_bench::compare::{self, Plan, PythonMode};

/// Runs every stack against a pinned benchmark-mode simulator and writes the results.
#[derive(Debug, Parser)]
#[command(name = "compare", version)]
struct Cli {
    /// A smoke run: a few hundred devices per client, seconds in all.
    #[arg(long)]
    quick: bool,
    /// Devices in the no-latency run [default: 20000; 300 with --quick].
    #[arg(long)]
    n: Option<usize>,
    /// Devices in the latency run [default: 2000; 200 with --quick].
    #[arg(long)]
    latency_n: Option<usize>,
    /// Devices in the fault run [default: 20000; 200 with --quick].
    #[arg(long)]
    fault_n: Option<usize>,
    /// Fetches in flight at most, for every client.
    #[arg(long, default_value_t = 50)]
    concurrency: usize,
    /// Latency of the latency run, in milliseconds.
    #[arg(long, default_value_t = 20)]
    latency_ms: u64,
    /// Whether the Python stacks run, and whether the harness may install them from PyPI.
    #[arg(long, value_enum, default_value_t = PythonMode::Install)]
    python: PythonMode,
    /// Skip the Python stacks (same as `--python skip`).
    #[arg(long)]
    no_python: bool,
    /// The Python anchors [default: ../shared/anchors beside the repository].
    #[arg(long)]
    anchors: Option<PathBuf>,
    /// The folder of `nbi`, `fetch-nbi`, `fetch-bare`, `rusage`, `xml-rate` [default: this
    /// binary's].
    #[arg(long)]
    bin_dir: Option<PathBuf>,
    /// Where results are written [default: bench/results].
    #[arg(long)]
    out: Option<PathBuf>,
    /// The simulator's core.
    #[arg(long, default_value = "0")]
    server_cpu: String,
    /// The clients' core.
    #[arg(long, default_value = "1")]
    client_cpu: String,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("compare: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    // bench/ is this crate's folder, known at build time; the repository is its parent.
    let bench_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repo = bench_dir.parent().context("bench/ has no parent folder")?;
    let bin_dir = match cli.bin_dir {
        Some(dir) => dir,
        None => std::env::current_exe()
            .context("cannot locate this executable")?
            .parent()
            .context("this executable has no folder")?
            .to_path_buf(),
    };
    let size = |given: Option<usize>, full: usize, quick: usize| {
        given.unwrap_or(if cli.quick { quick } else { full })
    };
    let plan = Plan {
        bin_dir,
        bench_dir: bench_dir.clone(),
        anchors: cli
            .anchors
            .unwrap_or_else(|| repo.join("../shared/anchors")),
        python: if cli.no_python {
            PythonMode::Skip
        } else {
            cli.python
        },
        n: size(cli.n, 20_000, 300),
        latency_n: size(cli.latency_n, 2_000, 200),
        fault_n: size(cli.fault_n, 20_000, 200),
        concurrency: cli.concurrency,
        latency_ms: cli.latency_ms,
        max_seconds: if cli.quick { 60.0 } else { 600.0 },
        server_cpu: cli.server_cpu,
        client_cpu: cli.client_cpu,
        xml_seconds: if cli.quick { 0.3 } else { 3.0 },
    };
    for (flag, value) in [
        ("--n", plan.n),
        ("--latency-n", plan.latency_n),
        ("--fault-n", plan.fault_n),
    ] {
        if !(1..=1_000_000).contains(&value) {
            bail!("{flag} {value}: must be 1 to 1000000");
        }
    }
    if plan.concurrency == 0 || plan.concurrency > 10_000 {
        bail!("--concurrency {}: must be 1 to 10000", plan.concurrency);
    }
    let comparison = compare::run(&plan)?;
    let markdown = compare::markdown(&comparison);
    println!("{markdown}");
    let mut json = serde_json::to_value(&comparison).context("cannot encode the results")?;
    if let Some(object) = json.as_object_mut() {
        object.insert("ratios".into(), compare::ratio_rows(&comparison).into());
        object.insert("quick".into(), cli.quick.into());
    }
    let out = cli.out.unwrap_or_else(|| bench_dir.join("results"));
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let name = if cli.quick { "quick" } else { "latest" };
    let md_path = out.join(format!("{name}.md"));
    let json_path = out.join(format!("{name}.json"));
    std::fs::write(&md_path, &markdown)
        .with_context(|| format!("cannot write {}", md_path.display()))?;
    std::fs::write(&json_path, serde_json::to_string_pretty(&json)?)
        .with_context(|| format!("cannot write {}", json_path.display()))?;
    eprintln!(
        "compare: wrote {} and {}",
        md_path.display(),
        json_path.display()
    );
    Ok(())
}
