//! A progress bar on stderr while a backup runs (on a terminal, for text output only).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nbi_fleet::{DeviceRef, NoProgress, Progress, Recorded, RunId};

use crate::output::Output;

/// A bar when a person is watching, else nothing.
pub(crate) fn progress_for(output: &Output, devices: usize) -> Arc<dyn Progress> {
    if output.is_json() || !std::io::stderr().is_terminal() {
        return Arc::new(NoProgress);
    }
    Arc::new(Bar::new(devices as u64))
}

/// Counts changed and failed devices in the bar's message.
#[derive(Debug)]
struct Bar {
    bar: ProgressBar,
    changed: AtomicU64,
    failed: AtomicU64,
}

impl Bar {
    fn new(len: u64) -> Bar {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{prefix} [{bar:30}] {pos}/{len} devices {msg} ({per_sec}, eta {eta})",
        )
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Bar {
            bar,
            changed: AtomicU64::new(0),
            failed: AtomicU64::new(0),
        }
    }
}

impl Progress for Bar {
    fn started(&self, run: RunId, todo: u64) {
        self.bar.set_prefix(format!("run {run}"));
        self.bar.set_length(todo);
    }

    fn recorded(&self, _device: &DeviceRef, recorded: &Recorded) {
        match recorded {
            Recorded::Changed { .. } => self.changed.fetch_add(1, Ordering::Relaxed),
            Recorded::Failed => self.failed.fetch_add(1, Ordering::Relaxed),
            Recorded::Unchanged { .. } => 0,
        };
        self.bar.set_message(format!(
            "· {} changed · {} failed",
            self.changed.load(Ordering::Relaxed),
            self.failed.load(Ordering::Relaxed)
        ));
        self.bar.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
