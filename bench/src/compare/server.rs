//! The simulator of a comparison: an `nbi sim --auth none` child pinned to the server's core,
//! fresh for every client so that its counters are that client's alone.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context as _, bail};
use nbi_sim::Stats;

use crate::sim::url_of;

/// How long the simulator may take to start listening.
const START_LIMIT: Duration = Duration::from_secs(30);

/// What the server does to requests in one scenario.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServerFaults {
    /// Latency added to every request, in milliseconds.
    pub latency_ms: u64,
    /// Share of 503 answers with Retry-After.
    pub fail_rate: f64,
    /// Share of 429 answers with Retry-After.
    pub throttle_rate: f64,
    /// Share of connections dropped before any answer.
    pub reset_rate: f64,
}

impl ServerFaults {
    /// No latency, no faults: the simulator's fast loop answers.
    pub const QUIET: ServerFaults = ServerFaults {
        latency_ms: 0,
        fail_rate: 0.0,
        throttle_rate: 0.0,
        reset_rate: 0.0,
    };

    fn args(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut push = |flag: &str, value: String, on: bool| {
            if on {
                args.push(flag.to_owned());
                args.push(value);
            }
        };
        push(
            "--latency-ms",
            self.latency_ms.to_string(),
            self.latency_ms > 0,
        );
        push(
            "--fail-rate",
            self.fail_rate.to_string(),
            self.fail_rate > 0.0,
        );
        push(
            "--throttle-rate",
            self.throttle_rate.to_string(),
            self.throttle_rate > 0.0,
        );
        push(
            "--reset-rate",
            self.reset_rate.to_string(),
            self.reset_rate > 0.0,
        );
        args
    }
}

/// A running `nbi sim`; killed when dropped.
#[derive(Debug)]
pub(crate) struct Server {
    child: Child,
    url: String,
}

impl Server {
    /// Starts `taskset -c CPU nbi sim --auth none --devices N …` and waits for its URL.
    pub(crate) fn start(
        nbi: &Path,
        cpu: &str,
        devices: usize,
        faults: ServerFaults,
    ) -> anyhow::Result<Server> {
        let mut child = Command::new("taskset")
            .args(["-c", cpu])
            .arg(nbi)
            .args(["sim", "--services", "nms", "--auth", "none", "--seed", "1"])
            .args(["--devices", &devices.to_string()])
            .args(faults.args())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("cannot start taskset {}", nbi.display()))?;
        let stdout = child
            .stdout
            .take()
            .context("no stdout from the simulator")?;
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let read = reader.read_line(&mut line);
            let _ = line_tx.send(read.map(|_| line));
            // Keeps the pipe open (and drained) for as long as the simulator runs.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let mut server = Server {
            child,
            url: String::new(),
        };
        server.url = match line_rx.recv_timeout(START_LIMIT) {
            Ok(line) => url_of(&line.context("cannot read the simulator's first line")?)?,
            Err(_) => bail!(
                "`nbi sim` printed nothing within {} s",
                START_LIMIT.as_secs()
            ),
        };
        Ok(server)
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The counters at `GET /_sim/stats`.
    pub(crate) fn stats(&self) -> anyhow::Result<Stats> {
        let url = format!("{}/_sim/stats", self.url);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start a runtime for the stats")?;
        runtime.block_on(async {
            let client = reqwest::Client::builder()
                .no_proxy()
                .timeout(Duration::from_secs(10))
                .build()
                .context("cannot build the stats client")?;
            let response = client.get(&url).send().await.context("GET /_sim/stats")?;
            let body = response.error_for_status()?.bytes().await?;
            serde_json::from_slice(&body).context("the simulator's stats are not the expected JSON")
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_faults_switched_on_become_flags() {
        assert!(ServerFaults::QUIET.args().is_empty());
        let mix = ServerFaults {
            latency_ms: 0,
            fail_rate: 0.05,
            throttle_rate: 0.02,
            reset_rate: 0.01,
        };
        assert_eq!(
            mix.args(),
            [
                "--fail-rate",
                "0.05",
                "--throttle-rate",
                "0.02",
                "--reset-rate",
                "0.01"
            ]
        );
    }
}
