//! The latest run's configuration changes: one unified diff per changed device.

use std::fmt::{self, Write as _};

use super::escape::escape;
use crate::store::{DeviceResult, Recorded, SnapshotStore, StoreDevice};
use crate::{ErrorKind, Result, unified_diff};

/// Context lines around each change, as `nbi fleet diff` shows them.
const CONTEXT: usize = 3;

/// The changes of one run, cut to the report's limits.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Devices seen for the first time (version 1): counted, not diffed.
    pub(crate) new_devices: usize,
    /// The diffs shown.
    pub(crate) diffs: Vec<DeviceDiff>,
    /// Changed devices past the diff limit.
    pub(crate) left_out: usize,
}

/// One device's change from `version - 1` to `version`.
#[derive(Debug)]
pub(crate) struct DeviceDiff {
    device: StoreDevice,
    version: u32,
    body: DiffBody,
}

#[derive(Debug)]
enum DiffBody {
    /// The diff's first lines, and how many more it had.
    Lines {
        lines: Vec<String>,
        added: usize,
        removed: usize,
        more: usize,
    },
    /// A version is no longer stored (pruned): the reason.
    Missing(String),
}

/// Diffs the changed devices of `results`: at most `max_diffs` of them, at most
/// `max_diff_lines` lines each.
pub(crate) fn collect(
    store: &dyn SnapshotStore,
    results: &[DeviceResult],
    max_diffs: usize,
    max_diff_lines: usize,
) -> Result<Changes> {
    let mut changes = Changes::default();
    for result in results {
        match result.recorded {
            Recorded::Changed { version: 0 | 1 } => changes.new_devices += 1,
            Recorded::Changed { version } if changes.diffs.len() < max_diffs => {
                let body = diff_body(store, &result.device, version, max_diff_lines)?;
                changes.diffs.push(DeviceDiff {
                    device: result.device.clone(),
                    version,
                    body,
                });
            }
            Recorded::Changed { .. } => changes.left_out += 1,
            Recorded::Unchanged { .. } | Recorded::Failed => {}
        }
    }
    Ok(changes)
}

fn diff_body(
    store: &dyn SnapshotStore,
    device: &StoreDevice,
    version: u32,
    max_lines: usize,
) -> Result<DiffBody> {
    let texts = store
        .text(device, Some(version - 1))
        .and_then(|old| Ok((old, store.text(device, Some(version))?)));
    let (old, new) = match texts {
        Ok(texts) => texts,
        // `prune` may have dropped a version the run made; the report still renders.
        Err(e) if e.kind() == ErrorKind::Usage => return Ok(DiffBody::Missing(e.to_string())),
        Err(e) => return Err(e),
    };
    let diff = unified_diff(
        &old,
        &new,
        &format!("{device} v{}", version - 1),
        &format!("{device} v{version}"),
        CONTEXT,
    );
    let (mut added, mut removed, mut in_hunks) = (0, 0, false);
    for line in diff.lines() {
        in_hunks |= line.starts_with("@@");
        if in_hunks && line.starts_with('+') {
            added += 1;
        } else if in_hunks && line.starts_with('-') {
            removed += 1;
        }
    }
    let total = diff.lines().count();
    Ok(DiffBody::Lines {
        lines: diff.lines().take(max_lines).map(str::to_owned).collect(),
        added,
        removed,
        more: total.saturating_sub(max_lines),
    })
}

/// Writes the changes section.
pub(crate) fn write_section(out: &mut String, changes: &Changes) -> fmt::Result {
    if changes.new_devices > 0 {
        writeln!(
            out,
            "<p>{} device(s) backed up for the first time (not diffed).</p>",
            changes.new_devices
        )?;
    }
    if changes.diffs.is_empty() && changes.left_out == 0 {
        writeln!(
            out,
            "<p class=\"note\">No device configuration changed.</p>"
        )?;
    }
    for diff in &changes.diffs {
        write_diff(out, diff)?;
    }
    if changes.left_out > 0 {
        writeln!(
            out,
            "<p class=\"note\">{} more changed device(s) left out.</p>",
            changes.left_out
        )?;
    }
    Ok(())
}

fn write_diff(out: &mut String, diff: &DeviceDiff) -> fmt::Result {
    write!(
        out,
        "<details><summary><code>{}</code> v{} → v{}",
        escape(&diff.device.to_string()),
        diff.version - 1,
        diff.version
    )?;
    match &diff.body {
        DiffBody::Missing(reason) => writeln!(
            out,
            "</summary><p class=\"note\">No diff: {}</p></details>",
            escape(reason)
        ),
        DiffBody::Lines {
            lines,
            added,
            removed,
            more,
        } => {
            writeln!(
                out,
                " <span class=\"add\">+{added}</span> <span class=\"del\">−{removed}</span>\
                 </summary><pre class=\"diff\">"
            )?;
            write_lines(out, lines)?;
            out.push_str("</pre>");
            if *more > 0 {
                write!(out, "<p class=\"note\">… {more} more line(s) left out.</p>")?;
            }
            writeln!(out, "</details>")
        }
    }
}

/// Diff lines, each in a span styled by its kind. Before the first hunk `---`/`+++` are file
/// headers; inside hunks the first character decides.
fn write_lines(out: &mut String, lines: &[String]) -> fmt::Result {
    let mut in_hunks = false;
    for line in lines {
        in_hunks |= line.starts_with("@@");
        let class = match line.as_bytes().first() {
            _ if line.starts_with("@@") => "hunk",
            _ if !in_hunks => "file",
            Some(b'+') => "add",
            Some(b'-') => "del",
            _ => "same",
        };
        writeln!(out, "<span class=\"{class}\">{}</span>", escape(line))?;
    }
    Ok(())
}
