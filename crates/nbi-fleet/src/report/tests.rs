//! The HTML report on a store with a few runs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::*;
use crate::store::{Outcome, RunId, RunTotals, SqliteStore, StoreDevice};

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000 + secs)
}

fn fetched(text: &str, millis: u64) -> Outcome<'_> {
    Outcome::Fetched {
        raw: text.as_bytes(),
        normalized: text,
        attempts: 1,
        elapsed: Duration::from_millis(millis),
    }
}

fn failed(message: &str) -> Outcome<'_> {
    Outcome::Failed {
        error_kind: "transport",
        message,
        attempts: 3,
        elapsed: Duration::from_secs(7),
    }
}

fn dev(device: &str) -> StoreDevice {
    let parts: Vec<&str> = device.split('/').collect();
    StoreDevice::new(parts[0], parts[1], parts[2])
}

/// A config of `lines` numbered lines, `changed` of them (from the first) rewritten.
fn config(lines: usize, changed: usize, extra: &str) -> String {
    (0..lines)
        .map(|i| match i < changed {
            true => format!("line {i} new{extra}\n"),
            false => format!("line {i}\n"),
        })
        .collect()
}

/// Run 1 backs up four devices; run 2 changes two (one carrying markup), keeps one, fails
/// one with a hostile message and sees a new device.
fn store(dir: &tempfile::TempDir) -> SqliteStore {
    let store = SqliteStore::open(dir.path().join("nbi.db")).unwrap();
    let r1 = store.begin_run(at(0)).unwrap();
    for device in ["acme/core-nms/r1", "acme/core-nms/r2", "globex/nms/g1"] {
        store
            .record(r1, &dev(device), &fetched(&config(20, 0, ""), 3))
            .unwrap();
    }
    store
        .record(r1, &dev("globex/nms/g2"), &fetched("g2\n", 3))
        .unwrap();
    let totals = RunTotals {
        devices: 4,
        requests: 4,
        retries: 0,
    };
    store.finish_run(r1, at(30), totals).unwrap();

    let r2 = store.begin_run(at(3600)).unwrap();
    let hostile = config(20, 1, " <script>alert(1)</script>");
    store
        .record(r2, &dev("acme/core-nms/r1"), &fetched(&hostile, 40))
        .unwrap();
    store
        .record(
            r2,
            &dev("acme/core-nms/r2"),
            &fetched(&config(20, 0, ""), 4),
        )
        .unwrap();
    store
        .record(r2, &dev("acme/core-nms/r3"), &fetched("new\n", 300))
        .unwrap();
    store
        .record(r2, &dev("globex/nms/g1"), &fetched(&config(20, 8, ""), 2))
        .unwrap();
    store
        .record(
            r2,
            &dev("globex/nms/g2"),
            &failed("<script>boom</script> & more"),
        )
        .unwrap();
    let totals = RunTotals {
        devices: 5,
        requests: 9,
        retries: 4,
    };
    store.finish_run(r2, at(3600 + 125), totals).unwrap();
    store
}

fn report(store: &SqliteStore, options: &ReportOptions) -> String {
    render_html(store, options).unwrap()
}

#[test]
fn an_empty_store_gives_a_page_saying_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("nbi.db")).unwrap();
    let page = report(&store, &ReportOptions::default());
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("No backup runs yet."));
    assert!(page.trim_end().ends_with("</html>"));
}

#[test]
fn the_page_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(&store(&dir), &ReportOptions::default());
    for forbidden in ["<script", "http:", "https:", "src=", "href=", "<link"] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
    assert!(page.contains("<style>"));
    assert!(page.contains("<svg "));
}

#[test]
fn runs_are_listed_newest_first_with_their_figures() {
    let dir = tempfile::tempdir().unwrap();
    let options = ReportOptions {
        title: "Fleet <&> report".to_owned(),
        ..ReportOptions::default()
    };
    let page = report(&store(&dir), &options);
    assert!(
        page.contains("<h1>Fleet &lt;&amp;&gt; report</h1>"),
        "{page}"
    );
    assert!(page.contains("Latest run <b>2</b>, started 2023-11-14T23:13:20Z, took 2 m 05 s"));
    let latest = "<tr><td>2</td><td class=\"text\">2023-11-14T23:13:20Z</td><td>2 m 05 s</td>\
                  <td>5</td><td>3</td><td>1</td><td>1</td><td>9</td><td>4</td></tr>";
    let first = "<tr><td>1</td><td class=\"text\">2023-11-14T22:13:20Z</td><td>30.0 s</td>\
                 <td>4</td><td>4</td><td>0</td><td>0</td><td>4</td><td>0</td></tr>";
    let (at_latest, at_first) = (page.find(latest), page.find(first));
    assert!(at_latest.is_some() && at_first.is_some(), "{page}");
    assert!(at_latest < at_first);

    let one_run = ReportOptions {
        runs: 1,
        ..ReportOptions::default()
    };
    assert!(!report(&store(&dir), &one_run).contains(first));
}

#[test]
fn tenants_and_failures_of_the_latest_run_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(&store(&dir), &ReportOptions::default());
    assert!(
        page.contains(
            "<tr><td class=\"text\">acme</td><td>3</td><td>2</td><td>1</td><td>0</td></tr>"
        )
    );
    assert!(page.contains(
        "<tr><td class=\"text\">globex</td><td>2</td><td>1</td><td>0</td><td>1</td></tr>"
    ));
    assert!(page.contains(
        "<tr><td class=\"text\"><code>globex/nms/g2</code></td>\
         <td class=\"text failed\">transport</td>\
         <td class=\"text\">&lt;script&gt;boom&lt;/script&gt; &amp; more</td><td>3</td></tr>"
    ));
}

#[test]
fn the_latency_histogram_counts_every_device_of_the_latest_run() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(&store(&dir), &ReportOptions::default());
    assert_eq!(page.matches("<rect ").count(), 11);
    // 2 ms and 4 ms; 40 ms; 300 ms; 7 s.
    for bucket in ["≤5 ms: 2", "≤50 ms: 1", "≤500 ms: 1", "&gt;5 s: 1"] {
        assert!(
            page.contains(&format!("<title>{bucket}</title>")),
            "{bucket}"
        );
    }
    assert!(
        page.contains("5 devices: <b>p50</b> 40 ms <b>p90</b> 7.0 s"),
        "{page}"
    );
}

#[test]
fn changed_devices_get_styled_escaped_diffs_and_new_ones_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let page = report(&store(&dir), &ReportOptions::default());
    assert_eq!(page.matches("<details>").count(), 2);
    assert!(page.contains("<code>acme/core-nms/r1</code> v1 → v2"));
    assert!(page.contains("<span class=\"file\">--- acme/core-nms/r1 v1</span>"));
    assert!(page.contains("<span class=\"del\">-line 0</span>"));
    assert!(
        page.contains(
            "<span class=\"add\">+line 0 new &lt;script&gt;alert(1)&lt;/script&gt;</span>"
        )
    );
    assert!(
        page.contains("<span class=\"hunk\">@@ -1,4 +1,4 @@</span>"),
        "{page}"
    );
    assert!(page.contains("<span class=\"same\"> line 1</span>"));
    assert!(page.contains("1 device(s) backed up for the first time (not diffed)."));
    assert!(!page.contains("acme/core-nms/r3</code>"));
    assert!(!page.contains("left out"));
}

#[test]
fn diff_limits_are_honoured_and_say_what_was_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let options = ReportOptions {
        max_diffs: 1,
        max_diff_lines: 5,
        ..ReportOptions::default()
    };
    let page = report(&store(&dir), &options);
    assert_eq!(page.matches("<details>").count(), 1);
    assert!(page.contains("1 more changed device(s) left out."));
    // r1's diff: 2 headers, 1 hunk header, 1 removed, 1 added, 3 context = 8 lines.
    assert!(page.contains("… 3 more line(s) left out."), "{page}");
    let diff = &page[page.find("<pre class=\"diff\">").unwrap()..page.find("</pre>").unwrap()];
    assert_eq!(diff.matches("<span").count(), 5);
}

#[test]
fn a_pruned_version_leaves_a_note_instead_of_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir);
    store.prune(1).unwrap();
    let page = report(&store, &ReportOptions::default());
    assert!(page.contains("No diff: "), "{page}");
    assert_eq!(store.run(RunId(2)).unwrap().counts.changed, 3);
}
