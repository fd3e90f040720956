use serde_json::json;

use super::*;

#[test]
fn unknown_enum_values_and_fields_are_kept() {
    let intent: QoSIntent = serde_json::from_value(json!({
        "id": "intent-9", "bandwidth": 50, "latency": 5, "slice_type": "V2X",
        "status": "migrating", "owner": "noc"
    }))
    .unwrap();
    assert_eq!(intent.slice_type, SliceType::Other("V2X".into()));
    assert_eq!(intent.status, Some(IntentStatus::Other("migrating".into())));
    assert_eq!(intent.extra["owner"], "noc");
    let back = serde_json::to_value(&intent).unwrap();
    assert_eq!(back["slice_type"], "V2X");
    assert_eq!(back["owner"], "noc");
}

#[test]
fn known_values_round_trip() {
    for s in SliceType::known() {
        assert_eq!(SliceType::from(*s).as_str(), *s);
        assert!(!matches!(SliceType::from(*s), SliceType::Other(_)));
    }
    assert!(DeploymentState::Failed.is_terminal());
    assert!(!DeploymentState::Running.is_terminal());
}

#[test]
fn requests_leave_out_what_is_unset() {
    let body = serde_json::to_value(QoSIntentRequest::new(100.0, 10.0, SliceType::Urllc)).unwrap();
    assert_eq!(
        body,
        json!({"bandwidth": 100.0, "latency": 10.0, "slice_type": "uRLLC"})
    );
}

#[test]
fn subscription_debug_hides_the_secret() {
    let s = SubscriptionRequest::new("http://x", vec![WebhookEvent::SliceCreated], "s3cr3t-value");
    assert!(!format!("{s:?}").contains("s3cr3t-value"));
}
