//! Each error body mapped to its kind.

use nbi_core::{Operation, OperationClass, RequestSpec};
use nbi_mano::{ManoErrorExt, ManoErrorKind, QoSIntentRequest, SliceType};
use serde_json::json;

use crate::support::{client, sim};

#[tokio::test]
async fn server_422_keeps_every_field_with_its_code() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    // Sent raw, past the local checks, to see the server's own answer.
    const CREATE: Operation = Operation::new("create_intent", OperationClass::CREATE);
    let spec = RequestSpec::post(CREATE, "/orchestrator/intents")
        .json(&json!({"bandwidth": 20000, "latency": 10, "slice_type": "6G", "reliability": 0.5}));
    let err = mano.raw(spec).await.unwrap_err();
    assert_eq!(err.mano_kind(), ManoErrorKind::Validation);
    assert_eq!(err.kind(), nbi_mano::ErrorKind::Validation);
    assert!(!err.is_local_validation());
    let issues = err.field_issues();
    let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
    assert_eq!(fields, ["bandwidth", "slice_type", "reliability"]);
    assert_eq!(issues[0].code.as_deref(), Some("RANGE_ERROR"));
    assert_eq!(issues[1].code.as_deref(), Some("ENUM_ERROR"));
}

#[tokio::test]
async fn local_validation_sends_nothing() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let before = sim.stats().requests;
    let err = mano
        .orchestrator()
        .create_intent(&QoSIntentRequest::new(0.5, 1001.0, SliceType::Embb))
        .await
        .unwrap_err();
    assert!(err.is_local_validation());
    assert_eq!(err.problem().unwrap().field_errors.len(), 2);
    assert_eq!(sim.stats().requests, before);
}

#[tokio::test]
async fn not_found_conflict_and_bad_request_map_to_their_kinds() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let missing = mano.tn().status("no-such-agent").await.unwrap_err();
    assert_eq!(missing.mano_kind(), ManoErrorKind::NotFound);
    let problem = missing.problem().unwrap();
    assert_eq!(problem.title.as_deref(), Some("Not Found"));
    assert_eq!(
        problem.instance.as_deref(),
        Some("/tn-manager/agents/no-such-agent/status")
    );
    assert!(problem.type_uri.is_some());
    let unknown_plan = mano
        .orchestrator()
        .deploy("plan-000", false)
        .await
        .unwrap_err();
    assert_eq!(unknown_plan.mano_kind(), ManoErrorKind::NotFound);
    const CREATE: Operation = Operation::new("create_intent", OperationClass::CREATE);
    let garbage =
        RequestSpec::post(CREATE, "/orchestrator/intents").body("application/json", "[1,2]");
    let bad = mano.raw(garbage).await.unwrap_err();
    assert_eq!(bad.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(bad.mano_kind(), ManoErrorKind::Other);
}
