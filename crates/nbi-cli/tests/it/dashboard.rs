//! The Grafana dashboard shipped in `dashboards/` queries only metrics nbi exports.

use std::time::Duration;

use nbi_core::telemetry::Metrics;
use nbi_webhooks::{Scheme, WebhookMetrics};
use serde_json::Value;

const DASHBOARD: &str = include_str!("../../../../dashboards/nbi.json");

/// Every PromQL expression in the dashboard, panels and template variables alike.
fn expressions(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("expr" | "definition", Value::String(expr)) => found.push(expr.clone()),
                    _ => expressions(inner, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| expressions(item, found)),
        _ => {}
    }
}

/// The expression with its string literals (label values) blanked out.
fn without_strings(expr: &str) -> String {
    let mut in_string = false;
    expr.chars()
        .map(|c| {
            if c == '"' {
                in_string = !in_string;
            }
            if in_string || c == '"' { ' ' } else { c }
        })
        .collect()
}

/// The `nbi_…` series names an expression reads.
fn series_names(expr: &str) -> Vec<String> {
    let expr = without_strings(expr);
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut names = Vec::new();
    let mut rest = expr.as_str();
    while let Some(start) = rest.find("nbi_") {
        let preceded_by_name = rest[..start].chars().next_back().is_some_and(is_name_char);
        let tail = &rest[start..];
        let end = tail.find(|c| !is_name_char(c)).unwrap_or(tail.len());
        if !preceded_by_name {
            names.push(tail[..end].to_owned());
        }
        rest = &tail[end..];
    }
    names
}

/// Every series name nbi's `/metrics` page can hold, from its `# TYPE` lines: the transport's
/// and fleet's families (nbi-core) and the webhook receiver's.
fn exported_series() -> Vec<String> {
    // A family without a series prints nothing, so every family gets one.
    let core = Metrics::new();
    core.request(
        "netbox",
        "acme",
        "list_devices",
        "200",
        Duration::from_millis(12),
    );
    core.retry("netbox", "acme", "list_devices");
    core.circuit_state("netbox", "acme", 0);
    let _inflight = core.inflight("netbox", "acme");
    core.fleet_device("acme", "changed");
    core.fleet_run(Duration::from_secs(3));
    let webhooks = WebhookMetrics::new(core);
    webhooks.received_count(Scheme::Mano, "accepted");
    webhooks.handled_count("ok");
    let page = webhooks.encode();
    let mut names = Vec::new();
    for line in page.lines() {
        let mut words = line.split_whitespace();
        let (Some("#"), Some("TYPE"), Some(family), Some(kind)) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            continue;
        };
        let suffixes: &[&str] = match kind {
            "counter" => &["_total"],
            "histogram" => &["_bucket", "_sum", "_count"],
            _ => &[""],
        };
        names.extend(suffixes.iter().map(|suffix| format!("{family}{suffix}")));
    }
    names
}

#[test]
fn every_series_the_dashboard_queries_is_exported() {
    let dashboard: Value = serde_json::from_str(DASHBOARD).expect("the dashboard is JSON");
    let mut exprs = Vec::new();
    expressions(&dashboard, &mut exprs);
    assert!(exprs.len() >= 10, "only {} queries found", exprs.len());

    let exported = exported_series();
    assert!(
        exported.contains(&"nbi_requests_total".to_owned()),
        "{exported:?}"
    );
    for expr in &exprs {
        for name in series_names(expr) {
            assert!(
                exported.contains(&name),
                "the dashboard queries {name}, which nbi does not export (in `{expr}`)"
            );
        }
    }
}

#[test]
fn series_names_are_read_from_promql() {
    let names = series_names(
        r#"histogram_quantile(0.9, sum by (le) (rate(nbi_x_bucket{a="nbi_not"}[5m]))) / my_nbi_y"#,
    );
    assert_eq!(names, ["nbi_x_bucket"]);
}
