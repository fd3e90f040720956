//! `nbi fleet report --html FILE`: one self-contained HTML page (inline CSS and SVG, no script,
//! no external links) on the latest runs — the runs table, the latest run's counts per tenant,
//! its failures, a latency histogram and its configuration diffs.
//!
//! Everything read from the store is escaped: device names, error messages and configuration
//! text are treated as hostile.

mod changes;
mod escape;
mod histogram;
mod page;
mod time;

use crate::store::SnapshotStore;
use crate::{Error, ErrorKind, Result};

/// What the report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// How many of the latest runs the runs table lists (default 20; the latest is always
    /// listed).
    pub runs: u32,
    /// How many changed devices get a diff (default 50); the rest are counted.
    pub max_diffs: usize,
    /// Lines shown of each diff (default 400); the rest are counted.
    pub max_diff_lines: usize,
    /// The page's title.
    pub title: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            runs: 20,
            max_diffs: 50,
            max_diff_lines: 400,
            title: "nbi fleet backup report".to_owned(),
        }
    }
}

/// Renders the report on `store`'s latest runs as one HTML document. A store without runs
/// gives a page saying so.
pub fn render_html(store: &dyn SnapshotStore, options: &ReportOptions) -> Result<String> {
    // The latest run is the report's subject, so it is read even when `runs` is 0.
    let runs = store.runs(options.runs.max(1))?;
    let mut out = String::new();
    let written = match runs.first() {
        None => page::write_empty(&mut out, &options.title),
        Some(latest) => {
            let results = store.results(latest.id)?;
            let changes =
                changes::collect(store, &results, options.max_diffs, options.max_diff_lines)?;
            page::write_report(&mut out, &options.title, &runs, &results, &changes)
        }
    };
    // Writing to a String does not fail; the error type is fmt's.
    written.map_err(|_| Error::new(ErrorKind::Io, "cannot format the HTML report"))?;
    Ok(out)
}

#[cfg(test)]
mod tests;
