//! Paging: one page, every page by offset, every page by cursor.

use futures::TryStreamExt;
use nbi_netbox::Device;
use serde_json::Value;

use crate::support::lab;

#[tokio::test]
async fn offset_pages_are_followed_to_the_end() {
    let lab = lab(10, "").await;
    let devices = lab.client("tenant-1").dcim().devices();
    let first = devices.list().limit(4).send().await.unwrap();
    assert_eq!((first.items.len(), first.total), (4, Some(10)));
    assert_eq!(first.next.as_deref(), Some("limit=4&offset=4"));
    let all: Vec<Device> = devices.list().limit(3).all().try_collect().await.unwrap();
    let names: Vec<String> = all.iter().filter_map(|d| d.name.clone()).collect();
    assert_eq!(names.len(), 10);
    assert_eq!(names[0], "r0001");
    assert_eq!(names[9], "r0010");
    let routers: Vec<Device> = devices
        .list()
        .filter("role", "router")
        .limit(2)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(routers.len(), 6);
    assert!(
        routers
            .iter()
            .all(|d| d.role.as_ref().unwrap().slug.as_deref() == Some("router"))
    );
    let route = lab.sim.stats().by_route["GET /api/{app}/{model}/"].clone();
    assert_eq!(route["200"], 1 + 4 + 3, "one request per page");
}

#[tokio::test]
async fn cursor_mode_pages_by_primary_key_without_a_count() {
    let lab = lab(10, "").await;
    let devices = lab.client("tenant-1").endpoint("dcim/devices");
    let page = devices.list().start(3u64).limit(4).send().await.unwrap();
    assert_eq!(page.total, None);
    assert_eq!(page.items[0]["id"], 3);
    assert_eq!(page.next.as_deref(), Some("start=7&limit=4"));
    let all: Vec<Value> = devices
        .list()
        .start(0u64)
        .limit(4)
        .all()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<u64> = all.iter().map(|d| d["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (1..=10).collect::<Vec<_>>());
    let brief = devices.list().brief(true).limit(1).send().await.unwrap();
    assert!(
        brief.items[0].get("role").is_none(),
        "brief objects are short"
    );
}
