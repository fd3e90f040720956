//! What the daemon reports on `/healthz`: the schedule, the next run and the last run.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use serde::Serialize;

use super::cron::{Schedule, rfc3339};

/// What one scheduled run reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobReport {
    /// The run's number in the store, when the run got that far.
    pub run_id: Option<u64>,
    /// Whether every device was backed up.
    pub ok: bool,
    /// Devices in the run.
    pub devices: u64,
    /// Devices that failed.
    pub failed: u64,
    /// How long the run took.
    pub duration: Duration,
    /// Why the run could not run at all (e.g. the store is locked); `None` when it ran, even
    /// with failed devices.
    pub error: Option<String>,
}

/// How the daemon is doing, as `/healthz` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HealthStatus {
    /// No run has finished yet.
    Starting,
    /// The last run backed up every device.
    Ok,
    /// The last run had failed devices, or could not run at all (see [`HealthReport::is_serving`]).
    Degraded,
}

/// The daemon's health, shared by the scheduler (which writes it) and the `/healthz` handler
/// (which reads it). Cloning is cheap: clones share one state.
#[derive(Debug, Clone)]
pub struct HealthState {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug)]
struct Inner {
    schedule: String,
    next_run: Option<SystemTime>,
    last_run: Option<(JobReport, SystemTime)>,
    runs: u64,
}

/// The `/healthz` document: `{"status", "schedule", "next_run", "last_run", "runs"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HealthReport {
    /// `ok`, `degraded` or `starting`.
    pub status: HealthStatus,
    /// The schedule, e.g. `0 */6 * * * (UTC)`.
    pub schedule: String,
    /// The next fire time, RFC 3339 in UTC.
    pub next_run: Option<String>,
    /// The last finished run.
    pub last_run: Option<LastRun>,
    /// Runs made since the daemon started.
    pub runs: u64,
    /// Whether the last run could run at all; `false` answers HTTP 503.
    #[serde(skip)]
    pub is_serving: bool,
}

/// The last finished run, as `/healthz` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastRun {
    /// The run's number in the store.
    pub run_id: Option<u64>,
    /// Whether every device was backed up.
    pub ok: bool,
    /// Devices in the run.
    pub devices: u64,
    /// Devices that failed.
    pub failed: u64,
    /// How long the run took, in seconds.
    pub duration_s: f64,
    /// When the run finished, RFC 3339 in UTC.
    pub finished_at: Option<String>,
    /// Why the run could not run at all.
    pub error: Option<String>,
}

impl HealthState {
    /// A state for `schedule`, with no run yet (`starting`).
    pub fn new(schedule: &Schedule) -> Self {
        HealthState {
            inner: Arc::new(Mutex::new(Inner {
                schedule: schedule.to_string(),
                next_run: None,
                last_run: None,
                runs: 0,
            })),
        }
    }

    /// Sets the next fire time (`None` when none is planned).
    pub fn set_next_run(&self, next: Option<SystemTime>) {
        self.lock().next_run = next;
    }

    /// Records a finished run and counts it.
    pub fn record_run(&self, report: JobReport, finished_at: SystemTime) {
        let mut inner = self.lock();
        inner.last_run = Some((report, finished_at));
        inner.runs += 1;
    }

    /// The current state, as `/healthz` serves it.
    pub fn report(&self) -> HealthReport {
        let inner = self.lock();
        let last = inner.last_run.as_ref();
        let status = match last {
            None => HealthStatus::Starting,
            Some((r, _)) if r.ok && r.error.is_none() => HealthStatus::Ok,
            Some(_) => HealthStatus::Degraded,
        };
        HealthReport {
            status,
            schedule: inner.schedule.clone(),
            next_run: inner.next_run.and_then(rfc3339),
            last_run: last.map(|(r, at)| LastRun {
                run_id: r.run_id,
                ok: r.ok,
                devices: r.devices,
                failed: r.failed,
                duration_s: r.duration.as_secs_f64(),
                finished_at: rfc3339(*at),
                error: r.error.clone(),
            }),
            runs: inner.runs,
            is_serving: last.is_none_or(|(r, _)| r.error.is_none()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A poisoned lock only means a panic elsewhere; the state is plain data and still valid.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
