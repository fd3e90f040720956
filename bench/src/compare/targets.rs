//! The targets, each with the figure measured and pass or miss.

use serde::Serialize;

use super::run::{Comparison, Scenario};
use super::stacks::Stack;

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Reached.
    Pass,
    /// Not reached.
    Miss,
    /// A stack it needs did not run.
    NotMeasured,
}

impl Status {
    fn of(reached: Option<bool>) -> Status {
        match reached {
            Some(true) => Status::Pass,
            Some(false) => Status::Miss,
            None => Status::NotMeasured,
        }
    }

    /// The word in tables.
    pub fn word(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Miss => "MISS",
            Status::NotMeasured => "not measured",
        }
    }
}

/// One target.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// What is aimed for.
    pub goal: String,
    /// The figure measured.
    pub measured: String,
    /// Pass, miss or not measured.
    pub status: Status,
}

fn target(goal: &str, measured: Option<(f64, String)>, reached: impl Fn(f64) -> bool) -> Target {
    Target {
        goal: goal.to_owned(),
        measured: measured
            .as_ref()
            .map_or("—".into(), |(_, text)| text.clone()),
        status: Status::of(measured.map(|(value, _)| reached(value))),
    }
}

/// Sets every target against the measured figures.
pub(crate) fn evaluate(c: &Comparison) -> Vec<Target> {
    let mut targets = Vec::new();
    let run = |scenario, stack| c.scenario(scenario).and_then(|s| s.get(stack));
    let rate_ratio = |stack| {
        let (a, b) = (
            run(Scenario::Throughput, stack)?,
            run(Scenario::Throughput, Stack::Bare)?,
        );
        let ratio = a.rate() / b.rate().max(1e-9);
        Some((
            ratio,
            format!("{ratio:.2} × ({:.0} / {:.0} per s)", a.rate(), b.rate()),
        ))
    };
    let cpu_ratio = |python| {
        let (fleet, other) = (
            run(Scenario::Throughput, Stack::NbiFleet)?,
            run(Scenario::Throughput, python)?,
        );
        let ratio = other.cpu_us_per_device() / fleet.cpu_us_per_device().max(1e-9);
        Some((
            ratio,
            format!(
                "{ratio:.1} × ({:.1} vs {:.1} µs per device)",
                fleet.cpu_us_per_device(),
                other.cpu_us_per_device()
            ),
        ))
    };
    targets.push(target(
        "transport alone ≥ 0.8 × the bare limit in requests/s",
        rate_ratio(Stack::NbiTransport),
        |r| r >= 0.8,
    ));
    targets.push(target(
        "whole fleet job ≥ 0.5 × the bare limit in devices/s",
        rate_ratio(Stack::NbiFleet),
        |r| r >= 0.5,
    ));
    targets.push(target(
        "whole fleet job ≥ 4 × better than aiohttp in CPU per device",
        cpu_ratio(Stack::Aiohttp),
        |r| r >= 4.0,
    ));
    targets.push(target(
        "whole fleet job ≥ 50 × better than httpx + tenacity + pybreaker in CPU per device",
        cpu_ratio(Stack::HttpxResilient),
        |r| r >= 50.0,
    ));
    for stack in [Stack::NbiTransport, Stack::NbiFleet] {
        let latency = c.scenario(Scenario::Latency).and_then(|s| {
            let r = s.get(stack)?;
            let ideal = s.ideal_s?;
            let ratio = r.client.loop_s / ideal;
            Some((
                ratio,
                format!("{:.3} s / {ideal:.3} s = {ratio:.3}", r.client.loop_s),
            ))
        });
        targets.push(target(
            &format!(
                "{}: latency-bound run within 10 % of the ideal",
                stack.label()
            ),
            latency,
            |r| r <= 1.10,
        ));
    }
    for stack in [Stack::NbiTransport, Stack::NbiFleet] {
        let faults = run(Scenario::Faults, stack);
        let label = stack.label();
        targets.push(target(
            &format!("{label} under faults: every device fetched"),
            faults.map(|r| {
                (
                    r.client.failed as f64,
                    format!("{} of {} fetched", r.client.ok, r.n),
                )
            }),
            |failed| failed == 0.0,
        ));
        targets.push(target(
            &format!("{label} under faults: ≤ 1.1 requests per device"),
            faults.map(|r| {
                (
                    r.requests_per_device(),
                    format!("{:.3} ({} requests)", r.requests_per_device(), r.requests),
                )
            }),
            |per| per <= 1.1,
        ));
        targets.push(target(
            &format!("{label} under faults: zero requests inside a Retry-After window"),
            faults.map(|r| {
                (
                    r.in_retry_after_window as f64,
                    r.in_retry_after_window.to_string(),
                )
            }),
            |inside| inside == 0.0,
        ));
    }
    let xml = c.xml.ratio.map(|r| {
        (
            r,
            format!("{r:.1} × ({:.0} replies/s)", c.xml.nbi.replies_per_s),
        )
    });
    targets.push(target(
        "XML reader ≥ 10 × defusedxml in replies/s",
        xml,
        |r| r >= 10.0,
    ));
    targets
}
