//! Every model against a sample derived from the Swagger document (tests/fixtures): it
//! decodes, and encodes back to the same JSON, unknown fields included.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::*;

fn round_trip<T: DeserializeOwned + Serialize>(sample: &str) -> T {
    let original: Value = serde_json::from_str(sample).unwrap();
    let model: T = serde_json::from_value(original.clone()).unwrap();
    assert_eq!(serde_json::to_value(&model).unwrap(), original);
    model
}

macro_rules! fixture_tests {
    ($($test:ident: $ty:ty = $file:literal;)*) => {$(
        #[test]
        fn $test() {
            round_trip::<$ty>(include_str!(concat!("../../tests/fixtures/", $file, ".json")));
        }
    )*};
}

fixture_tests! {
    capacity_list: CapacityList = "capacity_list";
    quota_list: QuotaList = "quota_v1_list";
    quota_v2_list: QuotaV2List = "quota_v2_list";
    booking_options: BookingOptions = "booking_options";
    booking_closing_schedule_list: BookingClosingScheduleList = "booking_closing_schedule_list";
    booking_status_list: BookingStatusList = "booking_status_list";
    booking_grid: BookingGrid = "booking_grid";
    patch_result: PatchResult = "patch_result";
    quota_v2_patch_result: QuotaV2PatchResult = "quota_v2_patch_result";
    activity: Activity = "activity";
    resource: Resource = "resource";
    resource_work_skill: ResourceWorkSkill = "resource_work_skill";
    resource_work_zone: ResourceWorkZone = "resource_work_zone";
    work_schedule_item: WorkScheduleItem = "work_schedule_item";
    resource_location: ResourceLocation = "resource_location";
    user: User = "user";
    subscription: Subscription = "subscription_created";
    activity_type: ActivityType = "activity_type";
    activity_type_group: ActivityTypeGroup = "activity_type_group";
    property: Property = "property";
    work_skill: WorkSkill = "work_skill";
    work_skill_group: WorkSkillGroup = "work_skill_group";
    work_skill_condition: WorkSkillCondition = "work_skill_condition";
    work_zone: WorkZone = "work_zone";
    capacity_area: CapacityArea = "capacity_area";
    capacity_category: CapacityCategory = "capacity_category";
    inventory_type: InventoryType = "inventory_type";
    time_slot: TimeSlot = "time_slot";
    resource_type: ResourceType = "resource_type";
}

#[test]
fn typed_fields_and_unknown_ones_are_both_kept() {
    let activity: Activity = round_trip(
        r#"{"activityId": 4225371, "status": "enroute_2031", "XA_NOTES": "gate code 12", "resourceId": "33001"}"#,
    );
    assert_eq!(activity.activity_id, Some(4225371));
    assert_eq!(
        activity.status.as_deref(),
        Some("enroute_2031"),
        "unknown status kept"
    );
    assert_eq!(activity.extra["XA_NOTES"], json!("gate code 12"));
}

#[test]
fn the_event_page_and_item_list_decode() {
    let page: EventPage = round_trip(
        r#"{"found": true, "nextPage": "1700000000-2", "items": [{"eventType": "activityCreated", "time": "2025-06-25 10:00:00", "activityDetails": {"activityId": 1}}]}"#,
    );
    assert_eq!(
        page.items.unwrap()[0].event_type.as_deref(),
        Some("activityCreated")
    );
    let list: ItemList<ResourceWorkSkill> =
        round_trip(r#"{"items": [{"workSkill": "FIBER", "ratio": 100}], "totalResults": 1}"#);
    assert_eq!(list.items.len(), 1);
}
