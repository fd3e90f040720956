//! The generic endpoint and the typed areas: CRUD, bulk writes, ETags, status, tenants apart.

use nbi_netbox::{Device, Id, NetboxErrorExt, Site, Status};
use serde_json::{Value, json};

use crate::support::lab;

#[tokio::test]
async fn objects_are_created_read_changed_and_deleted() {
    let lab = lab(2, "").await;
    let netbox = lab.client("tenant-1");
    let sites = netbox.dcim().sites();
    let site: Site = sites
        .create(&json!({"name": "lab-9", "slug": "lab-9"}))
        .await
        .unwrap();
    assert_eq!(site.status.as_ref().unwrap().value, Status::Active);
    let got = sites.get(site.id).await.unwrap();
    assert_eq!(got.name, "lab-9");

    let put = sites
        .update(
            site.id,
            &json!({"name": "lab-9b", "slug": "lab-9b", "status": "planned"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        (put.name.as_str(), put.status.unwrap().value),
        ("lab-9b", Status::Planned)
    );
    let patched = sites
        .patch(site.id, &json!({"description": "patched"}))
        .send()
        .await
        .unwrap();
    assert_eq!(patched.description.as_deref(), Some("patched"));
    assert_eq!(patched.name, "lab-9b", "PATCH keeps other fields");

    sites.delete(site.id).send().await.unwrap();
    let gone = sites.get(site.id).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone:?}");
    assert_eq!(
        gone.problem().unwrap().detail.as_deref(),
        Some("No Site matches the given query.")
    );
}

#[tokio::test]
async fn bulk_writes_take_lists_with_ids() {
    let lab = lab(1, "").await;
    let netbox = lab.client("tenant-1");
    let tenants = netbox.endpoint("tenancy/tenants");
    let created: Vec<Value> = tenants
        .create_many(&[
            json!({"name": "a", "slug": "a"}),
            json!({"name": "b", "slug": "b"}),
        ])
        .await
        .unwrap();
    let ids: Vec<Id> = created
        .iter()
        .map(|t| Id(t["id"].as_u64().unwrap()))
        .collect();
    let patched = tenants
        .bulk_patch(&[
            json!({"id": ids[0], "description": "x"}),
            json!({"id": ids[1], "description": "y"}),
        ])
        .await
        .unwrap();
    assert_eq!(patched[1]["description"], "y");
    let replaced = tenants
        .bulk_update(&[json!({"id": ids[0], "name": "a2", "slug": "a2"})])
        .await
        .unwrap();
    assert_eq!(replaced[0]["name"], "a2");
    tenants.bulk_delete(ids.clone()).await.unwrap();
    let left = netbox
        .tenancy()
        .tenants()
        .list()
        .filter("slug", "a2")
        .send()
        .await
        .unwrap();
    assert_eq!(left.total, Some(0));
}

#[tokio::test]
async fn etags_make_updates_conditional() {
    let lab = lab(2, "").await;
    let devices = lab.client("tenant-1").dcim().devices();
    let tagged = devices.get_tagged(1u64).await.unwrap();
    let etag = tagged.etag.clone().expect("GET sends an ETag");
    assert_eq!(tagged.object.name.as_deref(), Some("r0001"));
    let updated: Device = devices
        .patch(1u64, &json!({"serial": "NEW"}))
        .if_match(&etag)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.serial.as_deref(), Some("NEW"));
    let stale = devices
        .patch(1u64, &json!({"serial": "OLDER"}))
        .if_match(&etag)
        .send()
        .await
        .unwrap_err();
    assert!(stale.is_precondition_failed(), "{stale:?}");
    let stale_delete = devices
        .delete(1u64)
        .if_match(&etag)
        .send()
        .await
        .unwrap_err();
    assert_eq!(stale_delete.status().map(|s| s.as_u16()), Some(412));
}

#[tokio::test]
async fn status_and_tenants_are_kept_apart() {
    let lab = lab(3, "").await;
    let one = lab.client("tenant-1");
    let two = lab.client("tenant-2");
    assert_eq!(one.status().get().await.unwrap().netbox_version, "4.5.0");
    one.dcim()
        .sites()
        .create(&json!({"name": "only-one", "slug": "only-one"}))
        .await
        .unwrap();
    let seen = two
        .dcim()
        .sites()
        .list()
        .filter("slug", "only-one")
        .send()
        .await
        .unwrap();
    assert_eq!(seen.total, Some(0), "tenant-2 does not see tenant-1's site");
    let tenant = two.tenancy().tenants().list().send().await.unwrap();
    assert_eq!(tenant.items[0].name, "tenant-2");
    let ifaces = one
        .dcim()
        .interfaces()
        .list()
        .filter("device_id", 1)
        .send()
        .await
        .unwrap();
    assert_eq!(ifaces.items.len(), 2);
    assert_eq!(
        ifaces.items[0].kind.as_ref().unwrap().value,
        "10gbase-x-sfpp"
    );
    let vlans = one.ipam().vlans().list().send().await.unwrap();
    assert_eq!(vlans.items[0].vid, 100);
    let ips = one
        .ipam()
        .ip_addresses()
        .list()
        .filter("device_id", 1)
        .send()
        .await
        .unwrap();
    assert_eq!(ips.items[0].address, "10.1.1.1/24");
    let prefixes = one
        .ipam()
        .prefixes()
        .list()
        .filter("status", "container")
        .send()
        .await
        .unwrap();
    assert_eq!(prefixes.items[0].prefix, "10.1.0.0/16");
}

#[tokio::test]
async fn rendered_configs_follow_device_data() {
    let lab = lab(4, "").await;
    let dcim = lab.client("tenant-2").dcim();
    let first = dcim.render_config(1u64).await.unwrap();
    assert_eq!(
        first.configtemplate.as_ref().unwrap().name.as_deref(),
        Some("router-base")
    );
    assert!(first.content.contains("hostname r0001"));
    dcim.devices()
        .patch(1u64, &json!({"serial": "CHANGED"}))
        .send()
        .await
        .unwrap();
    let second = dcim
        .render_config_with(1u64, &json!({"extra": 1}))
        .await
        .unwrap();
    assert!(
        second.content.contains("! serial CHANGED"),
        "{}",
        second.content
    );
}
