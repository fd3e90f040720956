//! Tests of the schedule module: parsing and fire times, the loop, the HTTP endpoints.

use std::time::SystemTime;

mod cron;
mod daemon;
mod server;

/// `2026-03-29T01:00:00Z` as a `SystemTime`.
fn at(rfc3339: &str) -> SystemTime {
    SystemTime::from(rfc3339.parse::<jiff::Timestamp>().unwrap())
}

/// A `SystemTime` as `2026-03-29T01:00:00Z`.
fn show(t: SystemTime) -> String {
    jiff::Timestamp::try_from(t).unwrap().to_string()
}

fn show_all(times: &[SystemTime]) -> Vec<String> {
    times.iter().copied().map(show).collect()
}
