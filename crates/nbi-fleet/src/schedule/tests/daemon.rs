use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use nbi_core::{Clock, ManualClock, SharedClock};
use tokio::sync::Notify;

use super::{at, show_all};
use crate::schedule::{HealthState, HealthStatus, JobReport, Schedule, run_schedule};

/// Wall time that follows tokio's (paused) clock, so sleeps really wait and shutdown can
/// arrive in the middle of one.
#[derive(Debug)]
struct PausedClock {
    base: SystemTime,
    start: tokio::time::Instant,
}

impl PausedClock {
    fn new(base: SystemTime) -> Arc<Self> {
        Arc::new(PausedClock {
            base,
            start: tokio::time::Instant::now(),
        })
    }
}

impl Clock for PausedClock {
    fn now(&self) -> SystemTime {
        self.base + self.start.elapsed()
    }
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        Box::pin(tokio::time::sleep(duration))
    }
}

fn report(devices: u64) -> JobReport {
    JobReport {
        run_id: Some(1),
        ok: true,
        devices,
        failed: 0,
        duration: Duration::from_secs(2),
        error: None,
    }
}

/// A job that notes when it starts, takes `work(run)` of clock time, and asks for shutdown
/// after `stop_after` runs.
struct Recorder {
    starts: Arc<Mutex<Vec<SystemTime>>>,
    stop: Arc<Notify>,
}

impl Recorder {
    fn new() -> Self {
        Recorder {
            starts: Arc::default(),
            stop: Arc::new(Notify::new()),
        }
    }

    fn job(
        &self,
        clock: ManualClock,
        stop_after: usize,
        work: fn(usize) -> Duration,
    ) -> impl FnMut() -> std::future::Ready<JobReport> + use<> {
        let starts = self.starts.clone();
        let stop = self.stop.clone();
        move || {
            let mut starts = starts.lock().unwrap();
            starts.push(clock.now());
            clock.advance(work(starts.len()));
            if starts.len() == stop_after {
                stop.notify_one();
            }
            std::future::ready(report(starts.len() as u64))
        }
    }

    fn shutdown(&self) -> impl Future<Output = ()> + use<> {
        let stop = self.stop.clone();
        async move { stop.notified().await }
    }

    fn starts(&self) -> Vec<String> {
        show_all(&self.starts.lock().unwrap())
    }
}

#[tokio::test]
async fn runs_at_each_fire_time_and_records_health() {
    let schedule = Schedule::parse("*/10 * * * *", "UTC").unwrap();
    let clock = ManualClock::new(at("2026-01-01T00:00:10Z"));
    let health = HealthState::new(&schedule);
    let recorder = Recorder::new();
    let job = recorder.job(clock.clone(), 3, |_| Duration::from_secs(2));

    let shared: SharedClock = Arc::new(clock.clone());
    let runs = run_schedule(&schedule, shared, recorder.shutdown(), health.clone(), job)
        .await
        .unwrap();

    assert_eq!(runs, 3);
    assert_eq!(
        recorder.starts(),
        [
            "2026-01-01T00:10:00Z",
            "2026-01-01T00:20:00Z",
            "2026-01-01T00:30:00Z"
        ]
    );
    let report = health.report();
    assert_eq!(report.status, HealthStatus::Ok);
    assert_eq!(report.runs, 3);
    assert_eq!(report.next_run.as_deref(), Some("2026-01-01T00:40:00Z"));
    let last = report.last_run.unwrap();
    assert_eq!(last.devices, 3);
    assert_eq!(last.finished_at.as_deref(), Some("2026-01-01T00:30:02Z"));
    // Long waits are cut into slices of at most a minute, re-reading the clock after each.
    assert!(clock.sleeps().iter().all(|s| *s <= Duration::from_secs(60)));
}

#[tokio::test]
async fn a_run_that_outlasts_fire_times_skips_them() {
    let (_guard, logs) = nbi_core::telemetry::capture_logs();
    let schedule = Schedule::parse("*/10 * * * *", "UTC").unwrap();
    let clock = ManualClock::new(at("2026-01-01T10:00:05Z"));
    let health = HealthState::new(&schedule);
    let recorder = Recorder::new();
    // The first run takes 25 minutes: 10:20 and 10:30 pass while it runs.
    let job = recorder.job(clock.clone(), 3, |run| {
        Duration::from_secs(if run == 1 { 25 * 60 } else { 1 })
    });

    let shared: SharedClock = Arc::new(clock.clone());
    let runs = run_schedule(&schedule, shared, recorder.shutdown(), health, job)
        .await
        .unwrap();

    assert_eq!(runs, 3);
    assert_eq!(
        recorder.starts(),
        [
            "2026-01-01T10:10:00Z",
            "2026-01-01T10:40:00Z",
            "2026-01-01T10:50:00Z"
        ]
    );
    let logs = logs.contents();
    assert!(
        logs.contains("the run outlasted 2 later fire time(s); they are skipped"),
        "{logs}"
    );
    assert!(logs.contains("nbi::fleet::schedule"), "{logs}");
    assert!(logs.contains("next_run=2026-01-01T10:10:00Z"), "{logs}");
    assert!(logs.contains("run finished"), "{logs}");
}

#[tokio::test(start_paused = true)]
async fn shutdown_while_sleeping_returns_at_once() {
    let schedule = Schedule::parse("0 * * * *", "UTC").unwrap();
    let clock = PausedClock::new(at("2026-01-01T00:00:10Z"));
    let health = HealthState::new(&schedule);
    let ran = Arc::new(AtomicBool::new(false));
    let job = {
        let ran = ran.clone();
        move || {
            ran.store(true, Ordering::SeqCst);
            std::future::ready(report(1))
        }
    };
    let shutdown = tokio::time::sleep(Duration::from_secs(90));

    let runs = run_schedule(&schedule, clock.clone(), shutdown, health.clone(), job)
        .await
        .unwrap();

    assert_eq!(runs, 0);
    assert!(!ran.load(Ordering::SeqCst));
    // Returned when shutdown came, not at the hour.
    assert_eq!(clock.start.elapsed(), Duration::from_secs(90));
    let report = health.report();
    assert_eq!(report.status, HealthStatus::Starting);
    assert_eq!(report.next_run.as_deref(), Some("2026-01-01T01:00:00Z"));
}

#[tokio::test(start_paused = true)]
async fn shutdown_during_a_run_lets_it_finish_then_returns() {
    let schedule = Schedule::parse("* * * * *", "UTC").unwrap();
    let clock = PausedClock::new(at("2026-01-01T00:00:30Z"));
    let health = HealthState::new(&schedule);
    let finished = Arc::new(AtomicBool::new(false));
    let job = {
        let finished = finished.clone();
        move || {
            let finished = finished.clone();
            async move {
                tokio::time::sleep(Duration::from_secs(300)).await;
                finished.store(true, Ordering::SeqCst);
                report(1)
            }
        }
    };
    // Arrives 60 s into the five-minute run that starts at 00:01:00.
    let shutdown = tokio::time::sleep(Duration::from_secs(90));

    let runs = run_schedule(&schedule, clock.clone(), shutdown, health.clone(), job)
        .await
        .unwrap();

    assert_eq!(runs, 1);
    assert!(finished.load(Ordering::SeqCst));
    assert_eq!(clock.start.elapsed(), Duration::from_secs(30 + 300));
    assert_eq!(health.report().runs, 1);
}

#[tokio::test]
async fn a_run_that_could_not_run_marks_health_unavailable() {
    let schedule = Schedule::parse("0 0 * * *", "Europe/Paris").unwrap();
    let clock = ManualClock::new(at("2026-06-01T12:00:00Z"));
    let health = HealthState::new(&schedule);
    let stop = Arc::new(Notify::new());
    let job = {
        let stop = stop.clone();
        move || {
            stop.notify_one();
            std::future::ready(JobReport {
                run_id: None,
                ok: false,
                devices: 0,
                failed: 0,
                duration: Duration::ZERO,
                error: Some("the store is locked by another backup".into()),
            })
        }
    };
    let shutdown = async move { stop.notified().await };

    let shared: SharedClock = Arc::new(clock.clone());
    let runs = run_schedule(&schedule, shared, shutdown, health.clone(), job)
        .await
        .unwrap();

    assert_eq!(runs, 1);
    let report = health.report();
    assert_eq!(report.status, HealthStatus::Degraded);
    assert!(!report.is_serving);
    // Midnight in Paris in summer is 22:00 UTC the day before.
    let last = report.last_run.unwrap();
    assert_eq!(last.finished_at.as_deref(), Some("2026-06-01T22:00:00Z"));
    assert_eq!(report.next_run.as_deref(), Some("2026-06-02T22:00:00Z"));
}

#[test]
fn the_loop_can_be_spawned() {
    fn is_send<T: Send>(_: T) {}
    let schedule = Schedule::parse("@hourly", "UTC").unwrap();
    let health = HealthState::new(&schedule);
    let clock: SharedClock = Arc::new(ManualClock::new(at("2026-01-01T00:00:00Z")));
    is_send(run_schedule(
        &schedule,
        clock,
        std::future::pending(),
        health,
        || std::future::ready(report(0)),
    ));
}
