//! [`RunReport`]: what a run did, as `nbi fleet backup` prints it.

use std::time::Duration;

use serde::Serialize;

use crate::RunId;

/// The outcome of one `Runner::run`: the run's counts as stored (for a resumed run, the
/// whole run's), and this invocation's requests and time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunReport {
    /// The run.
    pub run_id: u64,
    /// Devices the run set out to back up.
    pub devices: u64,
    /// Devices whose configuration changed (or was seen for the first time).
    pub changed: u64,
    /// Devices whose configuration did not change.
    pub unchanged: u64,
    /// Devices that failed.
    pub failed: u64,
    /// HTTP requests made for device configs, retries included.
    pub requests: u64,
    /// Of those, retries.
    pub retries: u64,
    /// Wall time, in seconds.
    pub duration_s: f64,
    /// Whether the run stopped early (Ctrl-C): some devices have no result; `--resume` them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

impl RunReport {
    /// The run's id.
    pub fn run(&self) -> RunId {
        RunId(self.run_id)
    }

    /// Devices with no result (interrupted before their turn).
    pub fn missing(&self) -> u64 {
        self.devices
            .saturating_sub(self.changed + self.unchanged + self.failed)
    }

    /// Whether every device was backed up.
    pub fn all_succeeded(&self) -> bool {
        self.failed == 0 && self.missing() == 0 && !self.interrupted
    }

    /// The wall time.
    pub fn duration(&self) -> Duration {
        Duration::from_secs_f64(self.duration_s)
    }

    /// One line: `run 3: 1000 devices, 12 changed, 985 unchanged, 3 failed (1012 requests,
    /// 12 retries) in 4.2 s`.
    pub fn summary_line(&self) -> String {
        format!("run {}: {}", self.run_id, self.counts_line())
    }

    /// The summary line without the run's number.
    pub fn counts_line(&self) -> String {
        let mut line = format!(
            "{} devices, {} changed, {} unchanged, {} failed",
            self.devices, self.changed, self.unchanged, self.failed
        );
        if self.missing() > 0 {
            line.push_str(&format!(", {} not reached", self.missing()));
        }
        line.push_str(&format!(
            " ({} requests, {} retries) in {:.1} s",
            self.requests, self.retries, self.duration_s
        ));
        line
    }
}
