//! ONT operations end to end.

use std::time::Duration;

use futures::TryStreamExt;
use nbi_cms::{AdminState, NewOnt, OntId, OntUpdate, Serial, Thresholds};

use crate::support::{client, node, sim};

#[tokio::test]
async fn create_get_update_swap_show_delete() {
    let sim = sim(1, 0, 1).await;
    let client = client(&sim, 0);
    let onts = client.ont(node("olt-2"));
    let created = onts
        .create(
            NewOnt::new(5)
                .serial("1a2b3c")
                .description("Flat 4")
                .subscriber_id("SUB-9")
                .thresholds(Thresholds {
                    us_sdber_rate: Some(5),
                    ..Thresholds::default()
                }),
        )
        .await
        .unwrap();
    assert_eq!(created.id.get(), 1, "0 takes the first free id");
    assert_eq!(created.serial.as_str(), "1A2B3C");
    assert_eq!(created.ont_profile.id, 5);
    assert_eq!(created.ont_profile.name.as_deref(), Some("700GE"));
    assert_eq!(created.thresholds.us_sdber_rate, Some(5));

    let updated = onts
        .update(
            created.id,
            OntUpdate {
                admin: Some(AdminState::Disabled),
                ..OntUpdate::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(updated.admin, AdminState::Disabled);
    assert_eq!(
        updated.description, "Flat 4",
        "merge keeps the other fields"
    );

    let swapped = onts
        .swap_serial(created.id, Serial::new("ABCDEF").unwrap())
        .await
        .unwrap();
    assert_eq!(swapped.serial.as_str(), "ABCDEF");

    let status = onts.show(created.id).await.unwrap();
    assert_eq!(status.op_stat, "disabled");
    assert_eq!(status.serial, "ABCDEF");

    onts.delete(created.id).await.unwrap();
    let gone = onts.get(created.id).await.unwrap_err();
    use nbi_cms::RpcErrorExt;
    assert!(gone.rpc_error().unwrap().is_not_found());
    client.close().await.unwrap();
}

#[tokio::test]
async fn list_follows_more_across_pages() {
    let sim = sim(1, 250, 1).await;
    let client = client(&sim, 0);
    let all: Vec<_> = client
        .ont(node("NTWK-olt-1"))
        .list()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    let ids: Vec<u32> = all.iter().map(|o| o.id.get()).collect();
    assert_eq!(ids, (1..=250).collect::<Vec<_>>());
    let stats = sim.stats();
    let listed = stats.by_route["POST /cmsexc/ex/netconf"]["200"];
    assert_eq!(listed, 1 + 3, "one login and three pages");
    client.close().await.unwrap();
}

#[tokio::test]
async fn a_description_cannot_inject_elements() {
    let sim = sim(1, 0, 1).await;
    let client = client(&sim, 0);
    let hostile = "</descr><admin>disabled</admin><descr>";
    let ont = client
        .ont(node("olt-1"))
        .create(NewOnt::new(1).description(hostile))
        .await
        .unwrap();
    assert_eq!(ont.description, hostile);
    assert_eq!(ont.admin, AdminState::Enabled);
    let read = client.ont(node("olt-1")).get(ont.id).await.unwrap();
    assert_eq!(read.description, hostile);
    client.close().await.unwrap();
}

#[tokio::test]
async fn the_query_cache_serves_reads_until_a_write_to_that_ont() {
    let sim = sim(1, 3, 1).await;
    let (user, password) = crate::support::credentials(&sim, 0);
    let client = nbi_cms::Client::builder()
        .url(sim.url(nbi_sim::Service::Cms))
        .credentials(user, nbi_core::FixedSecret::shared(password))
        .allow_insecure_http(true)
        .query_cache(Duration::from_secs(60))
        .build()
        .unwrap();
    let onts = client.ont(node("olt-1"));
    let one = OntId::new(1).unwrap();
    let requests = || sim.stats().requests;
    onts.get(one).await.unwrap();
    let after_first = requests();
    onts.get(one).await.unwrap();
    onts.get(one).await.unwrap();
    assert_eq!(requests(), after_first, "served from the cache");
    onts.update(
        one,
        OntUpdate {
            description: Some("changed".into()),
            ..OntUpdate::default()
        },
    )
    .await
    .unwrap();
    let fresh = onts.get(one).await.unwrap();
    assert_eq!(fresh.description, "changed");
    assert_eq!(requests(), after_first + 2, "the update and a fresh read");
    client.close().await.unwrap();
}
