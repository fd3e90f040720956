//! One scenario table run through the async and the blocking client.

use nbi_genieacs::{Query, Task, TaskOutcome};

use crate::support::{OFFLINE, ONLINE, sim, transport};

/// What each scenario step observed, comparable across modes.
#[derive(Debug, PartialEq)]
enum Seen {
    Count(u64),
    Ids(Vec<String>),
    Outcome(&'static str),
    Tagged(bool),
}

fn outcome_name(o: &TaskOutcome) -> &'static str {
    match o {
        TaskOutcome::Executed { .. } => "executed",
        TaskOutcome::Queued { .. } => "queued",
        TaskOutcome::Faulted { .. } => "faulted",
        TaskOutcome::ConnectionRequestFailed { .. } => "cr_failed",
        _ => "other",
    }
}

async fn run_async(acs: nbi_genieacs::Client) -> Vec<Seen> {
    use futures::TryStreamExt;
    let mut seen = vec![Seen::Count(acs.devices().list().count().await.unwrap())];
    let lab: Vec<_> = acs
        .devices()
        .list()
        .query(Query::eq("_tags", "lab"))
        .page_size(1)
        .send()
        .try_collect()
        .await
        .unwrap();
    seen.push(Seen::Ids(
        lab.iter()
            .filter_map(|d| d.id())
            .map(|i| i.to_string())
            .collect(),
    ));
    let done = acs
        .tasks()
        .create(ONLINE, Task::reboot())
        .connection_request(true)
        .send()
        .await
        .unwrap();
    seen.push(Seen::Outcome(outcome_name(&done)));
    let missed = acs
        .tasks()
        .create(OFFLINE, Task::reboot())
        .connection_request(true)
        .send()
        .await
        .unwrap();
    seen.push(Seen::Outcome(outcome_name(&missed)));
    acs.devices().add_tag(ONLINE, "blue").await.unwrap();
    seen.push(Seen::Tagged(
        acs.devices()
            .get(ONLINE)
            .await
            .unwrap()
            .unwrap()
            .has_tag("blue"),
    ));
    seen
}

fn run_blocking(acs: nbi_genieacs::blocking::Client) -> Vec<Seen> {
    let mut seen = vec![Seen::Count(acs.devices().list().count().unwrap())];
    let lab: Vec<_> = acs
        .devices()
        .list()
        .query(Query::eq("_tags", "lab"))
        .page_size(1)
        .send()
        .collect::<Result<_, _>>()
        .unwrap();
    let lab: Vec<nbi_genieacs::Device> = lab;
    seen.push(Seen::Ids(
        lab.iter()
            .filter_map(|d| d.id())
            .map(|i| i.to_string())
            .collect(),
    ));
    let done = acs
        .tasks()
        .create(ONLINE, Task::reboot())
        .connection_request(true)
        .send()
        .unwrap();
    seen.push(Seen::Outcome(outcome_name(&done)));
    let missed = acs
        .tasks()
        .create(OFFLINE, Task::reboot())
        .connection_request(true)
        .send()
        .unwrap();
    seen.push(Seen::Outcome(outcome_name(&missed)));
    acs.devices().add_tag(ONLINE, "blue").unwrap();
    seen.push(Seen::Tagged(
        acs.devices().get(ONLINE).unwrap().unwrap().has_tag("blue"),
    ));
    seen
}

#[test]
fn both_modes_see_the_same_thing() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (async_sim, blocking_sim) = runtime.block_on(async { (sim(7).await, sim(7).await) });
    let acs = runtime.block_on(async {
        nbi_genieacs::Client::builder()
            .transport(transport(&async_sim, 0).build().unwrap())
            .build()
            .unwrap()
    });
    let from_async = runtime.block_on(run_async(acs));
    let blocking = nbi_genieacs::Client::builder()
        .transport(transport(&blocking_sim, 0).build().unwrap())
        .build_blocking()
        .unwrap();
    let from_blocking = run_blocking(blocking);
    assert_eq!(from_async, from_blocking);
    assert_eq!(
        from_async,
        [
            Seen::Count(7),
            Seen::Ids(vec![
                "202BC1-BM632w-000001".into(),
                "00259E-HG8245Q2-000004".into(),
                "A4B1E9-FAST%205670-000007".into()
            ]),
            Seen::Outcome("executed"),
            Seen::Outcome("cr_failed"),
            Seen::Tagged(true),
        ]
    );
    drop(runtime);
}
