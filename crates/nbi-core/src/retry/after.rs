//! How long a server asks us to wait: `Retry-After` (delta-seconds or HTTP-date),
//! `X-RateLimit-Retry-After` and `X-RateLimit-Reset`, and whether its quota is spent
//! (`X-RateLimit-Remaining: 0`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

/// Values of `X-RateLimit-Reset` above this are Unix timestamps; below, seconds from now.
/// (Servers use both; no real delay is 30 years long.)
const EPOCH_THRESHOLD: f64 = 1e9;
/// Above this a Unix timestamp is in milliseconds (some servers send those).
const EPOCH_MILLIS_THRESHOLD: f64 = 1e12;
/// No header may ask for more than a day; longer values are taken as a day. The transport
/// clamps further to its own `max_retry_after`.
const MAX_WAIT: Duration = Duration::from_secs(86_400);

/// The wait a throttling or unavailable response asks for, from the first header present of
/// `Retry-After`, `X-RateLimit-Retry-After` and `X-RateLimit-Reset`.
pub fn requested_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    header(headers, "retry-after")
        .and_then(|v| parse_retry_after(v, now))
        .or_else(|| header(headers, "x-ratelimit-retry-after").and_then(parse_seconds))
        .or_else(|| header(headers, "x-ratelimit-reset").and_then(|v| parse_reset(v, now)))
}

/// When the response says the quota is spent (`X-RateLimit-Remaining: 0`), how long until it
/// resets (`X-RateLimit-Reset`, else `X-RateLimit-Retry-After`, else `Retry-After`).
pub fn quota_exhausted_for(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let remaining = header(headers, "x-ratelimit-remaining")?
        .trim()
        .parse::<u64>()
        .ok()?;
    if remaining > 0 {
        return None;
    }
    header(headers, "x-ratelimit-reset")
        .and_then(|v| parse_reset(v, now))
        .or_else(|| header(headers, "x-ratelimit-retry-after").and_then(parse_seconds))
        .or_else(|| header(headers, "retry-after").and_then(|v| parse_retry_after(v, now)))
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`. A date in the past
/// means "now".
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    parse_seconds(value).or_else(|| {
        let at = httpdate::parse_http_date(value.trim()).ok()?;
        Some(
            at.duration_since(now)
                .unwrap_or(Duration::ZERO)
                .min(MAX_WAIT),
        )
    })
}

/// `X-RateLimit-Reset` as a Unix timestamp (seconds, or milliseconds) or as seconds from now.
pub fn parse_reset(value: &str, now: SystemTime) -> Option<Duration> {
    let n = value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)?;
    let wait = if n >= EPOCH_THRESHOLD {
        let secs = if n >= EPOCH_MILLIS_THRESHOLD {
            n / 1000.0
        } else {
            n
        };
        let at = UNIX_EPOCH.checked_add(Duration::try_from_secs_f64(secs).ok()?)?;
        at.duration_since(now).unwrap_or(Duration::ZERO)
    } else {
        Duration::from_secs_f64(n)
    };
    Some(wait.min(MAX_WAIT))
}

/// Non-negative seconds, whole or fractional, capped at a day.
fn parse_seconds(value: &str) -> Option<Duration> {
    let n = value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)?;
    Some(Duration::try_from_secs_f64(n).map_or(MAX_WAIT, |d| d.min(MAX_WAIT)))
}

fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        let now = at(1_445_412_400); // Wed, 21 Oct 2015 07:26:40 GMT
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(80))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    #[test]
    fn reset_is_an_epoch_or_a_delta() {
        let now = at(1_609_459_100);
        assert_eq!(
            parse_reset("1609459200", now),
            Some(Duration::from_secs(100))
        );
        assert_eq!(parse_reset("30", now), Some(Duration::from_secs(30)));
        assert_eq!(parse_reset("1609459000", now), Some(Duration::ZERO));
        assert_eq!(
            parse_reset("1609459200000", now),
            Some(Duration::from_secs(100)),
            "epoch milliseconds"
        );
    }

    #[test]
    fn hostile_values_neither_panic_nor_wait_past_a_day() {
        let now = at(1_609_459_100);
        for v in [
            "1e300",
            "1e19",
            "1e308",
            "inf",
            "NaN",
            "-1",
            "99999999999999999999",
        ] {
            let wait = parse_reset(v, now).unwrap_or(Duration::ZERO);
            assert!(wait <= MAX_WAIT, "{v}");
            let wait = parse_retry_after(v, now).unwrap_or(Duration::ZERO);
            assert!(wait <= MAX_WAIT, "{v}");
        }
    }

    #[test]
    fn header_precedence() {
        let now = at(1_609_459_100);
        let h = headers(&[("retry-after", "5"), ("x-ratelimit-retry-after", "60")]);
        assert_eq!(requested_wait(&h, now), Some(Duration::from_secs(5)));
        let h = headers(&[
            ("x-ratelimit-retry-after", "60"),
            ("x-ratelimit-reset", "1609459200"),
        ]);
        assert_eq!(requested_wait(&h, now), Some(Duration::from_secs(60)));
        let h = headers(&[("x-ratelimit-reset", "1609459200")]);
        assert_eq!(requested_wait(&h, now), Some(Duration::from_secs(100)));
        assert_eq!(requested_wait(&HeaderMap::new(), now), None);
    }

    #[test]
    fn exhausted_quota_is_seen_only_at_zero() {
        let now = at(1_609_459_100);
        let spent = headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1609459160"),
        ]);
        assert_eq!(
            quota_exhausted_for(&spent, now),
            Some(Duration::from_secs(60))
        );
        let left = headers(&[
            ("x-ratelimit-remaining", "3"),
            ("x-ratelimit-reset", "1609459160"),
        ]);
        assert_eq!(quota_exhausted_for(&left, now), None);
    }
}
