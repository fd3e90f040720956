//! The latest run's per-device latency: log-spaced buckets drawn as inline SVG, and
//! percentiles.

use std::fmt::{self, Write as _};
use std::time::Duration;

use super::escape::escape;
use super::time::human;

/// Bucket upper bounds in milliseconds; one more bucket holds everything slower.
const BOUNDS_MS: [u64; 10] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];

const WIDTH: u32 = 660;
const HEIGHT: u32 = 240;
const LEFT: u32 = 44;
const TOP: u32 = 20;
const BOTTOM: u32 = 40;
const PLOT_WIDTH: u32 = WIDTH - LEFT - 16;
const PLOT_HEIGHT: u32 = HEIGHT - TOP - BOTTOM;

/// How many durations fall in each bucket: `≤5 ms`, `≤10 ms`, … `≤5 s`, then `>5 s`.
pub(crate) fn bucket_counts(durations: &[Duration]) -> [u64; BOUNDS_MS.len() + 1] {
    let mut counts = [0; BOUNDS_MS.len() + 1];
    for duration in durations {
        let bucket = BOUNDS_MS
            .iter()
            .position(|&bound| *duration <= Duration::from_millis(bound))
            .unwrap_or(BOUNDS_MS.len());
        counts[bucket] += 1;
    }
    counts
}

/// Each bucket's label.
fn labels() -> impl Iterator<Item = String> {
    let upper = BOUNDS_MS.iter().map(|&ms| format!("≤{}", short(ms)));
    let last = BOUNDS_MS.last().map(|&ms| format!(">{}", short(ms)));
    upper.chain(last)
}

/// `5 ms`, `1 s`, `2.5 s`.
fn short(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{} s", ms as f64 / 1000.0)
    }
}

/// The nearest-rank `percent` percentile of sorted durations (`None` when there are none).
pub(crate) fn percentile(sorted: &[Duration], percent: u32) -> Option<Duration> {
    let rank = (sorted.len() * percent as usize).div_ceil(100);
    sorted.get(rank.saturating_sub(1)).copied()
}

/// Writes the latency section: the histogram, then p50/p90/p99 and the slowest.
pub(crate) fn write_section(out: &mut String, durations: &[Duration]) -> fmt::Result {
    if durations.is_empty() {
        return writeln!(out, "<p class=\"note\">No device results in this run.</p>");
    }
    write_svg(out, &bucket_counts(durations))?;
    let mut sorted = durations.to_vec();
    sorted.sort_unstable();
    write!(out, "<p>{} devices:", sorted.len())?;
    for (name, value) in [
        ("p50", percentile(&sorted, 50)),
        ("p90", percentile(&sorted, 90)),
        ("p99", percentile(&sorted, 99)),
        ("max", sorted.last().copied()),
    ] {
        if let Some(value) = value {
            write!(out, " <b>{name}</b> {}", human(value))?;
        }
    }
    writeln!(out, "</p>")
}

fn write_svg(out: &mut String, counts: &[u64]) -> fmt::Result {
    let highest = counts.iter().copied().max().unwrap_or(0).max(1);
    let slot = PLOT_WIDTH as f64 / counts.len() as f64;
    let bar = slot * 0.7;
    let base = TOP + PLOT_HEIGHT;
    writeln!(
        out,
        "<svg width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" class=\"histogram\">\
         <title>Devices by fetch time</title>"
    )?;
    // Axes, with the scale at the bottom and top of the y axis.
    writeln!(
        out,
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\" class=\"axis\"/>\
         <line x1=\"{LEFT}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" class=\"axis\"/>\
         <text x=\"{}\" y=\"{base}\" text-anchor=\"end\">0</text>\
         <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{highest}</text>",
        LEFT + PLOT_WIDTH,
        LEFT - 6,
        LEFT - 6,
        TOP + 4,
    )?;
    for (i, (count, label)) in counts.iter().zip(labels()).enumerate() {
        let label = escape(&label);
        let x = LEFT as f64 + slot * i as f64 + (slot - bar) / 2.0;
        let height = PLOT_HEIGHT as f64 * *count as f64 / highest as f64;
        let y = base as f64 - height;
        let middle = x + bar / 2.0;
        writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{height:.1}\" class=\"bar\">\
             <title>{label}: {count}</title></rect>\
             <text x=\"{middle:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{count}</text>\
             <text x=\"{middle:.1}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
            y - 4.0,
            base + 16,
        )?;
    }
    writeln!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">time per device</text></svg>",
        LEFT + PLOT_WIDTH / 2,
        HEIGHT - 6
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(values: &[u64]) -> Vec<Duration> {
        values.iter().map(|&v| Duration::from_millis(v)).collect()
    }

    #[test]
    fn durations_land_in_log_spaced_buckets_bounds_included() {
        let counts = bucket_counts(&ms(&[0, 5, 6, 10, 99, 100, 101, 1000, 5000, 5001, 60_000]));
        assert_eq!(counts, [2, 2, 0, 0, 2, 1, 0, 1, 0, 1, 2]);
        let labels: Vec<String> = labels().collect();
        assert_eq!(labels.len(), counts.len());
        assert_eq!(labels[0], "≤5 ms");
        assert_eq!(labels[7], "≤1 s");
        assert_eq!(labels[8], "≤2.5 s");
        assert_eq!(labels[10], ">5 s");
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let sorted = ms(&(1..=100).collect::<Vec<_>>());
        assert_eq!(percentile(&sorted, 50), Some(Duration::from_millis(50)));
        assert_eq!(percentile(&sorted, 99), Some(Duration::from_millis(99)));
        assert_eq!(percentile(&ms(&[7]), 90), Some(Duration::from_millis(7)));
        assert_eq!(percentile(&[], 50), None);
    }

    #[test]
    fn the_svg_has_one_bar_per_bucket_with_its_count() {
        let mut out = String::new();
        write_section(&mut out, &ms(&[1, 2, 3, 700])).unwrap();
        assert!(out.starts_with("<svg"), "{out}");
        assert_eq!(out.matches("<rect ").count(), 11);
        assert!(out.contains("<title>≤5 ms: 3</title>"), "{out}");
        assert!(out.contains("<title>≤1 s: 1</title>"), "{out}");
        assert!(out.contains(">&gt;5 s</text>"), "{out}");
        assert!(out.contains("<b>p50</b> 2.0 ms"), "{out}");
        assert!(out.contains("<b>max</b> 700 ms"), "{out}");
    }
}
