use super::{at, show, show_all};
use crate::ErrorKind;
use crate::schedule::Schedule;
use crate::settings::ScheduleSettings;

fn upcoming(cron: &str, zone: &str, from: &str, n: usize) -> Vec<String> {
    let schedule = Schedule::parse(cron, zone).unwrap();
    show_all(&schedule.upcoming(at(from), n))
}

fn usage_error(cron: &str, zone: &str) -> String {
    let err = Schedule::parse(cron, zone).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Usage, "{err}");
    err.to_string()
}

#[test]
fn steps_every_six_hours_from_the_settings() {
    let settings = ScheduleSettings {
        cron: "0 */6 * * *".into(),
        timezone: "UTC".into(),
    };
    let schedule = Schedule::from_settings(&settings).unwrap();
    assert_eq!(schedule.to_string(), "0 */6 * * * (UTC)");
    assert_eq!(schedule.expression(), "0 */6 * * *");
    assert_eq!(schedule.timezone(), "UTC");
    assert_eq!(
        show_all(&schedule.upcoming(at("2026-01-01T01:00:00Z"), 4)),
        [
            "2026-01-01T06:00:00Z",
            "2026-01-01T12:00:00Z",
            "2026-01-01T18:00:00Z",
            "2026-01-02T00:00:00Z"
        ]
    );
}

#[test]
fn next_after_is_strictly_after() {
    let schedule = Schedule::parse("0 * * * *", "UTC").unwrap();
    let next = |t| show(schedule.next_after(at(t)).unwrap());
    assert_eq!(next("2026-01-01T10:00:00Z"), "2026-01-01T11:00:00Z");
    assert_eq!(next("2026-01-01T10:00:00.5Z"), "2026-01-01T11:00:00Z");
    assert_eq!(next("2026-01-01T09:59:59.9Z"), "2026-01-01T10:00:00Z");
}

#[test]
fn ranges_steps_and_lists() {
    assert_eq!(
        upcoming("0-30/10 8-9 * * *", "UTC", "2026-01-01T00:00:00Z", 5),
        [
            "2026-01-01T08:00:00Z",
            "2026-01-01T08:10:00Z",
            "2026-01-01T08:20:00Z",
            "2026-01-01T08:30:00Z",
            "2026-01-01T09:00:00Z"
        ]
    );
    assert_eq!(
        upcoming("5,35 22  * * *", "UTC", "2026-01-01T22:10:00Z", 2),
        ["2026-01-01T22:35:00Z", "2026-01-02T22:05:00Z"]
    );
}

#[test]
fn month_and_day_names_in_any_case() {
    // 2026-01-01 is a Thursday; Friday is the 2nd, then Monday the 5th.
    assert_eq!(
        upcoming("30 9 * jan,JUL Mon-Fri", "UTC", "2026-01-01T10:00:00Z", 3),
        [
            "2026-01-02T09:30:00Z",
            "2026-01-05T09:30:00Z",
            "2026-01-06T09:30:00Z"
        ]
    );
    assert_eq!(
        upcoming("0 0 1 FEB *", "UTC", "2026-01-01T00:00:00Z", 1),
        ["2026-02-01T00:00:00Z"]
    );
}

#[test]
fn both_day_fields_restricted_means_either_day_runs() {
    // The 13th of each month, and every Friday: 2026-02-06 and 02-13 are Fridays.
    assert_eq!(
        upcoming("0 0 13 * FRI", "UTC", "2026-02-01T00:00:00Z", 4),
        [
            "2026-02-06T00:00:00Z",
            "2026-02-13T00:00:00Z",
            "2026-02-20T00:00:00Z",
            "2026-02-27T00:00:00Z"
        ]
    );
    assert_eq!(
        upcoming("0 0 13 * *", "UTC", "2026-02-01T00:00:00Z", 2),
        ["2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z"]
    );
    assert_eq!(
        upcoming("0 0 * * 0", "UTC", "2026-02-01T00:00:00Z", 2),
        ["2026-02-08T00:00:00Z", "2026-02-15T00:00:00Z"]
    );
}

#[test]
fn shorthands() {
    assert_eq!(
        upcoming("@hourly", "UTC", "2026-01-01T10:30:00Z", 1),
        ["2026-01-01T11:00:00Z"]
    );
    assert_eq!(
        upcoming("@daily", "UTC", "2026-01-01T10:30:00Z", 1),
        ["2026-01-02T00:00:00Z"]
    );
    assert_eq!(
        upcoming("@weekly", "UTC", "2026-01-01T10:30:00Z", 1),
        ["2026-01-04T00:00:00Z"]
    );
    assert_eq!(
        upcoming("@monthly", "UTC", "2026-01-01T10:30:00Z", 1),
        ["2026-02-01T00:00:00Z"]
    );
    assert_eq!(
        usage_error("@reboot", "UTC"),
        "fleet.schedule.cron: unknown shorthand \"@reboot\" \
         (known: @hourly, @daily, @weekly, @monthly, @yearly)"
    );
}

#[test]
fn month_ends_and_leap_years() {
    assert_eq!(
        upcoming("0 0 31 * *", "UTC", "2026-01-31T12:00:00Z", 3),
        [
            "2026-03-31T00:00:00Z",
            "2026-05-31T00:00:00Z",
            "2026-07-31T00:00:00Z"
        ]
    );
    assert_eq!(
        upcoming("0 12 29 2 *", "UTC", "2025-01-01T00:00:00Z", 2),
        ["2028-02-29T12:00:00Z", "2032-02-29T12:00:00Z"]
    );
    assert_eq!(
        upcoming("59 23 * * *", "UTC", "2026-12-31T23:58:00Z", 2),
        ["2026-12-31T23:59:00Z", "2027-01-01T23:59:00Z"]
    );
}

#[test]
fn a_named_zone_shifts_with_daylight_saving_time() {
    // Paris is UTC+1 in winter, UTC+2 in summer.
    assert_eq!(
        upcoming("0 9 * * *", "Europe/Paris", "2026-01-10T00:00:00Z", 1),
        ["2026-01-10T08:00:00Z"]
    );
    assert_eq!(
        upcoming("0 9 * * *", "Europe/Paris", "2026-07-10T00:00:00Z", 1),
        ["2026-07-10T07:00:00Z"]
    );
}

#[test]
fn a_fixed_time_in_the_spring_gap_runs_once_right_after_it() {
    // 2026-03-29 in Paris: 02:00 CET jumps to 03:00 CEST (01:00Z); 02:30 does not exist.
    assert_eq!(
        upcoming("30 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", 3),
        [
            "2026-03-29T01:00:00Z", // 03:00 CEST, the first minute after the gap
            "2026-03-30T00:30:00Z", // 02:30 CEST
            "2026-03-31T00:30:00Z"
        ]
    );
}

#[test]
fn interval_times_in_the_spring_gap_are_skipped() {
    assert_eq!(
        upcoming("*/30 * * * *", "Europe/Paris", "2026-03-29T00:00:00Z", 4),
        [
            "2026-03-29T00:30:00Z", // 01:30 CET
            "2026-03-29T01:00:00Z", // 03:00 CEST
            "2026-03-29T01:30:00Z",
            "2026-03-29T02:00:00Z"
        ]
    );
}

#[test]
fn a_fixed_time_in_the_autumn_overlap_runs_once() {
    // 2026-10-25 in Paris: 03:00 CEST falls back to 02:00 CET (01:00Z); 02:30 happens twice.
    assert_eq!(
        upcoming("30 2 * * *", "Europe/Paris", "2026-10-24T12:00:00Z", 2),
        ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]
    );
}

#[test]
fn interval_times_in_the_autumn_overlap_follow_real_time() {
    assert_eq!(
        upcoming("*/30 * * * *", "Europe/Paris", "2026-10-24T23:45:00Z", 4),
        [
            "2026-10-25T00:00:00Z", // 02:00 CEST
            "2026-10-25T00:30:00Z", // 02:30 CEST
            "2026-10-25T01:00:00Z", // 02:00 CET
            "2026-10-25T01:30:00Z"  // 02:30 CET
        ]
    );
}

#[test]
fn errors_name_the_field() {
    let err = usage_error("61 * * * *", "UTC");
    assert!(
        err.starts_with("fleet.schedule.cron: minute field \"61\" (0-59): "),
        "{err}"
    );
    let err = usage_error("0 24 * * *", "UTC");
    assert!(err.contains("hour field \"24\""), "{err}");
    let err = usage_error("0 0 0 * *", "UTC");
    assert!(err.contains("day-of-month field \"0\""), "{err}");
    let err = usage_error("0 0 * FOO *", "UTC");
    assert!(err.contains("month field \"FOO\""), "{err}");
    let err = usage_error("0 0 * * MOX", "UTC");
    assert!(
        err.contains("day-of-week field \"MOX\" (0-7 or SUN-SAT)"),
        "{err}"
    );
    let err = usage_error("0 0 30 2 *", "UTC");
    assert!(err.contains("matches no date"), "{err}");
}

#[test]
fn only_five_fields_are_accepted() {
    let err = usage_error("0 0 */6 * * *", "UTC");
    assert!(
        err.starts_with("fleet.schedule.cron: \"0 0 */6 * * *\" has 6 fields; expected 5"),
        "{err}"
    );
    assert!(usage_error("0 * * *", "UTC").contains("has 4 fields"));
    assert!(usage_error("   ", "UTC").contains("has 0 fields"));
}

#[test]
fn unknown_time_zones_are_refused() {
    assert_eq!(
        usage_error("0 * * * *", "Mars/Olympus"),
        "fleet.schedule.timezone: unknown time zone \"Mars/Olympus\""
    );
    let schedule = Schedule::parse("0 * * * *", "America/New_York").unwrap();
    assert_eq!(schedule.to_string(), "0 * * * * (America/New_York)");
}
