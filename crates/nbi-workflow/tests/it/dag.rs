//! Random DAGs: every step starts after all its dependencies ended, and never more than
//! `max_parallel` steps are in flight.

use std::sync::atomic::Ordering;
use std::time::Duration;

use nbi_workflow::{RunStatus, Step, Workflow};
use proptest::prelude::*;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::support::memory_runner;

/// A DAG of `n` steps: step `j` may need any `i < j` (so there is no cycle), each with a
/// sleep of 0–3 s.
fn dag() -> impl Strategy<Value = (Vec<(Vec<usize>, u64)>, usize)> {
    (1usize..14).prop_flat_map(|n| {
        let steps = (0..n)
            .map(|j| {
                (
                    proptest::sample::subsequence((0..j).collect::<Vec<_>>(), 0..=j.min(4)),
                    0u64..4,
                )
            })
            .collect::<Vec<_>>();
        (steps, 1usize..5)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn steps_run_after_their_dependencies_within_max_parallel((steps, max_parallel) in dag()) {
        let mut builder = Workflow::builder().name("random").tenant("acme");
        for (j, (needs, sleep)) in steps.iter().enumerate() {
            builder = builder.step(
                Step::new(format!("s{j}"), "test.probe")
                    .needs(needs.iter().map(|i| format!("s{i}")))
                    .with(json!({ "sleep_s": sleep })),
            );
        }
        let workflow = builder.build().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        let (runner, probe) = memory_runner();
        let runner = runner.max_parallel(max_parallel);
        let report = runtime
            .block_on(async {
                tokio::time::timeout(Duration::from_secs(3600), runner.run(&workflow, CancellationToken::new())).await
            })
            .unwrap()
            .unwrap();
        prop_assert_eq!(report.status, RunStatus::Succeeded);
        let calls = probe.calls.lock().unwrap().clone();
        prop_assert_eq!(calls.len(), steps.len());
        let call = |id: String| calls.iter().find(|c| c.step == id).unwrap().clone();
        for (j, (needs, _)) in steps.iter().enumerate() {
            let me = call(format!("s{j}"));
            for i in needs {
                let dep = call(format!("s{i}"));
                prop_assert!(me.start_seq > dep.end_seq.unwrap(), "s{} started before s{} ended", j, i);
                prop_assert!(me.started >= dep.ended.unwrap());
            }
        }
        prop_assert!(probe.max_in_flight.load(Ordering::SeqCst) <= max_parallel);
    }
}
