//! The Grafana dashboard shipped in `dashboards/` queries only metrics nbi exports.

use std::time::Duration;

use nbi_core::telemetry::Metrics;
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

/// The exported text with one sample of every metric.
fn exported() -> String {
    let metrics = Metrics::new();
    metrics.request(
        "netbox",
        "acme",
        "list_devices",
        "200",
        Duration::from_millis(12),
    );
    metrics.retry("netbox", "acme", "list_devices");
    metrics.circuit_state("netbox", "acme", 0);
    let _inflight = metrics.inflight("netbox", "acme");
    metrics.fleet_device("acme", "changed");
    metrics.fleet_run(Duration::from_secs(3));
    metrics.encode()
}

#[test]
fn every_series_the_dashboard_queries_is_exported() {
    let dashboard: Value = serde_json::from_str(DASHBOARD).expect("the dashboard is JSON");
    let mut exprs = Vec::new();
    expressions(&dashboard, &mut exprs);
    assert!(exprs.len() >= 10, "only {} queries found", exprs.len());

    let text = exported();
    let sample_names: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split(['{', ' ']).next())
        .collect();
    for expr in &exprs {
        for name in series_names(expr) {
            assert!(
                sample_names.contains(&name.as_str()),
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
