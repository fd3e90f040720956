//! available-ips, available-prefixes and available-vlans: list, allocate one or many, and
//! the typed 409 when a pool runs dry.

use nbi_netbox::{Id, NetboxErrorExt};
use serde_json::json;

use crate::support::lab;

#[tokio::test]
async fn addresses_are_allocated_until_the_pool_is_exhausted() {
    let lab = lab(1, "retry = { max_attempts = 1 }").await;
    let ipam = lab.client("tenant-1").ipam();
    let management = ipam
        .prefixes()
        .list()
        .filter("q", "/29")
        .send()
        .await
        .unwrap()
        .items[0]
        .id;
    let pool = ipam.available_ips(management);
    let free = pool.list().await.unwrap();
    assert_eq!(free.len(), 4);
    assert_eq!(free[0].address, "10.1.2.3/29");
    assert_eq!(pool.list_up_to(2).await.unwrap().len(), 2);
    let one = pool
        .allocate(&json!({"description": "gw-b"}))
        .await
        .unwrap();
    assert_eq!(one.address, "10.1.2.3/29");
    assert_eq!(one.description.as_deref(), Some("gw-b"));
    let two = pool.allocate_many(&[json!({}), json!({})]).await.unwrap();
    assert_eq!(two.len(), 2);
    let err = pool
        .allocate_many(&[json!({}), json!({})])
        .await
        .unwrap_err();
    assert!(err.is_pool_exhausted(), "{err:?}");
    assert!(
        err.problem()
            .unwrap()
            .detail
            .as_deref()
            .unwrap()
            .contains("(2 requested, 1 available)")
    );

    let range = ipam.range_available_ips(Id(1)).list().await.unwrap();
    assert_eq!(range.len(), 11);
}

#[tokio::test]
async fn prefixes_and_vlans_come_from_their_pools() {
    let lab = lab(1, "").await;
    let ipam = lab.client("tenant-2").ipam();
    let blocks = ipam.available_prefixes(1u64).list().await.unwrap();
    assert_eq!(blocks[0].prefix, "10.2.0.0/24");
    let child = ipam
        .available_prefixes(1u64)
        .allocate(&json!({"prefix_length": 26}))
        .await
        .unwrap();
    assert_eq!(child.prefix, "10.2.0.0/26");
    let vlans = ipam.available_vlans(1u64);
    assert_eq!(vlans.list().await.unwrap()[0].vid, 102);
    let made = vlans
        .allocate_many(
            &(0..8)
                .map(|i| json!({"name": format!("v{i}")}))
                .collect::<Vec<_>>(),
        )
        .await
        .unwrap();
    assert_eq!(made.last().unwrap().vid, 109);
    let err = vlans
        .allocate(&json!({"name": "one-too-many"}))
        .await
        .unwrap_err();
    assert!(err.is_pool_exhausted());
}
