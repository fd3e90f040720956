//! [`Schedule`]: a 5-field cron expression read in an IANA time zone.
//!
//! Parsing and matching are done by `croner` (Vixie-cron semantics), time zones by `jiff`, which
//! reads the system's tz database and carries a bundled copy for hosts without one.
//!
//! # Daylight saving time
//!
//! Searches move along real (absolute) time, never backwards, so a fire time is never returned
//! twice. Around a transition:
//!
//! * **Spring forward (gap):** an expression with fixed minute and hour (`30 2 * * *`) whose time
//!   falls in the gap runs once, at the first valid time after the gap on that day (03:00 in
//!   `Europe/Paris`), so it is neither skipped nor run twice. Wildcard or step expressions
//!   (`*/15 * * * *`) have no occurrence inside the gap and go on at their next time after it.
//! * **Fall back (overlap):** a fixed-time expression runs once, at the first of the two
//!   occurrences; a wildcard or step expression runs at each matching wall-clock time of both
//!   passes, as real time goes by.

use std::fmt;
use std::time::SystemTime;

use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::error::{Error, ErrorKind, Result};
use crate::settings::ScheduleSettings;

const CRON_FIELD: &str = "fleet.schedule.cron";
const TIMEZONE_FIELD: &str = "fleet.schedule.timezone";

/// The cron fields in order, with their values, as error messages name them.
const FIELDS: [(&str, &str); 5] = [
    ("minute", "0-59"),
    ("hour", "0-23"),
    ("day-of-month", "1-31"),
    ("month", "1-12 or JAN-DEC"),
    ("day-of-week", "0-7 or SUN-SAT"),
];

/// The shorthands the parser expands (`@annually` is `@yearly`).
const SHORTHANDS: [&str; 6] = [
    "@hourly",
    "@daily",
    "@weekly",
    "@monthly",
    "@yearly",
    "@annually",
];

/// When scheduled backups run: a 5-field cron expression (`minute hour day-of-month month
/// day-of-week`) read in an IANA time zone.
///
/// Fields take `*`, lists (`1,15`), ranges (`1-5`), steps (`*/6`, `0-30/10`), and month and day
/// names (`JAN`, `mon-fri`); `@hourly`, `@daily`, `@weekly`, `@monthly` and `@yearly` stand for
/// their usual expressions. When both day-of-month and day-of-week are restricted, a day
/// matching either runs. See the module docs for daylight saving time.
#[derive(Debug, Clone)]
pub struct Schedule {
    expression: String,
    zone_name: String,
    cron: Cron,
    zone: TimeZone,
}

impl Schedule {
    /// The schedule of `[fleet] schedule = { cron, timezone }`.
    pub fn from_settings(settings: &ScheduleSettings) -> Result<Schedule> {
        Schedule::parse(&settings.cron, &settings.timezone)
    }

    /// Parses `cron` (5 fields) read in `timezone` (an IANA name such as `Europe/Paris`, or
    /// `UTC`). Errors are [`ErrorKind::Usage`] and name the field: `fleet.schedule.cron: …` or
    /// `fleet.schedule.timezone: …`.
    pub fn parse(cron: &str, timezone: &str) -> Result<Schedule> {
        let expression = cron.split_whitespace().collect::<Vec<_>>().join(" ");
        let parsed = parse_cron(&expression)?;
        let zone = TimeZone::get(timezone.trim()).map_err(|e| {
            usage(format!("{TIMEZONE_FIELD}: unknown time zone {timezone:?}")).with_source(e)
        })?;
        let schedule = Schedule {
            expression,
            zone_name: timezone.trim().to_owned(),
            cron: parsed,
            zone,
        };
        // An expression such as `0 0 30 2 *` parses but names no real date; refuse it now
        // rather than have the daemon find out. Any date from 2000 on will do as a start.
        if schedule.next_after(reference_time()).is_none() {
            return Err(usage(format!(
                "{CRON_FIELD}: {:?} matches no date",
                schedule.expression
            )));
        }
        Ok(schedule)
    }

    /// The expression, as written (whitespace collapsed).
    pub fn expression(&self) -> &str {
        &self.expression
    }

    /// The time zone's name, as written.
    pub fn timezone(&self) -> &str {
        &self.zone_name
    }

    /// The first fire time strictly after `t`, or `None` if there is none (a time before 1970
    /// or past the year 5000).
    pub fn next_after(&self, t: SystemTime) -> Option<SystemTime> {
        let start = Timestamp::try_from(t).ok()?.to_zoned(self.zone.clone());
        let next = self.cron.find_next_occurrence(&start, false).ok()?;
        Some(SystemTime::from(next.timestamp()))
    }

    /// The next `n` fire times after `from`, in order (fewer if the schedule runs out).
    pub fn upcoming(&self, from: SystemTime, n: usize) -> Vec<SystemTime> {
        let mut times = Vec::with_capacity(n);
        let mut cursor = from;
        while times.len() < n {
            let Some(next) = self.next_after(cursor) else {
                break;
            };
            times.push(next);
            cursor = next;
        }
        times
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.expression, self.zone_name)
    }
}

/// Formats `t` as RFC 3339 in UTC to the second (`2026-03-29T01:00:00Z`).
pub(crate) fn rfc3339(t: SystemTime) -> Option<String> {
    let ts = Timestamp::try_from(t).ok()?;
    Some(format!("{ts:.0}"))
}

fn parse_cron(expression: &str) -> Result<Cron> {
    if expression.starts_with('@')
        && !SHORTHANDS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(expression))
    {
        return Err(usage(format!(
            "{CRON_FIELD}: unknown shorthand {expression:?} (known: {})",
            SHORTHANDS[..5].join(", ")
        )));
    }
    let fields: Vec<&str> = expression.split(' ').filter(|f| !f.is_empty()).collect();
    if !expression.starts_with('@') && fields.len() != 5 {
        return Err(usage(format!(
            "{CRON_FIELD}: {expression:?} has {} fields; expected 5 \
             (minute hour day-of-month month day-of-week)",
            fields.len()
        )));
    }
    // The parser's message is kept in ours rather than as a source, so it is not printed twice.
    parser().parse(expression).map_err(|e| {
        let place = offending_field(&fields)
            .map(|i| format!("{} field {:?} ({})", FIELDS[i].0, fields[i], FIELDS[i].1))
            .unwrap_or_else(|| format!("{expression:?}"));
        usage(format!("{CRON_FIELD}: {place}: {e}"))
    })
}

/// The index of the first field that fails on its own (all others `*`), to name it in errors.
fn offending_field(fields: &[&str]) -> Option<usize> {
    (0..fields.len()).find(|&i| {
        let probe: Vec<&str> = (0..fields.len())
            .map(|j| if j == i { fields[j] } else { "*" })
            .collect();
        parser().parse(&probe.join(" ")).is_err()
    })
}

fn parser() -> CronParser {
    // Defaults give Vixie cron's rule for the two day fields: a day matching either runs.
    CronParser::builder()
        .seconds(Seconds::Disallowed)
        .year(Year::Disallowed)
        .build()
}

fn reference_time() -> SystemTime {
    // 2000-01-01T00:00:00Z.
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800)
}

fn usage(message: String) -> Error {
    Error::new(ErrorKind::Usage, message)
}
