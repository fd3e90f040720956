use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures::future::BoxFuture;
use proptest::prelude::*;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::source::{ConfigSource, Fetched, SourceEntry};
use crate::{NormalizeSettings, Normalizer, Outcome, Recorded, SqliteStore};

/// Counts fetches in flight, overall and per source, and remembers the highest counts.
#[derive(Debug, Default)]
struct InFlight {
    now: AtomicUsize,
    peak: AtomicUsize,
}

/// Leaves on drop, so a fetch the runner drops (cancellation) is counted out too.
struct Entered<'a>(&'a InFlight);

impl Drop for Entered<'_> {
    fn drop(&mut self) {
        self.0.now.fetch_sub(1, Ordering::SeqCst);
    }
}

impl InFlight {
    fn enter(&self) -> Entered<'_> {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        Entered(self)
    }
    fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// A source answering `config <id> v<generation>` after a delay, failing the ids in `fail`.
#[derive(Debug)]
struct FakeSource {
    global: Arc<InFlight>,
    own: InFlight,
    delay_ms: fn(&str) -> u64,
    fail: fn(&str) -> bool,
    generation: AtomicUsize,
    fetches: Mutex<HashMap<String, usize>>,
}

impl FakeSource {
    fn new(global: Arc<InFlight>, delay_ms: fn(&str) -> u64, fail: fn(&str) -> bool) -> Self {
        FakeSource {
            global,
            own: InFlight::default(),
            delay_ms,
            fail,
            generation: AtomicUsize::new(1),
            fetches: Mutex::default(),
        }
    }
    fn fetched(&self, id: &str) -> usize {
        self.fetches.lock().unwrap().get(id).copied().unwrap_or(0)
    }
}

impl ConfigSource for FakeSource {
    fn kind(&self) -> &'static str {
        "fake"
    }
    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, crate::Result<Fetched>> {
        Box::pin(async move {
            *self
                .fetches
                .lock()
                .unwrap()
                .entry(id.to_owned())
                .or_default() += 1;
            let _global = self.global.enter();
            let _own = self.own.enter();
            tokio::time::sleep(Duration::from_millis((self.delay_ms)(id))).await;
            if (self.fail)(id) {
                return Err(nbi_core::Error::from_status(
                    http::StatusCode::SERVICE_UNAVAILABLE,
                    None,
                )
                .into());
            }
            let generation = self.generation.load(Ordering::SeqCst);
            Ok(Fetched {
                body: Bytes::from(format!(
                    "Building configuration...\nhostname {id}\nversion {generation}\n"
                )),
                attempts: 2,
            })
        })
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    sources: Vec<Arc<FakeSource>>,
    global: Arc<InFlight>,
    devices: Vec<DeviceRef>,
    runner: Runner,
}

/// `per_source` devices in each of `source_count` sources of tenant `acme`.
fn fixture(
    source_count: usize,
    per_source: usize,
    delay_ms: fn(&str) -> u64,
    fail: fn(&str) -> bool,
) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let global = Arc::new(InFlight::default());
    let normalizer = Arc::new(Normalizer::new(&NormalizeSettings::default(), None).unwrap());
    let mut set = Sources::new();
    let mut sources = Vec::new();
    let mut devices = Vec::new();
    for s in 0..source_count {
        let source = Arc::new(FakeSource::new(Arc::clone(&global), delay_ms, fail));
        let name = format!("nms-{s}");
        set.insert(
            "acme",
            &name,
            SourceEntry {
                source: source.clone(),
                normalizer: Arc::clone(&normalizer),
                max_concurrency: 20,
            },
        );
        sources.push(source);
        for d in 0..per_source {
            devices.push(DeviceRef::new("acme", &name, format!("r{d}")).unwrap());
        }
    }
    let runner = Runner::new(store.clone(), set);
    Fixture {
        _dir: dir,
        store,
        sources,
        global,
        devices,
        runner,
    }
}

fn no_delay(_: &str) -> u64 {
    0
}
fn never(_: &str) -> bool {
    false
}

#[tokio::test(start_paused = true)]
async fn every_device_gets_one_result_and_unchanged_configs_add_no_version() {
    let f = fixture(2, 30, |id| id.len() as u64 * 7, |id| id == "r13");
    let first = f
        .runner
        .run(&f.devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(
        (
            first.run_id,
            first.devices,
            first.changed,
            first.unchanged,
            first.failed
        ),
        (1, 60, 58, 0, 2)
    );
    assert_eq!((first.requests, first.retries), (58 * 2, 58));
    assert!(!first.all_succeeded());

    let second = f
        .runner
        .run(&f.devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(
        (second.changed, second.unchanged, second.failed),
        (0, 58, 2)
    );
    let r0 = StoreDevice::new("acme", "nms-0", "r0");
    assert_eq!(f.store.versions(&r0).unwrap().len(), 1);
    // The volatile line never reached the store.
    assert_eq!(f.store.text(&r0, None).unwrap(), "hostname r0\nversion 1\n");

    f.sources[0].generation.store(2, Ordering::SeqCst);
    let third = f
        .runner
        .run(&f.devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((third.changed, third.unchanged), (29, 29));
    assert_eq!(f.store.versions(&r0).unwrap().len(), 2);
    let failures = f.store.failures(RunId(3)).unwrap();
    assert_eq!(failures.len(), 2);
    assert_eq!(failures[0].error_kind, "status");
    assert!(
        failures[0].message.contains("503"),
        "{}",
        failures[0].message
    );
}

#[tokio::test(start_paused = true)]
async fn resume_fetches_only_the_devices_without_a_result() {
    let f = fixture(1, 10, no_delay, never);
    // A run that crashed after recording three devices.
    let run = f.store.begin_run(std::time::SystemTime::now()).unwrap();
    for id in ["r1", "r4", "r7"] {
        let outcome = Outcome::Fetched {
            raw: b"x\n",
            normalized: "x\n",
            attempts: 1,
            elapsed: Duration::ZERO,
        };
        let device = StoreDevice::new("acme", "nms-0", id);
        f.store.record(run, &device, &outcome).unwrap();
    }
    f.store.flush().unwrap();

    let report = f
        .runner
        .run(&f.devices, Some(run), CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.run_id, run.0);
    assert_eq!(report.changed + report.unchanged + report.failed, 10);
    assert!(report.all_succeeded());
    for id in ["r1", "r4", "r7"] {
        assert_eq!(f.sources[0].fetched(id), 0, "{id} was fetched again");
    }
    for id in ["r0", "r2", "r9"] {
        assert_eq!(f.sources[0].fetched(id), 1);
    }
    assert_eq!(f.store.run(run).unwrap().counts.recorded(), 10);
}

#[tokio::test(start_paused = true)]
async fn cancelling_keeps_what_finished_and_resume_completes_the_run() {
    let f = fixture(1, 40, |id| if id < "r2" { 10 } else { 10_000 }, never);
    let runner = f.runner.clone().concurrency(4);
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(500)).await;
        trigger.cancel();
    });
    let report = runner.run(&f.devices, None, cancel).await.unwrap();
    assert!(report.interrupted);
    assert!(report.missing() > 0);
    let recorded = report.changed + report.unchanged + report.failed;
    assert!(recorded > 0 && recorded < 40, "{report:?}");
    assert_eq!(
        f.global.now.load(Ordering::SeqCst),
        0,
        "a fetch kept running"
    );

    let resumed = runner
        .run(&f.devices, Some(report.run()), CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(resumed.changed + resumed.unchanged + resumed.failed, 40);
    assert!(resumed.all_succeeded());
}

#[tokio::test]
async fn a_device_of_an_unknown_source_is_refused_before_anything_runs() {
    let f = fixture(1, 2, no_delay, never);
    let mut devices = f.devices.clone();
    devices.push(DeviceRef::new("globex", "nms-0", "r1").unwrap());
    let err = f
        .runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Usage);
    assert!(err.message().contains("globex/nms-0"), "{err}");
    assert!(f.store.runs(10).unwrap().is_empty());
}

#[derive(Debug, Default)]
struct CountingProgress {
    started: Mutex<Option<u64>>,
    seen: Mutex<Vec<(DeviceRef, Recorded)>>,
}

impl Progress for CountingProgress {
    fn started(&self, _run: RunId, todo: u64) {
        *self.started.lock().unwrap() = Some(todo);
    }
    fn recorded(&self, device: &DeviceRef, recorded: &Recorded) {
        self.seen.lock().unwrap().push((device.clone(), *recorded));
    }
}

#[tokio::test(start_paused = true)]
async fn progress_and_metrics_see_every_result() {
    let f = fixture(1, 5, no_delay, |id| id == "r0");
    let progress = Arc::new(CountingProgress::default());
    let metrics = nbi_core::Metrics::new();
    let runner = f
        .runner
        .clone()
        .progress(progress.clone())
        .metrics(metrics.clone());
    runner
        .run(&f.devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(*progress.started.lock().unwrap(), Some(5));
    assert_eq!(progress.seen.lock().unwrap().len(), 5);
    let text = metrics.encode();
    assert!(
        text.contains(r#"nbi_fleet_devices_total{tenant="acme",outcome="changed"} 4"#),
        "{text}"
    );
    assert!(text.contains(r#"outcome="failed"} 1"#), "{text}");
    assert!(
        text.contains("nbi_fleet_run_duration_seconds_count 1"),
        "{text}"
    );
}

fn varied_delay(id: &str) -> u64 {
    id.bytes().map(u64::from).sum::<u64>() % 37
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Under random bounds and failures the runner never exceeds either bound and every
    /// device ends with exactly one result.
    #[test]
    fn bounds_hold_and_every_device_is_counted_once(
        sources in 1usize..5,
        per_source in 1usize..40,
        concurrency in 1usize..12,
        per_source_bound in 1usize..6,
        fail_mod in 2usize..7,
    ) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        // fn pointers cannot capture: the failure pattern is picked from a small table.
        let fail: fn(&str) -> bool = match fail_mod {
            2 => |id| id.ends_with('2'),
            3 => |id| id.ends_with('3') || id.ends_with('7'),
            4 => |id| id.len() > 2,
            5 => |_| true,
            _ => never,
        };
        let f = fixture(sources, per_source, varied_delay, fail);
        let runner = f
            .runner
            .clone()
            .concurrency(concurrency)
            .per_source_concurrency(per_source_bound);
        let report = rt
            .block_on(runner.run(&f.devices, None, CancellationToken::new()))
            .unwrap();
        prop_assert!(f.global.peak() <= concurrency);
        for source in &f.sources {
            prop_assert!(source.own.peak() <= per_source_bound);
            for d in 0..per_source {
                prop_assert_eq!(source.fetched(&format!("r{d}")), 1);
            }
        }
        let total = (sources * per_source) as u64;
        prop_assert_eq!(report.devices, total);
        prop_assert_eq!(report.changed + report.unchanged + report.failed, total);
        let results = f.store.results(report.run()).unwrap();
        prop_assert_eq!(results.len() as u64, total);
        let failed = results.iter().filter(|r| r.recorded == Recorded::Failed).count() as u64;
        prop_assert_eq!(failed, report.failed);
    }
}

#[tokio::test(start_paused = true)]
async fn fetched_texts_reach_the_directory_mirror() {
    let f = fixture(1, 3, no_delay, |id| id == "r1");
    let out = tempfile::tempdir().unwrap();
    let settings = crate::ExportSettings {
        git: None,
        dir: Some(out.path().join("mirror")),
    };
    let exports = Arc::new(crate::Exports::from_settings(Some(&settings), out.path()).unwrap());
    let runner = f.runner.clone().exports(exports);
    runner
        .run(&f.devices, None, CancellationToken::new())
        .await
        .unwrap();
    let mirror = out.path().join("mirror/acme/nms-0");
    assert_eq!(
        std::fs::read_to_string(mirror.join("r0")).unwrap(),
        "hostname r0\nversion 1\n"
    );
    assert!(mirror.join("r2").exists());
    assert!(!mirror.join("r1").exists(), "a failed device has no text");
}
