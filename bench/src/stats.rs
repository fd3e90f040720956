//! Small measuring helpers: sample summaries, the process's peak memory, file sizes.

use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::{Value, json};

use crate::report::round3;

/// The median and maximum of a set of timings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Summary {
    pub(crate) median: Duration,
    pub(crate) max: Duration,
    /// In the order taken, so that an outlier can be placed.
    pub(crate) samples: Vec<Duration>,
}

impl Summary {
    /// Summarizes `samples`; `None` when there are none.
    pub(crate) fn of(samples: &[Duration]) -> Option<Summary> {
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        let max = *sorted.last()?;
        let mid = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 {
            sorted[mid]
        } else {
            (sorted[mid - 1] + sorted[mid]) / 2
        };
        Some(Summary {
            median,
            max,
            samples: samples.to_vec(),
        })
    }

    /// `{"median_ms", "max_ms", "samples_ms"}`.
    pub(crate) fn json(&self) -> Value {
        let samples: Vec<f64> = self.samples.iter().map(|&d| round3(ms(d))).collect();
        json!({
            "median_ms": round3(ms(self.median)),
            "max_ms": round3(ms(self.max)),
            "samples_ms": samples,
        })
    }
}

/// A duration in milliseconds.
pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The `VmHWM` (peak resident set) of a `/proc/<pid>/status` text, in bytes.
pub(crate) fn parse_vm_hwm(status: &str) -> Option<u64> {
    parse_kib_field(status, "VmHWM:")
}

/// The `VmRSS` (current resident set) of a `/proc/<pid>/status` text, in bytes.
pub(crate) fn parse_vm_rss(status: &str) -> Option<u64> {
    parse_kib_field(status, "VmRSS:")
}

fn parse_kib_field(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix(field))?;
    let mut parts = line.split_whitespace();
    let kib: u64 = parts.next()?.parse().ok()?;
    match parts.next() {
        Some("kB") | None => Some(kib * 1024),
        Some(_) => None,
    }
}

/// This process's peak and current resident set, in bytes (Linux only).
pub(crate) fn own_memory() -> anyhow::Result<(u64, u64)> {
    let status =
        std::fs::read_to_string("/proc/self/status").context("cannot read /proc/self/status")?;
    let peak = parse_vm_hwm(&status).context("no VmHWM in /proc/self/status")?;
    let current = parse_vm_rss(&status).context("no VmRSS in /proc/self/status")?;
    Ok((peak, current))
}

/// The size on disk of a SQLite store: the file and its `-wal` and `-shm` companions.
pub(crate) fn store_bytes(path: &Path) -> u64 {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            std::fs::metadata(name).ok()
        })
        .map(|m| m.len())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms_list(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let odd = Summary::of(&ms_list(&[9, 1, 5])).unwrap();
        assert_eq!(odd.median, Duration::from_millis(5));
        assert_eq!(odd.max, Duration::from_millis(9));
        let even = Summary::of(&ms_list(&[4, 1, 2, 3])).unwrap();
        assert_eq!(even.median, Duration::from_micros(2500));
        assert_eq!(even.samples.len(), 4);
        assert_eq!(even.json()["samples_ms"][0], 4.0);
        assert!(Summary::of(&[]).is_none());
    }

    #[test]
    fn peak_and_current_rss_are_read_from_proc_status() {
        let status =
            "Name:\tfleet\nVmPeak:\t  900000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t   40000 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(81234 * 1024));
        assert_eq!(parse_vm_rss(status), Some(40000 * 1024));
        assert_eq!(parse_vm_hwm("Name:\tx\n"), None);
        assert_eq!(parse_vm_hwm("VmHWM:\t 12 MB\n"), None);
    }

    #[test]
    fn own_memory_is_readable_here() {
        let (peak, current) = own_memory().unwrap();
        assert!(peak >= current && current > 0);
    }
}
