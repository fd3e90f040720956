//! The page around the sections: head and style, the header, the runs, tenants and failures.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::time::Duration;

use super::changes::{self, Changes};
use super::escape::escape;
use super::histogram;
use super::time::{human, rfc3339};
use crate::store::{DeviceResult, OutcomeCounts, Recorded, RunSummary};

const STYLE: &str = "\
body{font:14px/1.45 system-ui,sans-serif;color:#222;max-width:76em;margin:2em auto;padding:0 1em}\
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;margin:.5em 0}\
th,td{border:1px solid #d0d0d0;padding:.25em .6em;text-align:right;vertical-align:top}\
th{background:#f3f3f3}td.text,th.text{text-align:left}\
.failed{color:#b00}.note{color:#666;font-style:italic}\
pre.diff{background:#f8f8f8;padding:.5em;overflow-x:auto;margin:.3em 0}\
.add{color:#060}pre.diff .add{background:#e6ffec}\
.del{color:#a00}pre.diff .del{background:#ffebe9}\
.hunk{color:#06c}.file{font-weight:bold}\
details{margin:.3em 0}summary{cursor:pointer}\
svg.histogram text{font-size:11px;fill:#333}svg.histogram .axis{stroke:#555}\
svg.histogram .bar{fill:#4a7fb5}";

/// The page for a store without runs.
pub(crate) fn write_empty(out: &mut String, title: &str) -> fmt::Result {
    write_head(out, title)?;
    writeln!(out, "<p>No backup runs yet.</p>")?;
    write_tail(out)
}

/// The full page: `runs` newest first (not empty), the latest run's `results` and `changes`.
pub(crate) fn write_report(
    out: &mut String,
    title: &str,
    runs: &[RunSummary],
    results: &[DeviceResult],
    changes: &Changes,
) -> fmt::Result {
    write_head(out, title)?;
    let Some(latest) = runs.first() else {
        return write_tail(out);
    };
    writeln!(
        out,
        "<p>Latest run <b>{}</b>, started {}, {}: {} devices, {} changed, {} unchanged, \
         <span class=\"failed\">{} failed</span>.</p>",
        latest.id,
        rfc3339(latest.started_at),
        match duration(latest) {
            Some(took) => format!("took {}", human(took)),
            None => "not finished (running or interrupted)".to_owned(),
        },
        devices(latest),
        latest.counts.changed,
        latest.counts.unchanged,
        latest.counts.failed,
    )?;
    writeln!(out, "<h2>Runs</h2>")?;
    write_runs(out, runs)?;
    writeln!(out, "<h2>Tenants in run {}</h2>", latest.id)?;
    write_tenants(out, results)?;
    writeln!(out, "<h2>Failures in run {}</h2>", latest.id)?;
    write_failures(out, results)?;
    writeln!(out, "<h2>Time per device in run {}</h2>", latest.id)?;
    let elapsed: Vec<Duration> = results.iter().map(|r| r.elapsed).collect();
    histogram::write_section(out, &elapsed)?;
    writeln!(out, "<h2>Changes in run {}</h2>", latest.id)?;
    changes::write_section(out, changes)?;
    write_tail(out)
}

fn write_head(out: &mut String, title: &str) -> fmt::Result {
    let title = escape(title);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>"
    )
}

fn write_tail(out: &mut String) -> fmt::Result {
    writeln!(out, "</body>\n</html>")
}

/// How long the run took; `None` while unfinished.
fn duration(run: &RunSummary) -> Option<Duration> {
    let finished = run.finished_at?;
    Some(finished.duration_since(run.started_at).unwrap_or_default())
}

/// The devices a run covered: the runner's total once finished, the results recorded before.
fn devices(run: &RunSummary) -> u64 {
    run.totals.devices.max(run.counts.recorded())
}

fn write_runs(out: &mut String, runs: &[RunSummary]) -> fmt::Result {
    writeln!(
        out,
        "<table><tr><th>Run</th><th class=\"text\">Started (UTC)</th><th>Duration</th>\
         <th>Devices</th><th>Changed</th><th>Unchanged</th><th>Failed</th><th>Requests</th>\
         <th>Retries</th></tr>"
    )?;
    for run in runs {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"text\">{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            run.id,
            rfc3339(run.started_at),
            duration(run).map_or_else(|| "unfinished".to_owned(), human),
            devices(run),
            run.counts.changed,
            run.counts.unchanged,
            run.counts.failed,
            run.totals.requests,
            run.totals.retries,
        )?;
    }
    writeln!(out, "</table>")
}

fn write_tenants(out: &mut String, results: &[DeviceResult]) -> fmt::Result {
    let mut tenants: BTreeMap<&str, OutcomeCounts> = BTreeMap::new();
    for result in results {
        let counts = tenants.entry(&result.device.tenant).or_default();
        match result.recorded {
            Recorded::Changed { .. } => counts.changed += 1,
            Recorded::Unchanged { .. } => counts.unchanged += 1,
            Recorded::Failed => counts.failed += 1,
        }
    }
    if tenants.is_empty() {
        return writeln!(out, "<p class=\"note\">No device results in this run.</p>");
    }
    writeln!(
        out,
        "<table><tr><th class=\"text\">Tenant</th><th>Devices</th><th>Changed</th>\
         <th>Unchanged</th><th>Failed</th></tr>"
    )?;
    for (tenant, counts) in tenants {
        writeln!(
            out,
            "<tr><td class=\"text\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(tenant),
            counts.recorded(),
            counts.changed,
            counts.unchanged,
            counts.failed,
        )?;
    }
    writeln!(out, "</table>")
}

fn write_failures(out: &mut String, results: &[DeviceResult]) -> fmt::Result {
    let failures: Vec<&DeviceResult> = results
        .iter()
        .filter(|r| r.recorded == Recorded::Failed)
        .collect();
    if failures.is_empty() {
        return writeln!(out, "<p>No failures.</p>");
    }
    writeln!(
        out,
        "<table><tr><th class=\"text\">Device</th><th class=\"text\">Error</th>\
         <th class=\"text\">Message</th><th>Attempts</th></tr>"
    )?;
    for failure in failures {
        let (kind, message) = failure.error.as_ref().map_or(("", ""), |(kind, message)| {
            (kind.as_str(), message.as_str())
        });
        writeln!(
            out,
            "<tr><td class=\"text\"><code>{}</code></td><td class=\"text failed\">{}</td>\
             <td class=\"text\">{}</td><td>{}</td></tr>",
            escape(&failure.device.to_string()),
            escape(kind),
            escape(message),
            failure.attempts,
        )?;
    }
    writeln!(out, "</table>")
}
