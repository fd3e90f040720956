//! The scheduling loop: sleep to the next fire time, run the job, record it, repeat.

use std::future::Future;
use std::pin::{Pin, pin};
use std::time::{Duration, SystemTime};

use nbi_core::{Clock, SharedClock};

use super::cron::{Schedule, rfc3339};
use super::health::{HealthState, JobReport};
use crate::error::{Error, ErrorKind, Result};

const TARGET: &str = "nbi::fleet::schedule";

/// The longest single sleep. Sleeping in slices and reading the wall clock again after each
/// keeps a fire time on time when the wall clock jumps (NTP step, suspend), which a monotonic
/// sleep of hours would not notice.
const MAX_SLEEP: Duration = Duration::from_secs(60);

/// Counting skipped fire times stops here: the number is only for the log.
const MAX_MISSED_COUNTED: usize = 10_000;

/// Runs `job` at each fire time of `schedule` until `shutdown` completes, and returns how many
/// runs were made.
///
/// Runs never overlap: when a run outlasts later fire times, those are skipped (and logged) and
/// the next run is at the first fire time after the run ended. `shutdown` is honoured at once
/// while sleeping; a run in progress is left to finish (the job watches for interruption
/// itself), then this returns. Each run's report goes into `health`, which also carries the
/// next fire time. Logs go to the target `nbi::fleet::schedule`.
///
/// Errors ([`ErrorKind::Usage`]) only when the schedule has no fire time left.
pub async fn run_schedule<J, Fut>(
    schedule: &Schedule,
    clock: SharedClock,
    shutdown: impl Future<Output = ()>,
    health: HealthState,
    mut job: J,
) -> Result<u64>
where
    J: FnMut() -> Fut,
    Fut: Future<Output = JobReport>,
{
    let mut shutdown = pin!(shutdown);
    let mut runs = 0u64;
    tracing::info!(target: TARGET, schedule = %schedule, "schedule started");
    loop {
        let Some(fire_at) = schedule.next_after(clock.now()) else {
            health.set_next_run(None);
            return Err(Error::new(
                ErrorKind::Usage,
                format!("fleet.schedule.cron: {schedule} has no fire time left"),
            ));
        };
        health.set_next_run(Some(fire_at));
        tracing::info!(target: TARGET, next_run = %show(fire_at), "next run planned");
        if !sleep_until(&*clock, fire_at, shutdown.as_mut()).await {
            tracing::info!(target: TARGET, runs, "schedule stopped");
            return Ok(runs);
        }

        health.set_next_run(schedule.next_after(fire_at));
        tracing::info!(target: TARGET, scheduled_for = %show(fire_at), "run starting");
        let report = job().await;
        let finished_at = clock.now();
        runs += 1;
        log_report(&report);
        health.record_run(report, finished_at);

        let missed = missed_fire_times(schedule, fire_at, finished_at);
        if missed > 0 {
            tracing::warn!(
                target: TARGET,
                missed,
                finished_at = %show(finished_at),
                "the run outlasted {missed} later fire time(s); they are skipped"
            );
        }
    }
}

/// Sleeps until the clock reaches `deadline`; `false` if `shutdown` completed first.
async fn sleep_until<S>(clock: &dyn Clock, deadline: SystemTime, mut shutdown: Pin<&mut S>) -> bool
where
    S: Future<Output = ()>,
{
    loop {
        let left = deadline
            .duration_since(clock.now())
            .unwrap_or(Duration::ZERO);
        if left.is_zero() {
            return true;
        }
        tokio::select! {
            // Shutdown first, so a clock whose sleeps end at once still lets it through.
            biased;
            () = &mut shutdown => return false,
            () = clock.sleep(left.min(MAX_SLEEP)) => {}
        }
    }
}

/// Fire times after `fire_at` that passed by `finished_at`.
fn missed_fire_times(schedule: &Schedule, fire_at: SystemTime, finished_at: SystemTime) -> usize {
    let mut missed = 0;
    let mut cursor = fire_at;
    while missed < MAX_MISSED_COUNTED {
        match schedule.next_after(cursor) {
            Some(next) if next <= finished_at => {
                missed += 1;
                cursor = next;
            }
            _ => break,
        }
    }
    missed
}

fn log_report(report: &JobReport) {
    let duration_s = report.duration.as_secs_f64();
    match &report.error {
        Some(error) => tracing::warn!(
            target: TARGET,
            run_id = report.run_id,
            duration_s,
            "run could not run: {error}"
        ),
        None => tracing::info!(
            target: TARGET,
            run_id = report.run_id,
            ok = report.ok,
            devices = report.devices,
            failed = report.failed,
            duration_s,
            "run finished"
        ),
    }
}

fn show(t: SystemTime) -> String {
    rfc3339(t).unwrap_or_else(|| format!("{t:?}"))
}
