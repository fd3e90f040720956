//! `fetch-bare`: N device configs with a bare reqwest client and no pipeline at all — no
//! retry, no breaker, no limiter, no auth, no metrics. The limit any client reaches on this
//! machine. One JSON result line on stdout, in the anchors' shape.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser;
use nbi_bench::load::{self, FetchFailed, Fetched, LoadArgs};

/// Fetches N configs with a bare reqwest loop (build with `--release`).
#[derive(Debug, Parser)]
#[command(name = "fetch-bare", version)]
struct Cli {
    #[command(flatten)]
    load: LoadArgs,
}

fn main() -> ExitCode {
    match run(Cli::parse().load) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("fetch-bare: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: LoadArgs) -> anyhow::Result<ExitCode> {
    args.validate()?;
    let runtime = load::client_runtime()?;
    let result = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(args.concurrency)
            .build()
            .context("cannot build the reqwest client")?;
        let result = load::run("bare-reqwest", &args, |i| {
            let request = client.get(format!("{}{}", args.base_url, args.path(i)));
            async move {
                let failed = |reason: String| FetchFailed {
                    reason,
                    attempts: 1,
                };
                let response = request
                    .send()
                    .await
                    .map_err(|e| failed(reqwest_reason(&e)))?;
                let status = response.status();
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| failed(reqwest_reason(&e)))?;
                if !status.is_success() {
                    return Err(failed(format!("status {}", status.as_u16())));
                }
                Ok(Fetched {
                    bytes: body.len(),
                    attempts: 1,
                })
            }
        })
        .await;
        anyhow::Ok(result)
    })?;
    load::finish(&result)
}

/// A short reason for a failed request (never its URL).
fn reqwest_reason(e: &reqwest::Error) -> String {
    if e.is_connect() {
        "Connect".into()
    } else if e.is_timeout() {
        "Timeout".into()
    } else if e.is_body() || e.is_decode() {
        "Body".into()
    } else {
        "Request".into()
    }
}
