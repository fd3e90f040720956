//! One measured client run: `taskset -c CPU rusage --out FILE -- CLIENT…`, its result line,
//! its cost as its parent saw it, and the simulator's counters afterwards.

use std::ffi::OsString;
use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::server::Server;
use super::stacks::{ClientReport, Stack, parse_report};
use crate::rusage::ProcessCost;

/// Extra time a client gets past its own loop bound before it is killed.
const GRACE: Duration = Duration::from_secs(60);

/// Everything measured about one stack in one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct StackRun {
    /// The stack.
    pub stack: Stack,
    /// Devices asked for.
    pub n: usize,
    /// What the client said it did.
    pub client: ClientReport,
    /// What the whole client process cost.
    pub cost: ProcessCost,
    /// Requests the server saw (`/_sim/*` excluded).
    pub requests: u64,
    /// Requests that arrived inside a Retry-After window the server had given.
    pub in_retry_after_window: u64,
    /// Faults the server injected (503 + 429 + dropped connections).
    pub faults: u64,
    /// Devices fetched per second of the client's loop.
    pub devices_per_s: f64,
    /// CPU (user + system of the whole process) per device asked for, in µs.
    pub cpu_us_per_device: f64,
    /// Requests sent per device asked for.
    pub requests_per_device: f64,
}

impl StackRun {
    /// Devices fetched per second of the client's loop.
    pub fn rate(&self) -> f64 {
        self.devices_per_s
    }

    /// CPU (user + system of the whole process) per device asked for, in µs.
    pub fn cpu_us_per_device(&self) -> f64 {
        self.cpu_us_per_device
    }

    /// Requests sent per device asked for.
    pub fn requests_per_device(&self) -> f64 {
        self.requests_per_device
    }
}

/// How clients are started: under which `rusage`, pinned to which core.
#[derive(Debug, Clone)]
pub(crate) struct ClientPin {
    /// The `rusage` binary.
    pub rusage: std::path::PathBuf,
    /// The core (`taskset -c` list) clients run on.
    pub cpu: String,
}

/// Runs `line` pinned and measured as `pin` says, bounded by `limit` plus a grace period.
pub(crate) fn run_client(
    stack: Stack,
    n: usize,
    line: &[OsString],
    pin: &ClientPin,
    scratch: &Path,
    server: &Server,
    limit: Duration,
) -> anyhow::Result<StackRun> {
    let cost_file = scratch.join("cost.json");
    let log_file = scratch.join("client.log");
    let log = std::fs::File::create(&log_file).context("cannot create the client log")?;
    let mut child = Command::new("taskset")
        .args(["-c", &pin.cpu])
        .arg(&pin.rusage)
        .arg("--out")
        .arg(&cost_file)
        .arg("--")
        .args(line)
        .current_dir(scratch)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .context("cannot start taskset (util-linux)")?;
    let mut stdout = child.stdout.take().context("no stdout from the client")?;
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let deadline = Instant::now() + limit + GRACE;
    loop {
        if child
            .try_wait()
            .context("cannot wait for the client")?
            .is_some()
        {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} ran past {} s and was stopped",
                stack.label(),
                (limit + GRACE).as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let stdout = reader.join().unwrap_or_default();
    let client = parse_report(stack, &stdout).with_context(|| {
        let log = std::fs::read_to_string(&log_file).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(10).collect();
        format!(
            "its last log lines: {:?}",
            tail.into_iter().rev().collect::<Vec<_>>()
        )
    })?;
    let cost: ProcessCost =
        serde_json::from_slice(&std::fs::read(&cost_file).context("rusage wrote no figures")?)
            .context("rusage's figures are not JSON")?;
    let stats = server.stats()?;
    let devices = n.max(1) as f64;
    Ok(StackRun {
        stack,
        n,
        client,
        cost,
        requests: stats.requests,
        in_retry_after_window: stats.in_retry_after_window,
        faults: stats.faults.fail + stats.faults.throttle + stats.faults.reset,
        devices_per_s: client.ok as f64 / client.loop_s.max(1e-9),
        cpu_us_per_device: cost.cpu_s() * 1e6 / devices,
        requests_per_device: stats.requests as f64 / devices,
    })
}
