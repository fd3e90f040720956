//! One scenario table run through both modes.

use nbi_mano::{ManoErrorExt, ManoErrorKind, QoSIntentRequest, SliceType};

use crate::support::{client, sim};

/// (name, what the scenario returns: Ok(count) or the error kind).
type Outcome = Result<usize, ManoErrorKind>;

async fn run_async(mano: &nbi_mano::Client) -> Vec<(&'static str, Outcome)> {
    use futures::TryStreamExt;
    let o = mano.orchestrator();
    vec![
        (
            "list",
            o.intents()
                .send()
                .await
                .map(|p| p.items.len())
                .map_err(|e| e.mano_kind()),
        ),
        (
            "all",
            o.intents()
                .limit(2)
                .all()
                .try_collect::<Vec<_>>()
                .await
                .map(|v| v.len())
                .map_err(|e| e.mano_kind()),
        ),
        (
            "missing",
            o.intent("nope").await.map(|_| 1).map_err(|e| e.mano_kind()),
        ),
        (
            "invalid",
            o.create_intent(&QoSIntentRequest::new(0.0, 1.0, SliceType::Embb))
                .await
                .map(|_| 1)
                .map_err(|e| e.mano_kind()),
        ),
        (
            "agents",
            mano.tn()
                .agents()
                .await
                .map(|a| a.len())
                .map_err(|e| e.mano_kind()),
        ),
    ]
}

fn run_blocking(mano: &nbi_mano::blocking::Client) -> Vec<(&'static str, Outcome)> {
    let o = mano.orchestrator();
    vec![
        (
            "list",
            o.intents()
                .send()
                .map(|p| p.items.len())
                .map_err(|e| e.mano_kind()),
        ),
        (
            "all",
            o.intents()
                .limit(2)
                .all()
                .collect::<Result<Vec<_>, _>>()
                .map(|v| v.len())
                .map_err(|e| e.mano_kind()),
        ),
        (
            "missing",
            o.intent("nope").map(|_| 1).map_err(|e| e.mano_kind()),
        ),
        (
            "invalid",
            o.create_intent(&QoSIntentRequest::new(0.0, 1.0, SliceType::Embb))
                .map(|_| 1)
                .map_err(|e| e.mano_kind()),
        ),
        (
            "agents",
            mano.tn()
                .agents()
                .map(|a| a.len())
                .map_err(|e| e.mano_kind()),
        ),
    ]
}

#[test]
fn both_modes_agree() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sim = runtime.block_on(sim(1));
    let async_client = client(&sim, 0);
    let async_outcomes = runtime.block_on(run_async(&async_client));
    let blocking_client = client(&sim, 0).into_blocking(nbi_core::Blocking::new().unwrap());
    let blocking_outcomes =
        std::thread::scope(|s| s.spawn(|| run_blocking(&blocking_client)).join().unwrap());
    assert_eq!(async_outcomes, blocking_outcomes);
    assert_eq!(async_outcomes[0].1, Ok(3));
    assert_eq!(async_outcomes[2].1, Err(ManoErrorKind::NotFound));
    assert_eq!(async_outcomes[3].1, Err(ManoErrorKind::Validation));
    drop(sim);
    runtime.shutdown_background();
}
