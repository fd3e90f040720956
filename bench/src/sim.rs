//! The simulated NMS the backups fetch from: in-process on a thread and runtime of its own,
//! or as an `nbi sim` child process (so its memory is not the client's).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context as _, anyhow, bail};
use nbi_sim::{AuthMode, FaultConfig, Service, SimConfig};
use tokio::sync::oneshot;

use crate::client::runtime;

/// How long a simulator may take to start listening.
const START_LIMIT: Duration = Duration::from_secs(30);

/// A benchmark-mode simulator served from a thread of its own; stopped when dropped.
#[derive(Debug)]
pub(crate) struct SimThread {
    url: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl SimThread {
    /// Starts a benchmark-mode simulator answering every request after `latency_ms`.
    pub(crate) fn start(devices: usize, latency_ms: u64) -> anyhow::Result<SimThread> {
        let config = SimConfig {
            services: vec![Service::Nms],
            devices,
            faults: FaultConfig {
                latency_ms,
                ..FaultConfig::default()
            },
            auth: AuthMode::None,
            bench: true,
            ..SimConfig::default()
        };
        let rt = runtime("nbi-sim")?;
        let (ready, listening) = mpsc::channel();
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("nbi-sim".to_owned())
            .spawn(move || {
                rt.block_on(async move {
                    let handle = match nbi_sim::spawn(config).await {
                        Ok(handle) => handle,
                        Err(e) => {
                            let _ = ready.send(Err(anyhow!(e)));
                            return;
                        }
                    };
                    let _ = ready.send(Ok(handle.url(Service::Nms).to_owned()));
                    // Serves until told to stop (or the owner is gone).
                    let _ = stopped.await;
                    handle.shutdown().await;
                });
            })
            .context("cannot start the simulator thread")?;
        let url = listening
            .recv_timeout(START_LIMIT)
            .context("the simulator did not start in time")??;
        Ok(SimThread {
            url,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for SimThread {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// An `nbi sim --auth none` child process; killed when dropped.
#[derive(Debug)]
pub(crate) struct SimProcess {
    child: Child,
    url: String,
}

impl SimProcess {
    /// Starts `nbi sim --auth none --devices N` and waits for the line with its URL.
    pub(crate) fn start(nbi: &Path, devices: usize) -> anyhow::Result<SimProcess> {
        let mut child = Command::new(nbi)
            .args(["sim", "--auth", "none", "--devices", &devices.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {}", nbi.display()))?;
        let stdout = child
            .stdout
            .take()
            .context("no stdout from the simulator process")?;
        // The first line is read on a thread so that a silent child cannot hang the harness.
        let (line_tx, line_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let read = BufReader::new(stdout).read_line(&mut line);
            let _ = line_tx.send(read.map(|_| line));
        });
        let mut process = SimProcess {
            child,
            url: String::new(),
        };
        let line = match line_rx.recv_timeout(START_LIMIT) {
            Ok(line) => line.context("cannot read the simulator's first line")?,
            Err(_) => bail!(
                "`nbi sim` printed nothing within {} s",
                START_LIMIT.as_secs()
            ),
        };
        process.url = url_of(&line)?;
        Ok(process)
    }

    /// The base URL of the simulated NMS.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for SimProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `url` of one `{"service":…,"tenant":…,"url":…}` line.
pub(crate) fn url_of(line: &str) -> anyhow::Result<String> {
    let doc: serde_json::Value = serde_json::from_str(line.trim())
        .with_context(|| format!("`nbi sim` printed {:?}, not a JSON line", line.trim()))?;
    doc.get("url")
        .and_then(|u| u.as_str())
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("`nbi sim` printed no url: {}", line.trim()))
}

/// The `nbi` binary next to this one; an error saying how to build it when it is missing.
pub(crate) fn nbi_binary() -> anyhow::Result<PathBuf> {
    let path = std::env::current_exe()
        .context("cannot locate this executable")?
        .with_file_name("nbi");
    if !path.is_file() {
        bail!(
            "{} not found: build it first with `cargo build --release -p nbi-cli` (same target directory as this harness)",
            path.display()
        );
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_is_read_from_the_first_line() {
        let line =
            "{\"service\":\"nms\",\"tenant\":\"tenant-1\",\"url\":\"http://127.0.0.1:4000\"}\n";
        assert_eq!(url_of(line).unwrap(), "http://127.0.0.1:4000");
        assert!(url_of("listening\n").is_err());
        assert!(url_of("{\"service\":\"nms\"}").is_err());
    }
}
