//! Devices: listing with queries, projection, sort and paging; get; tags; delete.

use futures::TryStreamExt;
use nbi_genieacs::{Projection, Query, Sort, SortOrder};

use crate::support::{ESCAPED, ONLINE, TR181, client, sim};

#[tokio::test]
async fn every_page_is_fetched_through_skip_and_limit() {
    let sim = sim(23).await;
    let acs = client(&sim, 0);
    let all: Vec<_> = acs
        .devices()
        .list()
        .page_size(5)
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 23);
    let ids: std::collections::BTreeSet<_> = all.iter().filter_map(|d| d.id()).collect();
    assert_eq!(ids.len(), 23, "no page repeated or skipped");
    let stats = sim.stats();
    let pages = stats.by_route["GET /devices/"]["200"];
    assert_eq!(pages, 5, "23 devices in pages of 5");

    let window: Vec<_> = acs
        .devices()
        .list()
        .skip(4)
        .limit(7)
        .page_size(3)
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(window.len(), 7);
    assert_eq!(window[0].id().unwrap(), all[4].id().unwrap());

    let page = acs.devices().list().limit(2).page().await.unwrap();
    assert_eq!((page.items.len(), page.total), (2, Some(23)));
    assert_eq!(acs.devices().list().count().await.unwrap(), 23);
}

#[tokio::test]
async fn typed_queries_run_on_the_server() {
    let sim = sim(12).await;
    let acs = client(&sim, 0);
    let since: jiff::Timestamp = "2025-05-01T00:00:00Z".parse().unwrap();
    let lab = Query::eq("_tags", "lab").and(Query::gt("_lastInform", since));
    let found: Vec<_> = acs
        .devices()
        .list()
        .query(lab.clone())
        .sort(Sort::desc("_id"))
        .projection(Projection::new(["_tags", "_lastInform"]))
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(found.len(), 4, "every third device is in the lab");
    assert!(
        found
            .iter()
            .all(|d| d.has_tag("lab") && d.last_inform().unwrap() > since)
    );
    assert!(
        found.windows(2).all(|w| w[0].id() > w[1].id()),
        "sorted descending"
    );
    assert!(
        found[0].parameters().is_empty(),
        "the tree was projected away"
    );

    let count = |q: Query| {
        let acs = acs.clone();
        async move { acs.devices().list().query(q).count().await.unwrap() }
    };
    assert_eq!(
        count(Query::eq("_tags", "lab").or(Query::eq("_tags", "north"))).await,
        8
    );
    assert_eq!(count(Query::ne("_tags", "lab")).await, 8);
    assert_eq!(count(Query::is_in("_id", [ONLINE, TR181, "nope"])).await, 2);
    assert_eq!(
        count(Query::exists("Device.DeviceInfo.SoftwareVersion", true)).await,
        3,
        "TR-181 devices"
    );
    assert_eq!(count(Query::regex("_id", "^202BC1-")).await, 3);
    assert_eq!(
        count(Query::eq(
            "InternetGatewayDevice.DeviceInfo.ManufacturerOUI",
            "202BC1"
        ))
        .await,
        3,
        "a parameter path matches its _value"
    );
    assert_eq!(
        count(
            Query::gte(
                "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
                300
            )
            .and(Query::lt(
                "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
                100_000
            ))
        )
        .await,
        9
    );
    assert_eq!(
        count(Query::lte("_lastInform", "2000-01-01T00:00:00.000Z")).await,
        0
    );
    let sorted: Vec<_> = acs
        .devices()
        .list()
        .sort(Sort::asc("_deviceId._OUI").then("_id", SortOrder::Descending))
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sorted[0].identity().unwrap().oui.as_deref(), Some("00259E"));
}

#[tokio::test]
async fn get_reads_one_device_with_an_escaped_id_and_its_tree() {
    let sim = sim(4).await;
    let acs = client(&sim, 0);
    let device = acs.devices().get(ESCAPED).await.unwrap().unwrap();
    assert_eq!(device.id().unwrap().as_str(), ESCAPED);
    assert_eq!(
        device.identity().unwrap().product_class.as_deref(),
        Some("FAST 5670")
    );
    let sw = device
        .parameter("InternetGatewayDevice.DeviceInfo.SoftwareVersion")
        .unwrap();
    assert_eq!(sw.value_type.as_deref(), Some("xsd:string"));
    assert!(sw.timestamp.is_some() && sw.writable == Some(false));
    assert!(device.registered().unwrap() < device.last_inform().unwrap());
    let tr181 = acs.devices().get(TR181).await.unwrap().unwrap();
    assert!(tr181.value_str("Device.WiFi.SSID.1.SSID").is_some());
    assert!(acs.devices().get("no-such-device").await.unwrap().is_none());
}

#[tokio::test]
async fn tags_and_deletion() {
    let sim = sim(4).await;
    let acs = client(&sim, 0);
    acs.devices().add_tag(ESCAPED, "gold star").await.unwrap();
    acs.devices().add_tag(ESCAPED, "gold star").await.unwrap();
    let device = acs.devices().get(ESCAPED).await.unwrap().unwrap();
    assert_eq!(
        device.tags().iter().filter(|t| **t == "gold star").count(),
        1
    );
    acs.devices()
        .remove_tag(ESCAPED, "gold star")
        .await
        .unwrap();
    assert!(
        !acs.devices()
            .get(ESCAPED)
            .await
            .unwrap()
            .unwrap()
            .has_tag("gold star")
    );

    acs.devices().delete(ONLINE).await.unwrap();
    assert!(acs.devices().get(ONLINE).await.unwrap().is_none());
    assert_eq!(acs.devices().list().count().await.unwrap(), 3);
    // The other tenant's ACS is untouched.
    assert_eq!(client(&sim, 1).devices().list().count().await.unwrap(), 4);
}
