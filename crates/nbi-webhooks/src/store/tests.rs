use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::*;
use crate::Delivery;

fn delivery(id: &str, at: Timestamp) -> Delivery {
    Delivery {
        id: id.into(),
        event_type: "slice.created".into(),
        received_at: at,
        payload: json!({"type": "slice.created", "data": {"slice_id": "s-1"}}),
    }
}

fn t0() -> Timestamp {
    Timestamp::from_second(1_750_000_000).unwrap()
}

#[test]
fn a_repeat_within_the_window_is_refused_and_admitted_again_after_it() {
    let store = DeliveryStore::in_memory().unwrap();
    assert!(store.admit(&delivery("a", t0())).unwrap());
    let later = t0() + SignedDuration::from_hours(23);
    assert!(!store.admit(&delivery("a", later)).unwrap());
    assert_eq!(store.state("a").unwrap().as_deref(), Some("pending"));
    let next_day = t0() + SignedDuration::from_hours(25);
    assert!(store.admit(&delivery("a", next_day)).unwrap());
    assert!(store.admit(&delivery("b", next_day)).unwrap());
}

#[test]
fn a_shorter_window_is_honoured() {
    let store = DeliveryStore::in_memory()
        .unwrap()
        .window(Duration::from_secs(60));
    assert!(store.admit(&delivery("a", t0())).unwrap());
    assert!(
        !store
            .admit(&delivery("a", t0() + SignedDuration::from_secs(59)))
            .unwrap()
    );
    assert!(
        store
            .admit(&delivery("a", t0() + SignedDuration::from_secs(61)))
            .unwrap()
    );
}

#[test]
fn outcomes_are_recorded_and_pruning_keeps_failures() {
    let store = DeliveryStore::in_memory().unwrap();
    for id in ["ok", "bad", "waiting"] {
        assert!(store.admit(&delivery(id, t0())).unwrap());
    }
    store.mark_done("ok", 1).unwrap();
    store.mark_failed("bad", 4, "handler: boom").unwrap();
    let failed = store.failed().unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].delivery, delivery("bad", t0()));
    assert_eq!(
        (failed[0].attempts, failed[0].error.as_str()),
        (4, "handler: boom")
    );
    let pending: Vec<String> = store.pending().unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(pending, ["waiting"]);

    let pruned = store.prune(t0() + SignedDuration::from_hours(25)).unwrap();
    assert_eq!(pruned, 1, "only the handled delivery is out of the window");
    assert_eq!(store.state("ok").unwrap(), None);
    assert_eq!(store.state("bad").unwrap().as_deref(), Some("failed"));
    store
        .prune(t0() + SignedDuration::from_hours(24 * 31))
        .unwrap();
    assert!(store.failed().unwrap().is_empty());
}

#[test]
fn ids_are_remembered_across_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seen.db");
    {
        let store = DeliveryStore::open(&path).unwrap();
        assert!(store.admit(&delivery("a", t0())).unwrap());
        store.mark_done("a", 1).unwrap();
    }
    let store = DeliveryStore::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    assert!(
        !store
            .admit(&delivery("a", t0() + SignedDuration::from_hours(1)))
            .unwrap()
    );
}

#[test]
fn an_unopenable_file_is_a_store_error_naming_it() {
    let err = DeliveryStore::open("/nonexistent-dir/x/seen.db").unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Store);
    assert!(
        err.to_string().contains("/nonexistent-dir/x/seen.db"),
        "{err}"
    );
}
