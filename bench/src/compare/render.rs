//! The comparison for people: a table on the terminal and `latest.md`.

use std::fmt::Write as _;

use super::measure::StackRun;
use super::run::{Comparison, Scenario, ScenarioResult};
use super::stacks::Stack;

/// Markdown: machine, one table per scenario, ratios, XML, targets.
pub fn markdown(c: &Comparison) -> String {
    let mut out = String::from("# nbi side by side: results\n\n");
    let _ = writeln!(out, "Machine: {}.\n", c.machine.summary());
    let _ = writeln!(
        out,
        "Server `nbi sim --auth none` pinned to core {}, each client pinned to core {}, one client at a time, a fresh simulator for each. \
         Rate = devices fetched / the client's own loop time; CPU = user + system of the whole client process (rusage of the child) / devices; \
         RSS = the client process's peak resident set.\n",
        c.plan.server_cpu, c.plan.client_cpu
    );
    if let Some(python) = &c.python {
        let _ = writeln!(out, "{}; {}.\n", python.version, python.packages.join(", "));
    }
    if let Some(reason) = &c.python_skipped {
        let _ = writeln!(out, "Python stacks: {reason}.\n");
    }
    for scenario in &c.scenarios {
        let _ = writeln!(out, "## {}\n", scenario.scenario.title(&c.plan));
        out.push_str(&table(scenario));
        out.push('\n');
    }
    out.push_str(&ratios(c));
    let _ = writeln!(
        out,
        "## XML reader (CMS-size reply, {} bytes)\n",
        c.xml.nbi.reply_bytes
    );
    let _ = writeln!(out, "- nbi-core: {:.0} replies/s", c.xml.nbi.replies_per_s);
    match (&c.xml.defusedxml, c.xml.ratio) {
        (Some(d), Some(ratio)) => {
            let rate = d
                .get("replies_per_s")
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            let _ = writeln!(
                out,
                "- defusedxml: {rate:.0} replies/s\n- ratio: {ratio:.1} ×\n"
            );
        }
        _ => out.push_str("- defusedxml: not measured (no Python)\n\n"),
    }
    out.push_str("## Targets\n\n| target | measured | status |\n|---|---|---|\n");
    for t in &c.targets {
        let _ = writeln!(out, "| {} | {} | {} |", t.goal, t.measured, t.status.word());
    }
    out
}

/// One scenario as a Markdown table.
pub fn table(s: &ScenarioResult) -> String {
    let latency = s.scenario == Scenario::Latency;
    let faults = s.scenario == Scenario::Faults;
    let mut out = String::from(
        "| stack | fetched | failed | devices/s | CPU µs/device | peak RSS MiB | process wall s | loop s |",
    );
    if latency {
        out.push_str(" loop / ideal |");
    }
    if faults {
        out.push_str(" requests | requests/device | in Retry-After window |");
    }
    out.push_str("\n|---|---:|---:|---:|---:|---:|---:|---:|");
    if latency {
        out.push_str("---:|");
    }
    if faults {
        out.push_str("---:|---:|---:|");
    }
    out.push('\n');
    for r in &s.runs {
        let _ = write!(
            out,
            "| {} | {} | {} | {:.0} | {:.1} | {:.1} | {:.3} | {:.3} |",
            r.stack.label(),
            r.client.ok,
            r.client.failed,
            r.rate(),
            r.cpu_us_per_device(),
            r.cost.maxrss_kb as f64 / 1024.0,
            r.cost.wall_s,
            r.client.loop_s
        );
        if let (true, Some(ideal)) = (latency, s.ideal_s) {
            let _ = write!(out, " {:.3} |", r.client.loop_s / ideal);
        }
        if faults {
            let _ = write!(
                out,
                " {} | {:.3} | {} |",
                r.requests,
                r.requests_per_device(),
                r.in_retry_after_window
            );
        }
        out.push('\n');
    }
    if let Some(ideal) = s.ideal_s {
        let _ = writeln!(
            out,
            "\nIdeal: ⌈devices / concurrency⌉ × latency = {ideal:.3} s."
        );
    }
    out
}

/// nbi's stacks against the limit and each Python stack in the no-latency run, for the JSON:
/// `{stack, vs, rate, cpu}` with rate = nbi ÷ other and cpu = other ÷ nbi.
pub fn ratio_rows(c: &Comparison) -> Vec<serde_json::Value> {
    let Some(s) = c.scenario(Scenario::Throughput) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for stack in [Stack::NbiTransport, Stack::NbiFleet] {
        let Some(nbi) = s.get(stack) else { continue };
        for other in [
            Stack::Bare,
            Stack::Aiohttp,
            Stack::HttpxPlain,
            Stack::HttpxResilient,
        ] {
            let Some(other) = s.get(other) else { continue };
            rows.push(serde_json::json!({
                "stack": stack,
                "vs": other.stack,
                "rate": nbi.rate() / other.rate().max(1e-9),
                "cpu": other.cpu_us_per_device() / nbi.cpu_us_per_device().max(1e-9),
            }));
        }
    }
    rows
}

/// nbi's stacks against the limit and each Python stack, in the no-latency run.
fn ratios(c: &Comparison) -> String {
    let Some(s) = c.scenario(Scenario::Throughput) else {
        return String::new();
    };
    let others: Vec<&StackRun> = [
        Stack::Bare,
        Stack::Aiohttp,
        Stack::HttpxPlain,
        Stack::HttpxResilient,
    ]
    .iter()
    .filter_map(|stack| s.get(*stack))
    .collect();
    let mut out = String::from(
        "## Ratios (no-latency run)\n\nRate: nbi's devices/s ÷ the other's. CPU: the other's CPU per device ÷ nbi's (above 1 = nbi is cheaper).\n\n| nbi stack |",
    );
    for other in &others {
        let _ = write!(out, " rate vs {0} | CPU vs {0} |", other.stack.label());
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|---:|".repeat(others.len()));
    out.push('\n');
    for stack in [Stack::NbiTransport, Stack::NbiFleet] {
        let Some(nbi) = s.get(stack) else { continue };
        let _ = write!(out, "| {} |", stack.label());
        for other in &others {
            let _ = write!(
                out,
                " {:.2} × | {:.2} × |",
                nbi.rate() / other.rate().max(1e-9),
                other.cpu_us_per_device() / nbi.cpu_us_per_device().max(1e-9)
            );
        }
        out.push('\n');
    }
    out.push('\n');
    out
}
