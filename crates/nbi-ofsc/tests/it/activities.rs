//! Activities: search, get, create, update, delete, custom actions, sub-resources.

use futures::TryStreamExt;
use nbi_ofsc::models::Activity;
use nbi_ofsc::{ActivityAction, ActivitySearch, OfscErrorExt};
use serde_json::json;

use crate::support::lab;

#[tokio::test]
async fn search_create_update_act_and_delete() {
    let lab = lab("").await;
    let activities = lab.basic().activities();
    let search = ActivitySearch {
        include_children: Some("all".into()),
        ..ActivitySearch::new(["FLUSA"]).dates("2025-06-24", "2025-06-26")
    };
    let found: Vec<Activity> = activities
        .search(&search)
        .limit(4)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        found.len(),
        3 * 2 * 3,
        "three FLUSA technicians, two a day, three days"
    );

    let created = activities
        .create(&json!({"activityType": "INSTALL", "resourceId": "tech-001", "date": "2025-06-25", "XA_ONT_SERIAL": "CXNK001"}))
        .send()
        .await
        .unwrap();
    let id = created.activity_id.unwrap();
    assert_eq!(created.status.as_deref(), Some("pending"));
    assert_eq!(
        created.extra["XA_ONT_SERIAL"], "CXNK001",
        "unknown fields kept"
    );

    let updated = activities
        .update(id, &json!({"customerName": "Ada"}))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.customer_name.as_deref(), Some("Ada"));
    assert_eq!(
        activities
            .property(id, "customerName")
            .send()
            .await
            .unwrap(),
        "Ada"
    );

    let moved = activities
        .move_to(
            id,
            &json!({"setResource": {"resourceId": "tech-003"}, "setDate": {"date": "2025-06-26"}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(moved.resource_id.as_deref(), Some("tech-003"));
    assert_eq!(
        activities.start(id).send().await.unwrap().status.as_deref(),
        Some("started")
    );
    let again = activities.start(id).send().await.unwrap_err();
    assert!(again.is_conflict(), "{again}");
    assert_eq!(again.error_code(), Some("OFS-000409"));
    let done = activities
        .action(id, ActivityAction::Complete, None)
        .send()
        .await
        .unwrap();
    assert_eq!(done.status.as_deref(), Some("completed"));

    let by_appt = activities
        .find_by("apptNumber", "A4225001")
        .send()
        .await
        .unwrap();
    assert_eq!(by_appt.items[0].activity_id, Some(4225001));
    for list in [
        activities
            .multiday_segments(id)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        activities
            .linked_activities(id)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        activities
            .resource_preferences(id)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        activities
            .required_inventories(id)
            .send()
            .await
            .unwrap()
            .items
            .len(),
    ] {
        assert_eq!(list, 0);
    }
    assert_eq!(
        activities
            .capacity_categories(id)
            .send()
            .await
            .unwrap()
            .items
            .len(),
        1
    );

    activities.delete(id).send().await.unwrap();
    let gone = activities.get(id).send().await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");
    assert!(gone.detail().unwrap().contains("not found"));
}

#[tokio::test]
async fn every_custom_action_reaches_its_route() {
    let lab = lab("").await;
    let activities = lab.oauth2().activities();
    // Pending activities accept these; the rest need a started one.
    for (id, action) in [
        (4225001, ActivityAction::StartPrework),
        (4225001, ActivityAction::Enroute),
        (4225001, ActivityAction::StopTravel),
        (4225001, ActivityAction::Delay),
        (4225002, ActivityAction::Cancel),
        (4225002, ActivityAction::Reopen),
        (4225003, ActivityAction::Start),
        (4225003, ActivityAction::Suspend),
        (4225004, ActivityAction::Start),
        (4225004, ActivityAction::NotDone),
    ] {
        let activity = activities.action(id, action, None).send().await;
        assert!(activity.is_ok(), "{action}: {activity:?}");
    }
}
