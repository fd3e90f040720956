//! Metadata: every collection through its typed operations.

use futures::TryStreamExt;
use nbi_ofsc::OfscErrorExt;
use nbi_ofsc::models::{ActivityType, WorkZone};
use serde_json::json;

use crate::support::lab;

#[tokio::test]
async fn metadata_reads_and_writes() {
    let lab = lab("").await;
    let meta = lab.basic().metadata();
    let types: Vec<ActivityType> = meta
        .activity_types()
        .limit(2)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(types.len(), 3);
    assert_eq!(
        meta.activity_type("INSTALL")
            .send()
            .await
            .unwrap()
            .default_duration,
        Some(60)
    );
    meta.put_activity_type("SURVEY", &json!({"name": "Survey", "active": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        meta.activity_types()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        meta.activity_type_groups()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(meta.activity_type_group("customer").send().await.is_ok());
    meta.put_activity_type_group("internal", &json!({"name": "Internal"}))
        .send()
        .await
        .unwrap();

    assert_eq!(
        meta.properties()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        3
    );
    let p = meta
        .update_property("XA_NOTES", &json!({"hint": "gate codes"}))
        .send()
        .await
        .unwrap();
    assert_eq!(p.hint.as_deref(), Some("gate codes"));
    meta.put_property(
        "XA_NEW",
        &json!({"name": "New", "type": "string", "entity": "activity"}),
    )
    .send()
    .await
    .unwrap();
    assert_eq!(
        meta.property("XA_NEW")
            .send()
            .await
            .unwrap()
            .kind
            .as_deref(),
        Some("string")
    );
    meta.put_property_enumeration("XA_SERVICE_TIER", &json!({"items": [{"label": "gold"}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        meta.property_enumeration("XA_SERVICE_TIER")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );

    meta.put_work_skill("VOICE", &json!({"name": "Voice", "active": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        meta.work_skill("VOICE")
            .send()
            .await
            .unwrap()
            .name
            .as_deref(),
        Some("Voice")
    );
    meta.delete_work_skill("VOICE").send().await.unwrap();
    assert!(
        meta.work_skill("VOICE")
            .send()
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert_eq!(
        meta.work_skills()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        meta.work_skill_groups()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    meta.put_work_skill_group("CORE", &json!({"name": "Core"}))
        .send()
        .await
        .unwrap();
    assert!(meta.work_skill_group("CORE").send().await.is_ok());
    meta.delete_work_skill_group("CORE").send().await.unwrap();
    assert_eq!(
        meta.work_skill_conditions()
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    let conditions = json!({"items": [{"label": "COPPER", "requiredLevel": 1}]});
    let replaced = meta
        .put_work_skill_conditions(&conditions)
        .send()
        .await
        .unwrap();
    assert_eq!(replaced.items[0].label.as_deref(), Some("COPPER"));

    let zones: Vec<WorkZone> = meta
        .work_zones()
        .limit(4)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(zones.len(), 6);
    meta.create_work_zone(&json!({"workZoneLabel": "ZONE-99", "workZoneName": "New", "status": "active", "travelArea": "CAUSA"})).send().await.unwrap();
    let dup = meta
        .create_work_zone(&json!({"workZoneLabel": "ZONE-99"}))
        .send()
        .await
        .unwrap_err();
    assert!(dup.is_conflict(), "{dup}");
    let zone = meta
        .replace_work_zone(
            "ZONE-99",
            &json!({"workZoneName": "Renamed", "status": "inactive"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(zone.work_zone_name.as_deref(), Some("Renamed"));
    let bulk = json!({"items": [{"workZoneLabel": "ZONE-01", "status": "inactive"}]});
    assert_eq!(
        meta.update_work_zones(&bulk)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        7
    );
    assert_eq!(
        meta.replace_work_zones(&bulk)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        7
    );
    assert_eq!(
        meta.work_zone("ZONE-01")
            .send()
            .await
            .unwrap()
            .status
            .as_deref(),
        Some("inactive")
    );
    assert!(meta.work_zone_key().send().await.unwrap()["current"].is_array());

    assert_eq!(meta.capacity_areas().send().await.unwrap().items.len(), 2);
    assert_eq!(
        meta.capacity_area("FLUSA")
            .send()
            .await
            .unwrap()
            .kind
            .as_deref(),
        Some("area")
    );
    assert_eq!(
        meta.capacity_area_categories("FLUSA")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    assert_eq!(
        meta.capacity_area_work_zones("FLUSA")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        6
    );
    assert_eq!(
        meta.capacity_area_time_slots("FLUSA")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    assert_eq!(
        meta.capacity_area_time_intervals("FLUSA")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    assert_eq!(
        meta.capacity_area_organizations("FLUSA")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    assert!(
        meta.capacity_area_children("FLUSA")
            .send()
            .await
            .unwrap()
            .items
            .is_empty()
    );
    assert_eq!(
        meta.capacity_categories()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        2
    );
    meta.put_capacity_category("UPGRADE", &json!({"name": "Upgrade", "active": true}))
        .send()
        .await
        .unwrap();
    assert!(meta.capacity_category("UPGRADE").send().await.is_ok());
    meta.delete_capacity_category("UPGRADE")
        .send()
        .await
        .unwrap();

    assert_eq!(
        meta.inventory_types()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        meta.inventory_type("CABLE")
            .send()
            .await
            .unwrap()
            .non_serialized,
        Some(true)
    );
    meta.put_inventory_type("SPLITTER", &json!({"name": "Splitter"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        meta.time_slots()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        meta.resource_types()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        meta.languages()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        meta.non_working_reasons()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(meta.organizations().send().await.unwrap().items.len(), 1);
    assert_eq!(
        meta.organization("default").send().await.unwrap()["name"],
        "Default"
    );
    assert_eq!(
        meta.shifts()
            .all()
            .try_collect::<Vec<_>>()
            .await
            .unwrap()
            .len(),
        1
    );
    meta.put_shift("NIGHT", &json!({"name": "Night"}))
        .send()
        .await
        .unwrap();
    assert_eq!(meta.shift("NIGHT").send().await.unwrap()["name"], "Night");
    meta.delete_shift("NIGHT").send().await.unwrap();
}
