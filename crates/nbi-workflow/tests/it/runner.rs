//! One run: parallel ready steps, retries with backoff, timeouts, failure handling, references.

use std::time::Duration;

use nbi_workflow::{ErrorKind, RunStatus, Step, StepStatus, Workflow};
use serde_json::json;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::support::memory_runner;

fn probe(id: &str, input: serde_json::Value) -> Step {
    Step::new(id, "test.probe").with(input)
}

#[tokio::test(start_paused = true)]
async fn diamond_branches_run_at_the_same_time() {
    let workflow = Workflow::builder()
        .name("diamond")
        .tenant("acme")
        .step(probe("top", json!({ "sleep_s": 1 })))
        .step(
            Step::new("left", "test.barrier")
                .needs(["top"])
                .timeout(Duration::from_secs(5)),
        )
        .step(
            Step::new("right", "test.barrier")
                .needs(["top"])
                .timeout(Duration::from_secs(5)),
        )
        .step(probe("slow-left", json!({ "sleep_s": 3 })).needs(["left"]))
        .step(probe("slow-right", json!({ "sleep_s": 3 })).needs(["right"]))
        .step(probe("bottom", json!({})).needs(["slow-left", "slow-right"]))
        .build()
        .unwrap();
    let (runner, probe) = memory_runner();
    let started = Instant::now();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    // The barrier lets `left` and `right` through only together: they ran at once.
    assert_eq!(report.status, RunStatus::Succeeded, "{report:?}");
    // 1 s + two 3 s branches side by side, not one after the other.
    assert_eq!(started.elapsed(), Duration::from_secs(4));
    let calls = probe.calls.lock().unwrap().clone();
    let at = |id: &str| calls.iter().find(|c| c.step == id).unwrap().clone();
    let (l, r, b) = (at("slow-left"), at("slow-right"), at("bottom"));
    assert!(
        l.started < r.ended.unwrap() && r.started < l.ended.unwrap(),
        "branches overlap"
    );
    assert!(b.started >= l.ended.unwrap() && b.started >= r.ended.unwrap());
    assert_eq!(
        probe
            .max_in_flight
            .load(std::sync::atomic::Ordering::SeqCst),
        2
    );
}

#[tokio::test(start_paused = true)]
async fn a_failing_step_retries_with_backoff_then_fails_the_run() {
    let workflow = Workflow::builder()
        .name("flaky")
        .tenant("acme")
        .step(probe("flaky", json!({ "fail_first": 10 })).retry(3, Duration::from_secs(2)))
        .step(probe("sibling", json!({ "sleep_s": 60 })))
        .step(probe("after", json!({})).needs(["flaky"]))
        .build()
        .unwrap();
    let (runner, probe) = memory_runner();
    let started = Instant::now();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Failed);
    // Tries at 0 s, 2 s and 2 + 4 = 6 s; the failure then stops the 60 s sibling.
    assert_eq!(started.elapsed(), Duration::from_secs(6));
    let flaky = report.step("flaky").unwrap();
    assert_eq!((flaky.status, flaky.attempts), (StepStatus::Failed, 3));
    assert_eq!(flaky.error.as_deref(), Some("try 3 of flaky failed"));
    assert_eq!(probe.count("flaky"), 3);
    let sibling = report.step("sibling").unwrap();
    assert_eq!(sibling.status, StepStatus::Cancelled);
    assert_eq!(
        sibling.error.as_deref(),
        Some("cancelled: step `flaky` failed")
    );
    let after = report.step("after").unwrap();
    assert_eq!((after.status, after.attempts), (StepStatus::Skipped, 0));
    assert_eq!(
        after.error.as_deref(),
        Some("not started: step `flaky` failed")
    );
    assert_eq!(probe.count("after"), 0);
}

#[tokio::test(start_paused = true)]
async fn a_retry_that_succeeds_keeps_the_run_going() {
    let workflow = Workflow::builder()
        .name("recovers")
        .tenant("acme")
        .step(probe("flaky", json!({ "fail_first": 2 })).retry(5, Duration::from_secs(1)))
        .build()
        .unwrap();
    let (runner, _) = memory_runner();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Succeeded);
    assert_eq!(report.step("flaky").unwrap().attempts, 3);
    assert_eq!(
        report.step("flaky").unwrap().result.as_ref().unwrap()["attempt"],
        3
    );
}

#[tokio::test(start_paused = true)]
async fn a_permanent_error_is_not_retried() {
    let workflow = Workflow::builder()
        .name("broken")
        .tenant("acme")
        .step(probe("bad", json!({ "fail": true })).retry(5, Duration::from_secs(1)))
        .build()
        .unwrap();
    let (runner, probe) = memory_runner();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Failed);
    assert_eq!(report.step("bad").unwrap().attempts, 1);
    assert_eq!(probe.count("bad"), 1);
}

#[tokio::test(start_paused = true)]
async fn the_timeout_stops_each_try() {
    let workflow = Workflow::builder()
        .name("slow")
        .tenant("acme")
        .step(
            probe("slow", json!({ "sleep_s": 100 }))
                .timeout(Duration::from_secs(1))
                .retry(2, Duration::from_secs(1)),
        )
        .build()
        .unwrap();
    let (runner, probe) = memory_runner();
    let started = Instant::now();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(3),
        "1 s try, 1 s backoff, 1 s try"
    );
    let slow = report.step("slow").unwrap();
    assert_eq!((slow.status, slow.attempts), (StepStatus::Failed, 2));
    assert_eq!(slow.error.as_deref(), Some("timed out after 1 s"));
    assert_eq!(slow.duration_s, Some(3.0));
    assert_eq!(probe.count("slow"), 2);
}

#[tokio::test(start_paused = true)]
async fn results_flow_into_later_steps_through_references() {
    let workflow = Workflow::from_yaml_str(
        r#"
name: refs
tenant: acme
steps:
  - id: intent
    action: test.probe
    with: { echo: { id: "i-7", qos: { latency: 10 }, slices: [ { id: s-1 } ] } }
  - id: plan
    action: test.probe
    needs: [intent]
    with:
      echo:
        intents: ["${intent.value.id}"]
        latency: "${intent.value.qos.latency}"
        path: "/slices/${intent.value.slices.0.id}/plan"
  - id: check
    action: core.assert
    needs: [plan]
    with: { actual: "${plan.value.latency}", equals: 10 }
"#,
    )
    .unwrap();
    let (runner, _) = memory_runner();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Succeeded, "{report:?}");
    assert_eq!(
        report.step("plan").unwrap().result.as_ref().unwrap()["value"],
        json!({ "intents": ["i-7"], "latency": 10, "path": "/slices/s-1/plan" })
    );
}

#[tokio::test(start_paused = true)]
async fn an_absent_referenced_value_fails_the_step_naming_the_reference() {
    let workflow = Workflow::builder()
        .name("absent")
        .tenant("acme")
        .step(probe("intent", json!({ "echo": {} })))
        .step(
            probe("plan", json!({ "echo": "${intent.value.id}" }))
                .needs(["intent"])
                .retry(3, Duration::from_secs(1)),
        )
        .build()
        .unwrap();
    let (runner, probe) = memory_runner();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    let plan = report.step("plan").unwrap();
    assert_eq!((plan.status, plan.attempts), (StepStatus::Failed, 0));
    assert_eq!(
        plan.error.as_deref(),
        Some("with: ${intent.value.id}: `intent.value` has no `id`")
    );
    assert_eq!(probe.count("plan"), 0);
}

#[tokio::test(start_paused = true)]
async fn a_failed_assertion_fails_the_run_with_its_message() {
    let workflow =
        Workflow::builder()
            .name("assert")
            .tenant("acme")
            .step(probe("status", json!({ "echo": 503 })))
            .step(Step::new("check", "core.assert").needs(["status"]).with(
                json!({ "actual": "${status.value}", "equals": 200, "message": "service up" }),
            ))
            .build()
            .unwrap();
    let (runner, _) = memory_runner();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Failed);
    assert_eq!(
        report.step("check").unwrap().error.as_deref(),
        Some("service up: assertion failed: got 503, expected 200")
    );
}

#[tokio::test(start_paused = true)]
async fn nothing_runs_when_the_workflow_is_wrong() {
    let workflow = Workflow::builder()
        .name("unknown")
        .tenant("acme")
        .step(probe("a", json!({})))
        .step(Step::new("b", "mano.create_intent"))
        .build()
        .unwrap();
    let (runner, probe) = memory_runner();
    let err = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Definition);
    assert!(
        err.to_string()
            .starts_with("steps[b].action: unknown action `mano.create_intent`")
    );
    assert_eq!(probe.count("a"), 0);
    assert_eq!(
        runner.store().report(1).unwrap_err().kind(),
        ErrorKind::UnknownRun
    );
}

#[tokio::test(start_paused = true)]
async fn max_parallel_bounds_the_steps_in_flight() {
    let mut builder = Workflow::builder().name("wide").tenant("acme");
    for i in 0..10 {
        builder = builder.step(probe(&format!("s{i}"), json!({ "sleep_s": 1 })));
    }
    let workflow = builder.build().unwrap();
    let (runner, probe) = memory_runner();
    let runner = runner.max_parallel(3);
    let started = Instant::now();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert!(report.is_success());
    assert_eq!(
        probe
            .max_in_flight
            .load(std::sync::atomic::Ordering::SeqCst),
        3
    );
    assert_eq!(
        started.elapsed(),
        Duration::from_secs(4),
        "ceil(10 / 3) rounds of 1 s"
    );
}
