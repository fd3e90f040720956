//! Resources and their work skills, zones, schedules and locations; users CRUD.

use futures::TryStreamExt;
use nbi_ofsc::models::{
    Resource, ResourceLocation, ResourceWorkSkill, ResourceWorkZone, User, WorkScheduleItem,
};
use nbi_ofsc::{OfscErrorExt, ResourceQuery, WorkScheduleQuery};
use serde_json::json;

use crate::support::lab;

#[tokio::test]
async fn resources_and_their_items() {
    let lab = lab("").await;
    let resources = lab.basic().resources();
    let all: Vec<Resource> = resources
        .list(&ResourceQuery::default())
        .limit(3)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 7);
    let children: Vec<Resource> = resources
        .children("FLUSA")
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(children.len(), 3);
    let descendants: Vec<Resource> = resources
        .descendants("CAUSA")
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(descendants.len(), 2);

    let tech = resources.get("tech-001").send().await.unwrap();
    assert_eq!(tech.parent_resource_id.as_deref(), Some("FLUSA"));
    let renamed = resources
        .update("tech-001", &json!({"name": "Grace"}))
        .send()
        .await
        .unwrap();
    assert_eq!(renamed.name.as_deref(), Some("Grace"));
    let new = resources
        .put(
            "tech-900",
            &json!({"parentResourceId": "FLUSA", "name": "New", "resourceType": "PR"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(new.resource_id.as_deref(), Some("tech-900"));
    assert_eq!(
        resources
            .users("tech-001")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );

    let skill = ResourceWorkSkill {
        work_skill: Some("WIRELESS".into()),
        ratio: Some(50),
        ..Default::default()
    };
    let skills = resources
        .add_work_skills("tech-001", &[skill])
        .send()
        .await
        .unwrap();
    assert_eq!(skills.items.len(), 2);
    resources
        .delete_work_skill("tech-001", "WIRELESS")
        .send()
        .await
        .unwrap();
    assert_eq!(
        resources
            .work_skills("tech-001")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );

    let zone = ResourceWorkZone {
        work_zone: Some("ZONE-05".into()),
        ratio: Some(100),
        ..Default::default()
    };
    let zone = resources
        .add_work_zone("tech-001", &zone)
        .send()
        .await
        .unwrap();
    let item = zone.work_zone_item_id.unwrap();
    assert_eq!(
        resources
            .work_zones("tech-001")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    resources
        .delete_work_zone("tech-001", item)
        .send()
        .await
        .unwrap();

    let schedule = WorkScheduleItem {
        record_type: Some("working".into()),
        start_date: Some("2025-07-01".into()),
        ..Default::default()
    };
    let schedules = resources
        .add_work_schedule("tech-001", &schedule)
        .send()
        .await
        .unwrap();
    let added = schedules.items.last().unwrap().schedule_item_id.unwrap();
    let query = WorkScheduleQuery {
        actual_date: Some("2025-06-25".into()),
        ..Default::default()
    };
    assert_eq!(
        resources
            .work_schedules("tech-001", &query)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    resources
        .delete_work_schedule("tech-001", added)
        .send()
        .await
        .unwrap();

    let location = ResourceLocation {
        label: Some("home".into()),
        city: Some("Orlando".into()),
        ..Default::default()
    };
    let location = resources
        .create_location("tech-001", &location)
        .send()
        .await
        .unwrap();
    let id = location.location_id.unwrap();
    let changed = resources
        .update_location("tech-001", id, &json!({"city": "Tampa"}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.city.as_deref(), Some("Tampa"));
    assert_eq!(
        resources
            .location("tech-001", id)
            .send()
            .await
            .unwrap()
            .label
            .as_deref(),
        Some("home")
    );
    assert_eq!(
        resources
            .locations("tech-001")
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );
    resources
        .delete_location("tech-001", id)
        .send()
        .await
        .unwrap();
    assert!(
        resources
            .location("tech-001", id)
            .send()
            .await
            .unwrap_err()
            .is_not_found()
    );
}

#[tokio::test]
async fn users_crud() {
    let lab = lab("").await;
    let users = lab.oauth2().users();
    let all: Vec<User> = users.list().limit(2).all().try_collect().await.unwrap();
    assert_eq!(all.len(), 5);
    let created = users
        .create("dispatcher", &json!({"name": "Dispatcher", "userType": "dispatcher", "language": "en", "password": "Secret-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.login.as_deref(), Some("dispatcher"));
    assert!(!created.extra.contains_key("password"));
    let updated = users
        .update("dispatcher", &json!({"status": "inactive"}))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status.as_deref(), Some("inactive"));
    assert_eq!(
        users
            .get("dispatcher")
            .send()
            .await
            .unwrap()
            .name
            .as_deref(),
        Some("Dispatcher")
    );
    users.delete("dispatcher").send().await.unwrap();
    assert!(
        users
            .get("dispatcher")
            .send()
            .await
            .unwrap_err()
            .is_not_found()
    );
}
