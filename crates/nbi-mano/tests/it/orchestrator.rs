//! Intents, plans, deployments, batches, waits and event streams.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::TryStreamExt;
use nbi_mano::{
    CancellationToken, DeploymentState, IntentStatus, ManoErrorExt, ManoErrorKind,
    QoSIntentRequest, SliceType,
};
use serde_json::json;

use crate::support::{client, sim, sim_settings};

#[tokio::test]
async fn intents_crud_and_paging() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let o = mano.orchestrator();
    let created = o
        .create_intent(&QoSIntentRequest::new(100.0, 10.0, SliceType::Urllc).reliability(0.9999))
        .await
        .unwrap();
    assert_eq!(created.status, Some(IntentStatus::Planned));
    assert_eq!(o.intent(&created.id).await.unwrap().bandwidth, 100.0);
    let updated = o
        .update_intent(
            &created.id,
            &QoSIntentRequest::new(250.0, 20.0, SliceType::Embb),
        )
        .await
        .unwrap();
    assert_eq!(updated.slice_type, SliceType::Embb);
    let page = o.intents().limit(2).send().await.unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.total, Some(4));
    assert_eq!(page.next.as_deref(), Some("2"));
    let all: Vec<_> = o.intents().limit(1).all().try_collect().await.unwrap();
    assert_eq!(all.len(), 4);
    let embb: Vec<_> = o
        .intents()
        .slice_type(SliceType::Embb)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(embb.len(), 2);
    o.delete_intent(&created.id).await.unwrap();
    let gone = o.intent(&created.id).await.unwrap_err();
    assert_eq!(gone.mano_kind(), ManoErrorKind::NotFound);
    // The seeded first intent is deployed: deleting it conflicts.
    let deployed: Vec<_> = o
        .intents()
        .status(IntentStatus::Deployed)
        .all()
        .try_collect()
        .await
        .unwrap();
    let conflict = o.delete_intent(&deployed[0].id).await.unwrap_err();
    assert_eq!(conflict.mano_kind(), ManoErrorKind::Conflict);
    assert_eq!(conflict.status().map(|s| s.as_u16()), Some(409));
}

#[tokio::test]
async fn batch_creation_reports_every_item_in_order() {
    let sim = sim(1).await;
    let mano = client(&sim, 0);
    let items = vec![
        QoSIntentRequest::new(10.0, 10.0, SliceType::Embb),
        QoSIntentRequest::new(0.0, 10.0, SliceType::Embb),
        QoSIntentRequest::new(30.0, 5000.0, SliceType::Miot),
        QoSIntentRequest::new(40.0, 40.0, SliceType::Balanced),
    ];
    let outcomes = mano
        .orchestrator()
        .create_intents(items)
        .concurrency(2)
        .send()
        .await
        .unwrap();
    let ok: Vec<bool> = outcomes.iter().map(|o| o.result.is_ok()).collect();
    assert_eq!(ok, [true, false, false, true]);
    assert_eq!(
        outcomes.iter().map(|o| o.index).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    let bad = outcomes[2].result.as_ref().unwrap_err();
    assert!(bad.is_local_validation());
    assert_eq!(bad.field_issues()[0].field, "latency");
    let total = mano.orchestrator().intents().send().await.unwrap().total;
    assert_eq!(total, Some(5), "only the two valid ones were sent");
}

#[tokio::test(start_paused = true)]
async fn a_deployment_is_polled_to_completion_with_progress() {
    let sim = sim(1).await;
    sim_settings(&sim, "tenant-1", json!({"deploy_s": 20})).await;
    let mano = client(&sim, 0);
    let o = mano.orchestrator();
    let intent = o
        .create_intent(&QoSIntentRequest::new(100.0, 10.0, SliceType::Embb))
        .await
        .unwrap();
    let plan = o.plan_intents(vec![intent.id]).await.unwrap();
    assert_eq!(plan.allocations.len(), 1);
    let started = o.deploy(&plan.id, false).await.unwrap();
    assert_eq!(started.status, DeploymentState::Queued);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let done = o
        .wait_for_deployment(&started.deployment_id)
        .interval(Duration::from_secs(5))
        .on_progress(move |s| record.lock().unwrap().push(s.progress_percent))
        .send()
        .await
        .unwrap();
    assert_eq!(done.status, DeploymentState::Completed);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.last(), Some(&100));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen.len() >= 4, "{seen:?}");
    // Deploying the same plan again conflicts unless forced.
    let again = o.deploy(&plan.id, false).await.unwrap_err();
    assert_eq!(again.mano_kind(), ManoErrorKind::Conflict);
    assert!(o.deploy(&plan.id, true).await.is_ok());
}

#[tokio::test(start_paused = true)]
async fn a_wait_times_out_or_is_cancelled_with_the_last_status() {
    let sim = sim(1).await;
    sim_settings(&sim, "tenant-1", json!({"deploy_s": 600})).await;
    let mano = client(&sim, 0);
    let o = mano.orchestrator();
    let plan = o
        .plan(&nbi_mano::PlanRequest {
            intents: vec![QoSIntentRequest::new(50.0, 30.0, SliceType::Embb)],
            dry_run: None,
        })
        .await
        .unwrap();
    let id = o.deploy(&plan.id, false).await.unwrap().deployment_id;
    let err = o
        .wait_for_deployment(&id)
        .timeout(Duration::from_secs(60))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), nbi_mano::ErrorKind::Timeout);
    assert_eq!(err.mano_kind(), ManoErrorKind::DeploymentNotCompleted);
    assert_eq!(
        err.deployment_status().unwrap().status,
        DeploymentState::Running
    );
    assert!(!err.is_cancelled());

    let token = CancellationToken::new();
    let wait = o.wait_for_deployment(&id).cancel_on(token.clone()).send();
    let canceller = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(12)).await;
        token.cancel();
    });
    let err = wait.await.unwrap_err();
    canceller.await.unwrap();
    assert!(err.is_cancelled());
}

#[tokio::test(start_paused = true)]
async fn a_failing_deployment_ends_the_wait_and_the_event_stream() {
    let sim = sim(1).await;
    sim_settings(&sim, "tenant-1", json!({"deploy_s": 10})).await;
    let mano = client(&sim, 0);
    let o = mano.orchestrator();
    // uRLLC under 2 ms cannot be met: the simulator fails it.
    let plan = o
        .plan(&nbi_mano::PlanRequest {
            intents: vec![QoSIntentRequest::new(50.0, 1.0, SliceType::Urllc)],
            dry_run: None,
        })
        .await
        .unwrap();
    let id = o.deploy(&plan.id, false).await.unwrap().deployment_id;
    let events: Vec<_> = o
        .deployment_events(&id, Duration::from_secs(2))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(events[0].previous, None);
    let last = events.last().unwrap();
    assert_eq!(last.status.status, DeploymentState::Failed);
    assert_eq!(last.previous, Some(DeploymentState::Running));
    let err = o.wait_for_deployment(&id).send().await.unwrap_err();
    assert_eq!(err.kind(), nbi_mano::ErrorKind::Status);
    let problem = err.problem().unwrap();
    assert!(
        problem
            .detail
            .as_deref()
            .unwrap()
            .contains("latency budget"),
        "{problem:?}"
    );
}
