//! Behaviour of the SQLite snapshot store.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;
use crate::{Error, ErrorKind};

fn temp_store() -> (tempfile::TempDir, PathBuf, SqliteStore) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nbi.db");
    let store = SqliteStore::open(&path).unwrap();
    (dir, path, store)
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000 + secs)
}

fn dev(id: &str) -> StoreDevice {
    StoreDevice::new("acme", "core-nms", id)
}

fn fetched(text: &str) -> Outcome<'_> {
    Outcome::Fetched {
        raw: text.as_bytes(),
        normalized: text,
        attempts: 1,
        elapsed: Duration::from_millis(12),
    }
}

fn count_rows(path: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_migrated_and_reopens() {
    let (_dir, path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    store.record(run, &dev("r1"), &fetched("a\n")).unwrap();
    drop(store);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.text(&dev("r1"), None).unwrap(), "a\n");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, migrate::SCHEMA_VERSION);
}

#[test]
fn a_newer_schema_is_refused() {
    let (_dir, path, store) = temp_store();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = SqliteStore::open(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Store);
    assert!(err.message().contains("newer"), "{err}");
}

#[test]
fn runs_are_numbered_from_one_and_summarized() {
    let (_dir, _path, store) = temp_store();
    let first = store.begin_run(at(0)).unwrap();
    assert_eq!(first, RunId(1));
    store.record(first, &dev("r1"), &fetched("a\n")).unwrap();
    let failed = Outcome::Failed {
        error_kind: "transport",
        message: "timed out",
        attempts: 3,
        elapsed: Duration::from_secs(2),
    };
    store.record(first, &dev("r2"), &failed).unwrap();
    let totals = RunTotals {
        devices: 2,
        requests: 4,
        retries: 2,
    };
    store.finish_run(first, at(5), totals).unwrap();
    let second = store.begin_run(at(10)).unwrap();
    assert_eq!(second, RunId(2));

    let summary = store.run(first).unwrap();
    assert_eq!(summary.started_at, at(0));
    assert_eq!(summary.finished_at, Some(at(5)));
    assert_eq!(summary.totals, totals);
    let counts = OutcomeCounts {
        changed: 1,
        unchanged: 0,
        failed: 1,
    };
    assert_eq!(summary.counts, counts);
    let runs = store.runs(10).unwrap();
    assert_eq!(
        runs.iter().map(|r| r.id).collect::<Vec<_>>(),
        [second, first]
    );
    assert_eq!(runs[0].finished_at, None);
    assert_eq!(store.run(RunId(9)).unwrap_err().kind(), ErrorKind::Usage);
}

#[test]
fn unchanged_text_makes_no_version_and_changed_text_makes_version_two() {
    let (_dir, _path, store) = temp_store();
    let r1 = store.begin_run(at(0)).unwrap();
    let first = store.record(r1, &dev("r1"), &fetched("a\n")).unwrap();
    assert_eq!(first, Recorded::Changed { version: 1 });
    let r2 = store.begin_run(at(10)).unwrap();
    let same = store.record(r2, &dev("r1"), &fetched("a\n")).unwrap();
    assert_eq!(same, Recorded::Unchanged { version: 1 });
    let r3 = store.begin_run(at(20)).unwrap();
    let changed = store.record(r3, &dev("r1"), &fetched("b\n")).unwrap();
    assert_eq!(changed, Recorded::Changed { version: 2 });

    let history = store.versions(&dev("r1")).unwrap();
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(history[0].first_seen_run, Some(r1));
    assert_eq!(history[1].first_seen_run, Some(r3));
    assert_eq!(history[1].first_seen_at, at(20));
    assert_eq!(history[1].size, 2);
    assert_eq!(history[1].sha256, codec::sha256_hex(b"b\n"));
}

#[test]
fn identical_texts_are_stored_once() {
    let (_dir, path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    for id in ["r1", "r2", "r3"] {
        store.record(run, &dev(id), &fetched("same\n")).unwrap();
    }
    store.record(run, &dev("r4"), &fetched("other\n")).unwrap();
    store.flush().unwrap();
    assert_eq!(count_rows(&path, "versions"), 4);
    assert_eq!(count_rows(&path, "blobs"), 2);
    assert_eq!(count_rows(&path, "raw_blobs"), 2);
}

#[test]
fn a_second_result_for_a_device_in_one_run_is_refused() {
    let (_dir, path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    store.record(run, &dev("r1"), &fetched("a\n")).unwrap();
    let err = store.record(run, &dev("r1"), &fetched("b\n")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
    assert_eq!(
        err.message(),
        "acme/core-nms/r1 already has a result in run 1"
    );
    // The refused result left nothing behind.
    store.flush().unwrap();
    assert_eq!(count_rows(&path, "versions"), 1);
    assert_eq!(store.run(run).unwrap().counts.recorded(), 1);
    let err = store
        .record(RunId(7), &dev("r1"), &fetched("a\n"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
}

#[test]
fn failures_keep_kind_message_attempts_and_elapsed() {
    let (_dir, _path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    let failed = Outcome::Failed {
        error_kind: "decode",
        message: "no value at /data/running_config",
        attempts: 2,
        elapsed: Duration::from_micros(1500),
    };
    assert_eq!(
        store.record(run, &dev("r2"), &failed).unwrap(),
        Recorded::Failed
    );
    store.record(run, &dev("r1"), &fetched("a\n")).unwrap();
    let failures = store.failures(run).unwrap();
    assert_eq!(
        failures,
        [Failure {
            device: dev("r2"),
            error_kind: "decode".into(),
            message: "no value at /data/running_config".into(),
            attempts: 2,
            elapsed: Duration::from_micros(1500),
        }]
    );
    // A device that never succeeded has no text.
    assert_eq!(
        store.text(&dev("r2"), None).unwrap_err().kind(),
        ErrorKind::Usage
    );
}

#[test]
fn resume_lists_the_devices_without_a_result() {
    let (_dir, _path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    store.record(run, &dev("r2"), &fetched("a\n")).unwrap();
    let candidates = [dev("r1"), dev("r2"), dev("r3")];
    assert_eq!(
        store.devices_without_result(run, &candidates).unwrap(),
        [dev("r1"), dev("r3")]
    );
    store.record(run, &dev("r1"), &fetched("a\n")).unwrap();
    assert_eq!(
        store.devices_without_result(run, &candidates).unwrap(),
        [dev("r3")]
    );
}

#[test]
fn text_and_raw_by_version_and_latest() {
    let (_dir, _path, store) = temp_store();
    for (n, text) in ["one\n", "two\n", "three\n"].iter().enumerate() {
        let run = store.begin_run(at(n as u64)).unwrap();
        let raw = format!("RAW {text}");
        let outcome = Outcome::Fetched {
            raw: raw.as_bytes(),
            normalized: text,
            attempts: 1,
            elapsed: Duration::ZERO,
        };
        store.record(run, &dev("r1"), &outcome).unwrap();
    }
    assert_eq!(store.text(&dev("r1"), None).unwrap(), "three\n");
    assert_eq!(store.text(&dev("r1"), Some(1)).unwrap(), "one\n");
    assert_eq!(store.raw(&dev("r1"), Some(2)).unwrap(), b"RAW two\n");
    assert_eq!(store.raw(&dev("r1"), None).unwrap(), b"RAW three\n");
    let err = store.text(&dev("r1"), Some(4)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
    assert!(err.message().contains("no version 4 (latest is 3"), "{err}");
    let err = store.versions(&dev("nope")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
}

#[test]
fn status_shows_each_tenants_last_run() {
    let (_dir, _path, store) = temp_store();
    let r1 = store.begin_run(at(0)).unwrap();
    store.record(r1, &dev("r1"), &fetched("a\n")).unwrap();
    let other = StoreDevice::new("globex", "nms", "x1");
    store.record(r1, &other, &fetched("x\n")).unwrap();
    let r2 = store.begin_run(at(10)).unwrap();
    store.record(r2, &dev("r1"), &fetched("a\n")).unwrap();
    let last = store.last_run_per_tenant().unwrap();
    assert_eq!(last.len(), 2);
    assert_eq!((last[0].tenant.as_str(), last[0].run.id), ("acme", r2));
    assert_eq!(last[0].counts.unchanged, 1);
    assert_eq!((last[1].tenant.as_str(), last[1].run.id), ("globex", r1));
    assert_eq!(last[1].counts.changed, 1);
    assert_eq!(last[1].run.counts.changed, 2);
}

#[test]
fn prune_keeps_the_latest_versions_and_drops_orphan_blobs() {
    let (_dir, path, store) = temp_store();
    for n in 1..=4 {
        let run = store.begin_run(at(n)).unwrap();
        store
            .record(run, &dev("r1"), &fetched(&format!("v{n}\n")))
            .unwrap();
        // r2 keeps v1's text, so that blob must survive.
        let text = if n == 1 { "v1\n" } else { "r2\n" };
        store.record(run, &dev("r2"), &fetched(text)).unwrap();
        store.finish_run(run, at(n), RunTotals::default()).unwrap();
    }
    assert_eq!(store.prune(0).unwrap_err().kind(), ErrorKind::Usage);
    let report = store.prune(2).unwrap();
    assert_eq!(report.versions_removed, 2);
    // r1's v1 and v2 go; v2's text goes with them, v1's stays as r2's version 1.
    assert_eq!(report.blobs_removed, 1);
    assert!(report.bytes_after > 0);
    let versions: Vec<u32> = store
        .versions(&dev("r1"))
        .unwrap()
        .iter()
        .map(|v| v.version)
        .collect();
    assert_eq!(versions, [3, 4]);
    assert_eq!(store.text(&dev("r2"), Some(1)).unwrap(), "v1\n");
    assert_eq!(count_rows(&path, "blobs"), 4);
    assert_eq!(
        store.text(&dev("r1"), Some(1)).unwrap_err().kind(),
        ErrorKind::Usage
    );
}

#[test]
fn renormalize_adds_a_version_only_when_the_text_changes() {
    let (_dir, _path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    store.record(run, &dev("r1"), &fetched("keep\n")).unwrap();
    store
        .record(run, &dev("r2"), &fetched("keep\n! volatile\n"))
        .unwrap();
    let drop_volatile = |_: &StoreDevice, raw: &[u8]| -> crate::Result<String> {
        let text =
            std::str::from_utf8(raw).map_err(|e| Error::new(ErrorKind::Decode, e.to_string()))?;
        Ok(text
            .lines()
            .filter(|l| !l.starts_with('!'))
            .map(|l| format!("{l}\n"))
            .collect())
    };
    assert_eq!(store.renormalize(&drop_volatile).unwrap(), 1);
    assert_eq!(store.versions(&dev("r1")).unwrap().len(), 1);
    let r2 = store.versions(&dev("r2")).unwrap();
    assert_eq!(r2.len(), 2);
    assert_eq!(r2[1].first_seen_run, None);
    assert_eq!(store.text(&dev("r2"), None).unwrap(), "keep\n");
    // The same rules again change nothing.
    assert_eq!(store.renormalize(&drop_volatile).unwrap(), 0);

    let failing = |_: &StoreDevice, _: &[u8]| -> crate::Result<String> {
        Err(Error::new(ErrorKind::Decode, "bad rule"))
    };
    let err = store.renormalize(&failing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(
        err.message().contains("acme/core-nms/r1: bad rule"),
        "{err}"
    );
}

#[test]
fn a_second_backup_writer_is_refused_with_the_holders_pid() {
    let (_dir, path, store) = temp_store();
    drop(store);
    let writer = SqliteStore::open_for_backup(&path).unwrap();
    let err = SqliteStore::open_for_backup(&path).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Store);
    assert_eq!(
        err.message(),
        format!(
            "another backup is writing nbi.db (pid {})",
            std::process::id()
        )
    );
    // Readers need no lock.
    SqliteStore::open(&path).unwrap();
    drop(writer);
    SqliteStore::open_for_backup(&path).unwrap();
}

#[test]
fn ten_thousand_devices_insert_quickly() {
    let (_dir, path, store) = temp_store();
    let run = store.begin_run(at(0)).unwrap();
    for n in 0..10_000 {
        let text = format!("hostname r{n}\ninterface ge-0/0/0\n description uplink\n");
        store
            .record(run, &dev(&format!("r{n}")), &fetched(&text))
            .unwrap();
    }
    store.finish_run(run, at(1), RunTotals::default()).unwrap();
    assert_eq!(store.run(run).unwrap().counts.changed, 10_000);
    assert_eq!(count_rows(&path, "results"), 10_000);
}

#[test]
fn a_runs_results_and_the_known_devices_are_listed() {
    let (_dir, _path, store) = temp_store();
    let r1 = store.begin_run(at(0)).unwrap();
    store.record(r1, &dev("r1"), &fetched("a\n")).unwrap();
    store.record(r1, &dev("r2"), &fetched("b\n")).unwrap();
    let r2 = store.begin_run(at(10)).unwrap();
    let failed = Outcome::Failed {
        error_kind: "transport",
        message: "connection reset",
        attempts: 4,
        elapsed: Duration::from_millis(30),
    };
    store.record(r2, &dev("r2"), &failed).unwrap();
    store.record(r2, &dev("r1"), &fetched("a\n")).unwrap();
    let results = store.results(r2).unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0].device, dev("r1"));
    assert_eq!(results[0].recorded, Recorded::Unchanged { version: 1 });
    assert_eq!(results[0].error, None);
    assert_eq!(results[1].recorded, Recorded::Failed);
    // A failed device still names the version it was at, for `export --run`.
    assert_eq!(results[1].version, Some(1));
    assert_eq!(
        results[1].error,
        Some(("transport".into(), "connection reset".into()))
    );
    assert_eq!(results[1].attempts, 4);
    assert_eq!(store.devices().unwrap(), [dev("r1"), dev("r2")]);
}

#[test]
fn replaced_raw_bodies_are_dropped_at_the_end_of_a_run() {
    let (_dir, path, store) = temp_store();
    for n in 0..3 {
        let run = store.begin_run(at(n)).unwrap();
        // The body changes every time (a timestamp); the normalized text does not.
        let raw = format!("! generated at {n}\nhostname r1\n");
        let outcome = Outcome::Fetched {
            raw: raw.as_bytes(),
            normalized: "hostname r1\n",
            attempts: 1,
            elapsed: Duration::ZERO,
        };
        store.record(run, &dev("r1"), &outcome).unwrap();
        store.finish_run(run, at(n), RunTotals::default()).unwrap();
    }
    // Version 1's body and the latest fetch's body.
    assert_eq!(count_rows(&path, "raw_blobs"), 2);
    assert_eq!(
        store.raw(&dev("r1"), Some(1)).unwrap(),
        b"! generated at 0\nhostname r1\n"
    );
    assert_eq!(
        store.raw(&dev("r1"), None).unwrap(),
        b"! generated at 2\nhostname r1\n"
    );
}
