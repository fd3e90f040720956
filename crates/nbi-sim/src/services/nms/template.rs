//! Pre-rendered bodies with holes for the volatile values, filled per fetch by concatenation.

use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;

/// A volatile value spliced into a body on every fetch. In generated text it is written as
/// `@@NAME@@`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// IOS-style time of the last change: `10:21:33 UTC Tue Mar 5 2024`.
    LastChange,
    /// `ntp clock-period` value.
    ClockPeriod,
    /// Junos-style time: `2024-03-05 10:21:33 UTC`.
    CommitTime,
    /// Seconds since the epoch.
    EpochSeconds,
    /// A fresh id per envelope.
    EnvelopeId,
    /// The requested device id (benchmark mode).
    DeviceId,
}

impl Slot {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "LAST_CHANGE" => Slot::LastChange,
            "CLOCK_PERIOD" => Slot::ClockPeriod,
            "COMMIT_TIME" => Slot::CommitTime,
            "EPOCH" => Slot::EpochSeconds,
            "ENVELOPE_ID" => Slot::EnvelopeId,
            "DEVICE_ID" => Slot::DeviceId,
            _ => return None,
        })
    }
}

#[derive(Debug)]
enum Part {
    Text(Bytes),
    Slot(Slot),
}

/// A body split at its volatile values.
#[derive(Debug)]
pub(crate) struct Template {
    parts: Vec<Part>,
    static_len: usize,
}

impl Template {
    /// Splits `rendered` at every `@@NAME@@` marker naming a [`Slot`].
    pub(crate) fn parse(rendered: &str) -> Self {
        let mut parts = Vec::new();
        let mut rest = rendered;
        let mut text = String::new();
        while let Some(start) = rest.find("@@") {
            let after = &rest[start + 2..];
            let slot = after
                .find("@@")
                .and_then(|end| Some((Slot::from_name(&after[..end])?, end)));
            match slot {
                Some((slot, end)) => {
                    text.push_str(&rest[..start]);
                    parts.push(Part::Text(Bytes::from(std::mem::take(&mut text))));
                    parts.push(Part::Slot(slot));
                    rest = &after[end + 2..];
                }
                None => {
                    text.push_str(&rest[..start + 2]);
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        parts.push(Part::Text(Bytes::from(text)));
        let static_len = parts
            .iter()
            .map(|p| if let Part::Text(t) = p { t.len() } else { 0 })
            .sum();
        Self { parts, static_len }
    }

    /// The body with every slot filled by `fill`.
    pub(crate) fn render(&self, mut fill: impl FnMut(Slot, &mut Vec<u8>)) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.static_len + 128);
        for part in &self.parts {
            match part {
                Part::Text(text) => out.extend_from_slice(text),
                Part::Slot(slot) => fill(*slot, &mut out),
            }
        }
        out
    }
}

/// The values of one fetch.
#[derive(Debug)]
pub(crate) struct Volatile {
    ios_time: String,
    junos_time: String,
    epoch: u64,
    fetch: u64,
    envelope_id: String,
}

impl Volatile {
    /// Values for fetch number `fetch` happening now.
    pub(crate) fn now(seed: u64, fetch: u64) -> Self {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let secs = now.as_secs();
        let (y, mo, d, wd) = civil(secs / 86_400);
        let (h, mi, s) = (secs / 3600 % 24, secs / 60 % 60, secs % 60);
        let ms = now.subsec_millis();
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS[(mo as usize).saturating_sub(1) % 12];
        let id = crate::fault::mix(seed ^ 0xE7E1, fetch);
        Self {
            ios_time: format!(
                "{h:02}:{mi:02}:{s:02}.{ms:03} UTC {} {month} {d} {y}",
                DAYS[wd]
            ),
            junos_time: format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC"),
            epoch: secs,
            fetch,
            envelope_id: format!(
                "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
                id >> 32,
                id >> 16 & 0xffff,
                id & 0xfff,
                fetch & 0xfff,
                fetch & 0xffff_ffff_ffff
            ),
        }
    }

    /// Writes one slot's value.
    pub(crate) fn fill(&self, slot: Slot, out: &mut Vec<u8>) {
        match slot {
            Slot::LastChange => out.extend_from_slice(self.ios_time.as_bytes()),
            Slot::ClockPeriod => out.extend_from_slice(clock_period(self.fetch).as_bytes()),
            Slot::CommitTime => out.extend_from_slice(self.junos_time.as_bytes()),
            Slot::EpochSeconds => out.extend_from_slice(self.epoch.to_string().as_bytes()),
            Slot::EnvelopeId => out.extend_from_slice(self.envelope_id.as_bytes()),
            Slot::DeviceId => {}
        }
    }
}

/// A plausible `ntp clock-period` that differs between consecutive fetches.
pub(crate) fn clock_period(fetch: u64) -> String {
    (17_179_000 + fetch % 1_000_000).to_string()
}

/// (year, month, day, weekday index with 0 = Thursday) of a day count since 1970-01-01.
fn civil(days: u64) -> (u64, u64, u64, usize) {
    // Howard Hinnant's days_from_civil inverse, for dates after 1970.
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    (y, m, d, (days % 7) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0));
        assert_eq!(civil(19_787), (2024, 3, 5, 5)); // a Tuesday
    }

    #[test]
    fn splices_slots_and_keeps_unknown_markers() {
        let template = Template::parse("a@@DEVICE_ID@@b@@NOPE@@c@@CLOCK_PERIOD@@");
        let out =
            template.render(|slot, out| out.extend_from_slice(format!("<{slot:?}>").as_bytes()));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a<DeviceId>b@@NOPE@@c<ClockPeriod>"
        );
    }

    #[test]
    fn volatile_values_change_per_fetch() {
        let (a, b) = (Volatile::now(1, 1), Volatile::now(1, 2));
        assert_ne!(a.envelope_id, b.envelope_id);
        assert_ne!(clock_period(1), clock_period(2));
    }
}
