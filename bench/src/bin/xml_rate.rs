//! `xml-rate --reply FILE`: replies per second of nbi-core's hardened XML reader on one reply,
//! as one JSON line (the Rust side of `bench/defusedxml_rate.py`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;

/// The largest reply file read.
const MAX_REPLY: u64 = 16 * 1024 * 1024;

/// Measures nbi-core's XML reader on one reply.
#[derive(Debug, Parser)]
#[command(name = "xml-rate", version)]
struct Cli {
    /// The reply to read.
    #[arg(long)]
    reply: PathBuf,
    /// Length of the timed loop, in seconds.
    #[arg(long, default_value_t = 2.0)]
    seconds: f64,
}

fn main() -> ExitCode {
    match run(&Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xml-rate: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    let budget = Duration::try_from_secs_f64(cli.seconds)
        .ok()
        .filter(|d| !d.is_zero())
        .context("--seconds: must be a positive number")?;
    let size = std::fs::metadata(&cli.reply)
        .with_context(|| format!("cannot read {}", cli.reply.display()))?
        .len();
    anyhow::ensure!(
        size <= MAX_REPLY,
        "{}: over {MAX_REPLY} bytes",
        cli.reply.display()
    );
    let reply = std::fs::read(&cli.reply)
        .with_context(|| format!("cannot read {}", cli.reply.display()))?;
    let rate = nbi_bench::xml_rate::measure(&reply, budget)?;
    println!("{}", serde_json::to_string(&rate)?);
    Ok(())
}
