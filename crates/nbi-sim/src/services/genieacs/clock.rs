//! The simulated ACS's clock: a fixed start (so seeded state is the same every run) that
//! moves on with real time, and dates written as GenieACS writes them.

use std::time::Instant;

/// 2025-06-01T00:00:00Z, in milliseconds since the epoch.
const BASE_MS: u64 = 1_748_736_000_000;

/// Milliseconds since the epoch: the base time plus the time since the server started.
#[derive(Debug)]
pub(super) struct Clock {
    started: Instant,
}

impl Clock {
    pub(super) fn new() -> Self {
        Clock {
            started: Instant::now(),
        }
    }

    /// The seeded state's "now".
    pub(super) fn base_ms(&self) -> u64 {
        BASE_MS
    }

    /// Now.
    pub(super) fn now_ms(&self) -> u64 {
        BASE_MS + u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX / 2)
    }

    /// Now, as GenieACS writes dates.
    pub(super) fn now_iso(&self) -> String {
        iso(self.now_ms())
    }
}

/// `ms` since the epoch as `2025-06-01T00:00:00.000Z`.
pub(super) fn iso(ms: u64) -> String {
    let secs = ms / 1000;
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        ms % 1000
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_like_javascript_does() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(BASE_MS), "2025-06-01T00:00:00.000Z");
        assert_eq!(iso(951_782_400_123), "2000-02-29T00:00:00.123Z");
    }
}
