//! The fetch loop shared by the Rust clients of the side-by-side comparison (`fetch-nbi`,
//! `fetch-bare`): N `GET /api/v1/devices/devNNNNN/config` at a given concurrency, the same work
//! and the same one-line JSON result as the Python anchors in `../shared/anchors`.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use clap::Args;
use futures::StreamExt as _;
use serde::Serialize;

use crate::client::device_id;
use crate::report::round3;

/// The most devices one run fetches.
const MAX_DEVICES: usize = 1_000_000;

/// What every client of the comparison is asked to do.
#[derive(Debug, Clone, Args)]
pub struct LoadArgs {
    /// Base URL of the server, `http://127.0.0.1:PORT` (loopback only).
    #[arg(long)]
    pub base_url: String,
    /// Devices fetched (`dev00000` …).
    #[arg(long, default_value_t = 20_000)]
    pub n: usize,
    /// Fetches in flight at most.
    #[arg(long, default_value_t = 50)]
    pub concurrency: usize,
    /// Latency asked of the server per request (`?delay_ms=N`); 0 = none.
    #[arg(long, default_value_t = 0)]
    pub delay_ms: u64,
    /// Bound on the whole loop, in seconds.
    #[arg(long, default_value_t = 600.0)]
    pub max_seconds: f64,
}

impl LoadArgs {
    /// Refuses what the comparison never asks for: other hosts, empty or huge runs.
    pub fn validate(&self) -> anyhow::Result<()> {
        if !(self.base_url.starts_with("http://127.0.0.1:")
            || self.base_url.starts_with("http://localhost:"))
        {
            bail!(
                "--base-url {:?}: only loopback servers are fetched from",
                self.base_url
            );
        }
        if !(1..=MAX_DEVICES).contains(&self.n) {
            bail!("--n {}: must be 1 to {MAX_DEVICES}", self.n);
        }
        if self.concurrency == 0 {
            bail!("--concurrency: must be at least 1");
        }
        if !(self.max_seconds > 0.0 && self.max_seconds.is_finite()) {
            bail!("--max-seconds: must be a positive number");
        }
        Ok(())
    }

    /// The path of device `i`, with the latency query when asked for.
    pub fn path(&self, i: usize) -> String {
        let id = device_id(i);
        match self.delay_ms {
            0 => format!("/api/v1/devices/{id}/config"),
            ms => format!("/api/v1/devices/{id}/config?delay_ms={ms}"),
        }
    }
}

/// One fetch that succeeded: the body's size and the attempts it took.
#[derive(Debug, Clone, Copy)]
pub struct Fetched {
    /// Bytes of the body.
    pub bytes: usize,
    /// Requests sent for it (1 without retries).
    pub attempts: u32,
}

/// One fetch that failed: a short reason (an error kind or a status), and the attempts made.
#[derive(Debug, Clone)]
pub struct FetchFailed {
    /// What went wrong, e.g. `"status 503"` or `"Connect"`.
    pub reason: String,
    /// Requests sent for it.
    pub attempts: u32,
}

/// The result line of one client, in the anchors' shape.
#[derive(Debug, Clone, Serialize)]
pub struct LoadResult {
    /// Which client this is.
    pub stack: String,
    /// Devices asked for.
    pub n: usize,
    /// Fetches in flight at most.
    pub concurrency: usize,
    /// Latency asked of the server.
    pub delay_ms: u64,
    /// Devices fetched.
    pub ok: usize,
    /// Devices not fetched.
    pub failed: usize,
    /// Requests sent, as the client counts them.
    pub attempts: u64,
    /// Body bytes received for the devices fetched.
    pub body_bytes: u64,
    /// Failures by reason.
    pub errors: BTreeMap<String, u64>,
    /// Wall time of the fetch loop alone, in seconds.
    pub loop_wall_s: f64,
    /// Devices per second over the loop.
    pub rps: f64,
    /// Whether `--max-seconds` cut the loop short.
    pub timed_out: bool,
}

impl LoadResult {
    /// Whether every device was fetched in time.
    pub fn all_fetched(&self) -> bool {
        self.ok == self.n && !self.timed_out
    }
}

/// Runs `fetch` for every device index, `concurrency` at a time, on the current task.
pub async fn run<F, Fut>(stack: &str, args: &LoadArgs, fetch: F) -> LoadResult
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<Fetched, FetchFailed>>,
{
    let mut result = LoadResult {
        stack: stack.to_owned(),
        n: args.n,
        concurrency: args.concurrency,
        delay_ms: args.delay_ms,
        ok: 0,
        failed: 0,
        attempts: 0,
        body_bytes: 0,
        errors: BTreeMap::new(),
        loop_wall_s: 0.0,
        rps: 0.0,
        timed_out: false,
    };
    let started = Instant::now();
    let mut outcomes = futures::stream::iter(0..args.n)
        .map(&fetch)
        .buffer_unordered(args.concurrency);
    let deadline = tokio::time::sleep(Duration::from_secs_f64(args.max_seconds));
    tokio::pin!(deadline);
    loop {
        tokio::select! {
            next = outcomes.next() => match next {
                Some(Ok(fetched)) => {
                    result.ok += 1;
                    result.attempts += u64::from(fetched.attempts);
                    result.body_bytes += fetched.bytes as u64;
                }
                Some(Err(failed)) => {
                    result.failed += 1;
                    result.attempts += u64::from(failed.attempts);
                    *result.errors.entry(failed.reason).or_default() += 1;
                }
                None => break,
            },
            () = &mut deadline => {
                result.timed_out = true;
                break;
            }
        }
    }
    let wall = started.elapsed().as_secs_f64();
    result.loop_wall_s = round3(wall);
    result.rps = (args.n as f64 / wall.max(1e-9)).round();
    result
}

/// Prints the result line on stdout; the exit status says whether every device was fetched.
pub fn finish(result: &LoadResult) -> anyhow::Result<std::process::ExitCode> {
    let line = serde_json::to_string(result).context("cannot encode the result")?;
    println!("{line}");
    Ok(if result.all_fetched() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

/// A current-thread runtime: the client is pinned to one core, so one thread is the
/// cheapest way to drive it, for the nbi pipeline and the bare loop alike.
pub fn client_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the client runtime")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(n: usize) -> LoadArgs {
        LoadArgs {
            base_url: "http://127.0.0.1:1".into(),
            n,
            concurrency: 4,
            delay_ms: 0,
            max_seconds: 5.0,
        }
    }

    #[test]
    fn only_loopback_and_sane_sizes_are_accepted() {
        assert!(args(10).validate().is_ok());
        let mut remote = args(10);
        remote.base_url = "http://example.com:80".into();
        assert!(remote.validate().is_err());
        assert!(args(0).validate().is_err());
        let mut none = args(10);
        none.concurrency = 0;
        assert!(none.validate().is_err());
    }

    #[test]
    fn paths_name_the_device_and_the_latency() {
        let mut a = args(1);
        assert_eq!(a.path(7), "/api/v1/devices/dev00007/config");
        a.delay_ms = 20;
        assert_eq!(a.path(7), "/api/v1/devices/dev00007/config?delay_ms=20");
    }

    #[tokio::test]
    async fn the_loop_counts_successes_failures_and_attempts() {
        let result = run("test", &args(10), |i| async move {
            if i == 3 {
                Err(FetchFailed {
                    reason: "status 503".into(),
                    attempts: 3,
                })
            } else {
                Ok(Fetched {
                    bytes: 100,
                    attempts: 1,
                })
            }
        })
        .await;
        assert_eq!((result.ok, result.failed, result.attempts), (9, 1, 12));
        assert_eq!(result.body_bytes, 900);
        assert_eq!(result.errors.get("status 503"), Some(&1));
        assert!(!result.all_fetched());
    }
}
