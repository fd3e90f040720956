//! State that outlives the process: an interrupted or failed run resumes without redoing the
//! steps that succeeded.

use std::sync::atomic::Ordering;
use std::time::Duration;

use nbi_workflow::{ErrorKind, RunStatus, Step, StepStatus, Workflow, WorkflowStore};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::support::{memory_runner, runner};

fn chain() -> Workflow {
    Workflow::builder()
        .name("chain")
        .tenant("acme")
        .step(Step::new("a", "test.probe").with(json!({ "echo": "from-a" })))
        .step(
            Step::new("b", "test.probe")
                .needs(["a"])
                .with(json!({ "breakable": true })),
        )
        .step(
            Step::new("c", "test.probe")
                .needs(["b"])
                .with(json!({ "echo": "${a.value}" })),
        )
        .step(Step::new("d", "test.probe").needs(["a"]))
        .build()
        .unwrap()
}

#[tokio::test(start_paused = true)]
async fn resume_runs_only_the_steps_that_did_not_succeed() {
    let (runner, probe) = memory_runner();
    probe.broken.store(true, Ordering::SeqCst);
    let failed = runner
        .run(&chain(), CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(failed.status, RunStatus::Failed);
    assert_eq!(failed.step("b").unwrap().status, StepStatus::Failed);
    assert_eq!(failed.step("c").unwrap().status, StepStatus::Skipped);

    probe.broken.store(false, Ordering::SeqCst);
    let resumed = runner
        .resume(failed.run_id, &chain(), CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(resumed.run_id, failed.run_id);
    assert_eq!(resumed.status, RunStatus::Succeeded, "{resumed:?}");
    // `a` and `d` ran once in all; `b` twice (failed, then resumed); `c` once, with a's
    // stored result.
    let counts = probe.counts();
    assert_eq!(counts["a"], 1);
    assert_eq!(counts["d"], 1);
    assert_eq!(counts["b"], 2);
    assert_eq!(counts["c"], 1);
    assert_eq!(
        resumed.step("c").unwrap().result.as_ref().unwrap()["value"],
        "from-a"
    );

    // Resuming a finished run runs nothing.
    let again = runner
        .resume(failed.run_id, &chain(), CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(again.status, RunStatus::Succeeded);
    assert_eq!(probe.counts(), counts);
}

#[tokio::test(start_paused = true)]
async fn resume_is_refused_when_the_workflow_changed_or_the_run_is_unknown() {
    let (runner, probe) = memory_runner();
    probe.broken.store(true, Ordering::SeqCst);
    let failed = runner
        .run(&chain(), CancellationToken::new())
        .await
        .unwrap();
    let changed = Workflow::builder()
        .name("chain")
        .tenant("acme")
        .step(Step::new("a", "test.probe").with(json!({ "echo": "other" })))
        .build()
        .unwrap();
    let err = runner
        .resume(failed.run_id, &changed, CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Changed);
    assert_eq!(
        err.to_string(),
        "cannot resume run 1: its definition has changed since (steps, inputs or policies); start a new run instead"
    );
    let err = runner
        .resume(7, &chain(), CancellationToken::new())
        .await
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.to_string().as_str()),
        (ErrorKind::UnknownRun, "no workflow run 7 in the store")
    );
    // Nothing ran for either refusal.
    assert_eq!(probe.count("a"), 1);
}

#[tokio::test(start_paused = true)]
async fn cancelling_persists_the_state_and_resume_finishes_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state").join("wf.db");
    let workflow = Workflow::builder()
        .name("long")
        .tenant("acme")
        .step(Step::new("quick", "test.probe"))
        .step(
            Step::new("long", "test.probe")
                .needs(["quick"])
                .with(json!({ "sleep_s": 100 })),
        )
        .step(Step::new("later", "test.probe").needs(["long"]))
        .build()
        .unwrap();
    let (first, probe) = runner(WorkflowStore::open(&path).unwrap());
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(5)).await;
        stopper.cancel();
    });
    let report = first.run(&workflow, cancel).await.unwrap();
    assert_eq!(report.status, RunStatus::Cancelled);
    let statuses = |r: &nbi_workflow::RunReport| -> Vec<StepStatus> {
        r.steps.iter().map(|s| s.status).collect()
    };
    assert_eq!(
        statuses(&report),
        [
            StepStatus::Succeeded,
            StepStatus::Cancelled,
            StepStatus::Pending
        ]
    );
    assert_eq!(
        report.step("long").unwrap().error.as_deref(),
        Some("cancelled: the run was interrupted")
    );
    drop(first);

    // Another process opens the same file and sees the same state.
    let stored = WorkflowStore::open(&path)
        .unwrap()
        .report(report.run_id)
        .unwrap();
    assert_eq!(stored, report);

    let (second, probe_after) = runner(WorkflowStore::open(&path).unwrap());
    let resumed = second
        .resume(report.run_id, &workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(resumed.status, RunStatus::Succeeded);
    assert_eq!(
        probe.count("quick") + probe_after.count("quick"),
        1,
        "quick is not redone"
    );
    assert_eq!(probe_after.count("long"), 1);
    assert_eq!(probe_after.count("later"), 1);
}
