//! The cost of one whole process, measured the same way for every stack of the comparison:
//! the `rusage` binary starts the command as its only child, waits for it, and reads
//! `getrusage(RUSAGE_CHILDREN)` — user and system CPU of the child and every thread it ran,
//! and the child's peak resident set — then writes one JSON document.

use std::ffi::OsString;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context as _, bail};
use nix::sys::resource::{UsageWho, getrusage};
use serde::{Deserialize, Serialize};

/// What one process cost.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProcessCost {
    /// Wall time from start to exit, in seconds.
    pub wall_s: f64,
    /// User CPU, in seconds.
    pub user_s: f64,
    /// System CPU, in seconds.
    pub sys_s: f64,
    /// Peak resident set, in KiB (`ru_maxrss`).
    pub maxrss_kb: u64,
    /// The exit code (`None` when a signal ended it).
    pub exit_code: Option<i32>,
}

impl ProcessCost {
    /// User plus system CPU, in seconds.
    pub fn cpu_s(&self) -> f64 {
        self.user_s + self.sys_s
    }
}

/// Runs `command` (program and arguments) as this process's only child and measures it.
/// Its standard streams are this process's.
pub fn measure(command: &[OsString]) -> anyhow::Result<ProcessCost> {
    let Some((program, args)) = command.split_first() else {
        bail!("no command to measure");
    };
    let before = getrusage(UsageWho::RUSAGE_CHILDREN).context("getrusage")?;
    if before.max_rss() != 0 {
        // Only a process with no reaped children gives one child's figures.
        bail!("this process has already waited for a child; run one command per process");
    }
    let started = Instant::now();
    let status = Command::new(program)
        .args(args)
        .status()
        .with_context(|| format!("cannot run {}", program.to_string_lossy()))?;
    let wall_s = started.elapsed().as_secs_f64();
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).context("getrusage")?;
    let seconds = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    Ok(ProcessCost {
        wall_s,
        user_s: seconds(usage.user_time()),
        sys_s: seconds(usage.system_time()),
        maxrss_kb: u64::try_from(usage.max_rss()).unwrap_or(0),
        exit_code: status.code(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_is_the_sum_of_user_and_system() {
        let cost = ProcessCost {
            wall_s: 1.0,
            user_s: 0.25,
            sys_s: 0.5,
            maxrss_kb: 1,
            exit_code: Some(0),
        };
        assert_eq!(cost.cpu_s(), 0.75);
    }

    #[test]
    fn an_empty_command_is_refused() {
        assert!(measure(&[]).is_err());
    }
}
