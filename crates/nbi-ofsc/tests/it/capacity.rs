//! Capacity: capacity, quota v1 and v2 (read and change), booking options, closing schedule,
//! booking statuses, booking grid.

use nbi_ofsc::{
    BookingOptionsQuery, BookingStatusesQuery, CapacityQuery, QuotaQuery, QuotaV2Query,
};
use serde_json::json;

use crate::support::lab;

fn day() -> Vec<String> {
    vec!["2025-06-25".to_owned()]
}

#[tokio::test]
async fn capacity_per_date_and_area() {
    let lab = lab("").await;
    let client = lab.basic();
    let query = CapacityQuery::new(["2025-06-25", "2025-06-26"]).areas(["FLUSA", "CAUSA"]);
    let capacity = client.capacity().get(&query).send().await.unwrap();
    let items = capacity.items.unwrap();
    assert_eq!(items.len(), 2);
    let areas = items[0].areas.as_ref().unwrap();
    assert_eq!(areas[0].label.as_deref(), Some("FLUSA"));
    assert_eq!(
        areas[0].calendar.as_ref().unwrap()[0]["count"],
        3,
        "three FLUSA technicians"
    );
    assert!(areas[0].available.is_some());
}

#[tokio::test]
async fn quota_changes_show_in_both_versions() {
    let lab = lab("").await;
    let capacity = lab.oauth2().capacity();
    let change =
        json!({"items": [{"date": "2025-06-25", "areas": [{"label": "FLUSA", "quota": 123}]}]});
    let result = capacity.update_quota_v2(&change).send().await.unwrap();
    assert_eq!(result.errors_count, Some(0));
    let v2 = capacity
        .quota_v2(&QuotaV2Query {
            dates: day(),
            areas: vec!["FLUSA".into()],
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let area = &v2.items.unwrap()[0].areas.clone().unwrap()[0];
    assert_eq!(area.quota, Some(123));
    let v1 = capacity
        .quota(&QuotaQuery {
            dates: day(),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(
        v1.items.unwrap()[0].areas.as_ref().unwrap()[0]["quota"],
        123
    );
    let v1_change =
        json!({"items": [{"date": "2025-06-25", "areas": [{"label": "CAUSA", "quota": 7}]}]});
    assert!(
        capacity
            .update_quota(&v1_change)
            .send()
            .await
            .unwrap()
            .results
            .is_some()
    );
}

#[tokio::test]
async fn booking_options_statuses_schedule_and_grid() {
    let lab = lab("").await;
    let capacity = lab.basic().capacity();
    let options = capacity
        .booking_options(&BookingOptionsQuery {
            dates: day(),
            activity_type: "INSTALL".into(),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert_eq!(options.duration, Some(60));
    let close = json!({"items": [{"date": "2025-06-25", "area": "FLUSA", "status": "closed"}]});
    capacity
        .update_booking_statuses(&close)
        .send()
        .await
        .unwrap();
    let statuses = capacity
        .booking_statuses(&BookingStatusesQuery {
            date: "2025-06-25".into(),
            areas: vec!["FLUSA".into()],
        })
        .send()
        .await
        .unwrap();
    assert_eq!(
        statuses.items.unwrap()[0].statuses.as_ref().unwrap()[0]["status"],
        "closed"
    );
    let schedule = capacity
        .booking_closing_schedule(&["CAUSA".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(schedule.items.unwrap()[0].area.as_deref(), Some("CAUSA"));
    let change = json!({"items": [{"area": "CAUSA", "dayOffset": 1, "closeTime": "16:00"}]});
    capacity
        .update_booking_closing_schedule(&change)
        .send()
        .await
        .unwrap();
    let schedule = capacity
        .booking_closing_schedule(&["CAUSA".into()])
        .send()
        .await
        .unwrap();
    assert_eq!(
        schedule.items.unwrap()[0].close_time.as_deref(),
        Some("16:00")
    );
    let grid = capacity
        .booking_grid(&json!({"dateFrom": "2025-06-25", "activity": {"activityType": "INSTALL"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(grid.areas.unwrap().len(), 2);
    let deps = capacity
        .booking_fields_dependencies(&[])
        .send()
        .await
        .unwrap();
    assert!(deps["items"].is_array());
}
