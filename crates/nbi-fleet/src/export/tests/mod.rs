//! Behaviour of the directory mirror, the git export and `export_dir`.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;
use crate::store::{Outcome, RunId, RunTotals, SnapshotStore, SqliteStore, StoreDevice};
use crate::{ErrorKind, ExportSettings};

fn dev(id: &str) -> StoreDevice {
    StoreDevice::new("acme", "core-nms", id)
}

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000 + secs)
}

fn fetched(text: &str) -> Outcome<'_> {
    Outcome::Fetched {
        raw: text.as_bytes(),
        normalized: text,
        attempts: 1,
        elapsed: Duration::from_millis(7),
    }
}

const FAILED: Outcome<'static> = Outcome::Failed {
    error_kind: "transport",
    message: "timed out",
    attempts: 3,
    elapsed: Duration::from_secs(1),
};

fn read(root: &Path, device: &StoreDevice) -> String {
    fs::read_to_string(
        root.join(&device.tenant)
            .join(&device.source)
            .join(&device.id),
    )
    .unwrap()
}

/// Every file under `root`, as paths relative to it, sorted.
fn files_under(root: &Path) -> Vec<String> {
    fn walk(root: &Path, folder: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

#[test]
fn the_mirror_writes_only_what_changed_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("backups");
    let mirror = DirMirror::new(&root).unwrap();
    assert!(root.is_dir());
    assert!(mirror.write(&dev("r1"), "hostname r1\n").unwrap());
    assert!(!mirror.write(&dev("r1"), "hostname r1\n").unwrap());
    assert!(mirror.write(&dev("r1"), "hostname r1-new\n").unwrap());
    assert!(mirror.write(&dev("r2.lab:0"), "").unwrap());
    assert!(!mirror.write(&dev("r2.lab:0"), "").unwrap());
    assert_eq!(read(&root, &dev("r1")), "hostname r1-new\n");
    assert_eq!(
        files_under(&root),
        ["acme/core-nms/r1", "acme/core-nms/r2.lab:0"]
    );
}

#[test]
fn names_that_would_leave_the_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("mirror");
    let mirror = DirMirror::new(&root).unwrap();
    let hostile = [
        StoreDevice::new("acme", "core-nms", ".."),
        StoreDevice::new("acme", "core-nms", "."),
        StoreDevice::new("acme", "core-nms", "../../escape"),
        StoreDevice::new("acme", "core-nms", "/etc/passwd"),
        StoreDevice::new("..", "core-nms", "r1"),
        StoreDevice::new("acme", "..", "r1"),
        StoreDevice::new("", "core-nms", "r1"),
        StoreDevice::new("acme", "core/nms", "r1"),
    ];
    for device in hostile {
        let err = mirror.write(&device, "x").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Usage, "{device:?}");
    }
    assert_eq!(files_under(dir.path()), Vec::<String>::new());
}

/// A store with three devices over two runs:
/// run 1: r1 "a" (v1), r2 "b" (v1), r3 failed; run 2: r1 "a2" (v2), r2 failed, r3 failed.
fn two_run_store(dir: &Path) -> SqliteStore {
    let store = SqliteStore::open(dir.join("nbi.db")).unwrap();
    let r1 = store.begin_run(at(0)).unwrap();
    store.record(r1, &dev("r1"), &fetched("a\n")).unwrap();
    store.record(r1, &dev("r2"), &fetched("b\n")).unwrap();
    store.record(r1, &dev("r3"), &FAILED).unwrap();
    store.finish_run(r1, at(1), RunTotals::default()).unwrap();
    let r2 = store.begin_run(at(10)).unwrap();
    store.record(r2, &dev("r1"), &fetched("a2\n")).unwrap();
    store.record(r2, &dev("r2"), &FAILED).unwrap();
    store.record(r2, &dev("r3"), &FAILED).unwrap();
    store.finish_run(r2, at(11), RunTotals::default()).unwrap();
    store
}

#[test]
fn export_dir_writes_the_latest_texts_and_skips_devices_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_run_store(dir.path());
    let out = dir.path().join("latest");
    assert_eq!(export_dir(&store, &out, None).unwrap(), 2);
    assert_eq!(read(&out, &dev("r1")), "a2\n");
    assert_eq!(read(&out, &dev("r2")), "b\n");
    assert_eq!(files_under(&out), ["acme/core-nms/r1", "acme/core-nms/r2"]);
}

#[test]
fn export_dir_of_a_run_writes_the_versions_after_that_run() {
    let dir = tempfile::tempdir().unwrap();
    let store = two_run_store(dir.path());
    let first = dir.path().join("run1");
    assert_eq!(export_dir(&store, &first, Some(RunId(1))).unwrap(), 2);
    assert_eq!(read(&first, &dev("r1")), "a\n");
    assert_eq!(read(&first, &dev("r2")), "b\n");
    // In run 2, r2 failed but still had version 1; r3 never had one.
    let second = dir.path().join("run2");
    assert_eq!(export_dir(&store, &second, Some(RunId(2))).unwrap(), 2);
    assert_eq!(read(&second, &dev("r1")), "a2\n");
    assert_eq!(read(&second, &dev("r2")), "b\n");
    assert_eq!(
        files_under(&second),
        ["acme/core-nms/r1", "acme/core-nms/r2"]
    );
    let err = export_dir(&store, &second, Some(RunId(9))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage);
}

#[test]
fn settings_paths_resolve_against_the_base_folder() {
    let dir = tempfile::tempdir().unwrap();
    let none = Exports::from_settings(None, dir.path()).unwrap();
    assert!(none.is_empty());
    assert_eq!(none.finish_run(RunId(1), "nothing").unwrap(), None);
    let settings = ExportSettings {
        git: None,
        dir: Some("backups".into()),
    };
    let exports = Exports::from_settings(Some(&settings), dir.path()).unwrap();
    assert!(!exports.is_empty());
    exports.write(&dev("r1"), "a\n").unwrap();
    assert_eq!(read(&dir.path().join("backups"), &dev("r1")), "a\n");
    // Without a git output there is nothing to commit.
    assert_eq!(exports.finish_run(RunId(1), "1 changed").unwrap(), None);
}

mod git;
