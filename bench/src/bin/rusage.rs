//! `rusage --out FILE -- COMMAND…`: runs COMMAND as its only child and writes what it cost
//! (wall, user and system CPU, peak RSS, exit code) to FILE as JSON. Exits with the child's
//! status, so it can wrap any client of the comparison unchanged.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;

/// Measures one command's CPU and peak memory as its parent sees them.
#[derive(Debug, Parser)]
#[command(name = "rusage", version)]
struct Cli {
    /// Where the JSON figures go.
    #[arg(long)]
    out: PathBuf,
    /// The command and its arguments.
    #[arg(last = true, required = true)]
    command: Vec<OsString>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rusage: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let cost = nbi_bench::rusage::measure(&cli.command)?;
    let json = serde_json::to_string(&cost).context("cannot encode the figures")?;
    std::fs::write(&cli.out, json)
        .with_context(|| format!("cannot write {}", cli.out.display()))?;
    let code = cost
        .exit_code
        .and_then(|c| u8::try_from(c).ok())
        .unwrap_or(1);
    Ok(ExitCode::from(code))
}
