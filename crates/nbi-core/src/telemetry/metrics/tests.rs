use super::*;

#[test]
fn encode_lists_every_family_with_its_labels() {
    let m = Metrics::new();
    m.request(
        "netbox",
        "acme",
        "list_devices",
        "200",
        Duration::from_millis(12),
    );
    m.request(
        "netbox",
        "acme",
        "list_devices",
        "timeout",
        Duration::from_secs(3),
    );
    m.retry("netbox", "acme", "list_devices");
    m.circuit_state("netbox", "acme", 2);
    let _guard = m.inflight("netbox", "acme");
    m.fleet_device("acme", "ok");
    m.fleet_run(Duration::from_secs(42));
    let text = m.encode();

    for line in [
        r#"nbi_requests_total{service="netbox",tenant="acme",operation="list_devices",status="200"} 1"#,
        r#"nbi_requests_total{service="netbox",tenant="acme",operation="list_devices",status="timeout"} 1"#,
        r#"nbi_request_duration_seconds_count{service="netbox",tenant="acme",operation="list_devices"} 2"#,
        r#"nbi_request_duration_seconds_bucket{le="0.025",service="netbox",tenant="acme",operation="list_devices"} 1"#,
        r#"nbi_retries_total{service="netbox",tenant="acme",operation="list_devices"} 1"#,
        r#"nbi_circuit_state{service="netbox",tenant="acme"} 2"#,
        r#"nbi_inflight{service="netbox",tenant="acme"} 1"#,
        r#"nbi_fleet_devices_total{tenant="acme",outcome="ok"} 1"#,
        "nbi_fleet_run_duration_seconds_count 1",
    ] {
        assert!(text.contains(line), "missing {line} in\n{text}");
    }
    assert!(text.contains("# TYPE nbi_requests counter"));
    assert!(text.contains("# TYPE nbi_request_duration_seconds histogram"));
    assert!(text.trim_end().ends_with("# EOF"));
}

#[test]
fn a_fresh_registry_encodes_only_series_that_exist() {
    // prometheus-client leaves out labelled families until their first series.
    let text = Metrics::default().encode();
    assert!(text.contains("# TYPE nbi_fleet_run_duration_seconds histogram"));
    assert!(!text.contains("nbi_requests"));
    assert!(text.trim_end().ends_with("# EOF"));
}

#[test]
fn inflight_guard_decrements_on_drop() {
    let m = Metrics::new();
    let first = m.inflight("cms", "acme");
    let second = m.clone().inflight("cms", "acme");
    assert!(
        m.encode()
            .contains(r#"nbi_inflight{service="cms",tenant="acme"} 2"#)
    );
    drop(first);
    assert!(
        m.encode()
            .contains(r#"nbi_inflight{service="cms",tenant="acme"} 1"#)
    );
    drop(second);
    assert!(
        m.encode()
            .contains(r#"nbi_inflight{service="cms",tenant="acme"} 0"#)
    );
}
