//! The `nbi` binary, run as a user would.

mod cms;
mod config;
mod crash;
mod dashboard;
mod demo;
mod examples;
mod fleet;
mod fuzz_corpus;
mod genieacs;
mod hostile;
mod mano;
mod netbox;
mod ofsc;
mod secrets;
mod sim;
mod voltha;
mod webhooks;
mod workflow;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `nbi` in `dir` with only the given environment variables.
pub(crate) fn nbi(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nbi"))
        .current_dir(dir)
        .env_clear()
        // Coverage runs tell the instrumented binary where to write its profile.
        .envs(std::env::var_os("LLVM_PROFILE_FILE").map(|v| ("LLVM_PROFILE_FILE", v)))
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("nbi runs")
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A running long-lived `nbi` command (`sim`, `fleet schedule`), stopped when dropped.
pub(crate) struct Daemon {
    pub(crate) child: Child,
    /// The first JSON lines it printed.
    pub(crate) lines: Vec<serde_json::Value>,
}

/// `nbi sim`, as the tests start it.
pub(crate) type Sim = Daemon;

impl Daemon {
    /// Starts `nbi sim ARGS` and waits for its `lines` JSON lines (one per tenant).
    pub(crate) fn start_sim(args: &[&str], lines: usize) -> Daemon {
        let mut all = vec!["sim"];
        all.extend_from_slice(args);
        Daemon::start(Path::new("."), &all, lines)
    }

    /// Starts `nbi ARGS` in `dir` and waits for its first `lines` JSON lines. Lines are read
    /// on a thread so that a command that never prints fails the test instead of hanging it.
    pub(crate) fn start(dir: &Path, args: &[&str], lines: usize) -> Daemon {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nbi"))
            .current_dir(dir)
            .args(args)
            .env_clear()
            .envs(std::env::var_os("LLVM_PROFILE_FILE").map(|v| ("LLVM_PROFILE_FILE", v)))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut printed = Vec::new();
        for _ in 0..lines {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => printed.push(serde_json::from_str(&line.unwrap()).unwrap()),
                Err(e) => {
                    let _ = child.kill();
                    panic!("nbi {args:?} printed no JSON line: {e}");
                }
            }
        }
        Daemon {
            child,
            lines: printed,
        }
    }

    /// Sends SIGTERM and waits (at most 10 s) for the exit status.
    pub(crate) fn stop(&mut self) -> std::process::ExitStatus {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nbi did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
