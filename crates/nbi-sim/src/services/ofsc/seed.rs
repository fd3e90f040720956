//! Deterministic per-tenant data: two capacity-area buckets with technicians under them,
//! activities on their routes over three days, a user per technician, and the metadata an
//! instance starts with.

use serde_json::{Value, json};

use super::data::TenantData;
use crate::fault::mix;

/// The route dates activities are seeded on.
pub(crate) const DATES: [&str; 3] = ["2025-06-24", "2025-06-25", "2025-06-26"];
/// The capacity areas (and the buckets technicians belong to).
pub(crate) const AREAS: [&str; 2] = ["FLUSA", "CAUSA"];
/// The first activity id.
const FIRST_ACTIVITY: i64 = 4_225_000;

/// Tenant `t`'s data: `devices` technicians (at least 3, at most 200).
pub(crate) fn tenant(seed: u64, t: usize, devices: usize) -> TenantData {
    let mut data = TenantData {
        next_id: FIRST_ACTIVITY,
        salt: mix(seed ^ 0x0F5C, t as u64),
        ..TenantData::default()
    };
    for (i, area) in AREAS.iter().enumerate() {
        data.resources.insert(
            (*area).to_owned(),
            json!({"resourceId": area, "name": format!("{area} bucket"), "resourceType": "BK",
                   "status": "active", "language": "en", "timeZone": "Eastern", "resourceInternalId": 1000 + i}),
        );
    }
    let technicians = devices.clamp(3, 200);
    let mut rng = fastrand::Rng::with_seed(data.salt);
    for i in 0..technicians {
        let id = format!("tech-{:03}", i + 1);
        let parent = AREAS[i % AREAS.len()];
        data.resources.insert(
            id.clone(),
            json!({"resourceId": id, "parentResourceId": parent, "name": format!("Technician {}", i + 1),
                   "resourceType": "PR", "status": "active", "language": "en", "timeZone": "Eastern",
                   "email": format!("tech{}@tenant{}.example", i + 1, t + 1), "resourceInternalId": 2000 + i}),
        );
        data.resource_items.insert(
            (id.clone(), "workSkills"),
            vec![json!({"workSkill": if i % 2 == 0 { "FIBER" } else { "COPPER" }, "ratio": 100, "startDate": "2025-01-01"})],
        );
        data.resource_items.insert(
            (id.clone(), "workZones"),
            vec![json!({"workZone": format!("ZONE-{:02}", i % 4 + 1), "ratio": 100, "type": "regular",
                        "startDate": "2025-01-01", "workZoneItemId": 3000 + i, "workZoneStatus": "active"})],
        );
        data.resource_items.insert(
            (id.clone(), "workSchedules"),
            vec![json!({"scheduleItemId": 4000 + i, "recordType": "schedule", "scheduleLabel": "STD-8-17",
                        "isWorking": true, "startDate": "2025-01-01", "workTimeStart": "08:00", "workTimeEnd": "17:00"})],
        );
        data.resource_items
            .insert((id.clone(), "locations"), Vec::new());
        let login = format!("user-{:03}", i + 1);
        data.users.insert(
            login.clone(),
            json!({"login": login, "name": format!("Technician {}", i + 1), "status": "active",
                   "userType": "technician", "mainResourceId": id, "resources": [id], "language": "en",
                   "timeZone": "Eastern", "createdTime": "2025-01-01 08:00:00"}),
        );
        for date in DATES {
            for slot in ["08-12", "13-17"] {
                let activity_id = data.new_id();
                let kind = ["INSTALL", "REPAIR", "UPGRADE"][rng.usize(0..3)];
                data.activities.insert(
                    activity_id,
                    json!({"activityId": activity_id, "activityType": kind, "resourceId": id,
                           "date": date, "status": "pending", "timeSlot": slot,
                           "apptNumber": format!("A{activity_id}"), "customerName": format!("Customer {activity_id}"),
                           "streetAddress": format!("{} Main St", rng.u32(1..999)), "city": "Orlando",
                           "postalCode": format!("{:05}", rng.u32(10000..99999)), "duration": 30 + 15 * rng.i64(0..6),
                           "workZone": format!("ZONE-{:02}", i % 4 + 1), "XA_NOTES": "seeded"}),
                );
            }
        }
    }
    data.closing_schedule = AREAS
        .iter()
        .map(|a| json!({"area": a, "dayOffset": 1, "closeTime": "18:00"}))
        .collect();
    metadata(&mut data);
    data
}

fn metadata(data: &mut TenantData) {
    let mut put = |collection: &'static str, key: &str, value: Value| {
        data.metadata
            .entry(collection)
            .or_default()
            .insert(key.to_owned(), value);
    };
    for (label, name) in [
        ("INSTALL", "Installation"),
        ("REPAIR", "Repair"),
        ("UPGRADE", "Upgrade"),
    ] {
        put(
            "activityTypes",
            label,
            json!({"label": label, "name": name, "active": true, "groupLabel": "customer", "defaultDuration": 60}),
        );
    }
    put(
        "activityTypeGroups",
        "customer",
        json!({"label": "customer", "name": "Customer", "activityTypes": [{"label": "INSTALL"}, {"label": "REPAIR"}, {"label": "UPGRADE"}]}),
    );
    for (label, kind) in [
        ("XA_NOTES", "string"),
        ("XA_ONT_SERIAL", "string"),
        ("XA_SERVICE_TIER", "enum"),
    ] {
        put(
            "properties",
            label,
            json!({"label": label, "name": label, "type": kind, "entity": "activity", "gui": "text"}),
        );
    }
    for (label, name) in [
        ("FIBER", "Fiber"),
        ("COPPER", "Copper"),
        ("WIRELESS", "Wireless"),
    ] {
        put(
            "workSkills",
            label,
            json!({"label": label, "name": name, "active": true, "sharing": "maximal"}),
        );
    }
    put(
        "workSkillGroups",
        "ACCESS",
        json!({"label": "ACCESS", "name": "Access", "active": true, "workSkills": [{"label": "FIBER"}, {"label": "COPPER"}]}),
    );
    for zone in 1..=6 {
        let label = format!("ZONE-{zone:02}");
        put(
            "workZones",
            &label.clone(),
            json!({"workZoneLabel": label, "workZoneName": format!("Zone {zone}"), "status": "active", "travelArea": "FLUSA", "keys": [format!("3280{zone}")]}),
        );
    }
    for (i, area) in AREAS.iter().enumerate() {
        put(
            "capacityAreas",
            area,
            json!({"label": area, "name": format!("{area} area"), "type": "area", "status": "active", "parent": {"label": "USA"}, "internalId": i}),
        );
    }
    for (label, name) in [("INSTALL", "Installation"), ("REPAIR", "Repair")] {
        put(
            "capacityCategories",
            label,
            json!({"label": label, "name": name, "active": true, "workSkills": [{"label": "FIBER", "ratio": 100}]}),
        );
    }
    for (label, name) in [
        ("ONT", "Optical network terminal"),
        ("ROUTER", "Router"),
        ("CABLE", "Drop cable"),
    ] {
        put(
            "inventoryTypes",
            label,
            json!({"label": label, "name": name, "active": true, "nonSerialized": label == "CABLE"}),
        );
    }
    for (label, start, end) in [("08-12", "08:00", "12:00"), ("13-17", "13:00", "17:00")] {
        put(
            "timeSlots",
            label,
            json!({"label": label, "name": label, "active": true, "isAllDay": false, "timeStart": start, "timeEnd": end}),
        );
    }
    for (label, role) in [
        ("PR", "field_resource"),
        ("BK", "bucket"),
        ("OU", "organization_unit"),
    ] {
        put(
            "resourceTypes",
            label,
            json!({"label": label, "name": label, "active": true, "role": role}),
        );
    }
    for (label, name) in [("en", "English"), ("es", "Spanish")] {
        put(
            "languages",
            label,
            json!({"label": label, "name": name, "active": true}),
        );
    }
    put(
        "nonWorkingReasons",
        "VACATION",
        json!({"label": "VACATION", "name": "Vacation", "active": true}),
    );
    put(
        "organizations",
        "default",
        json!({"label": "default", "name": "Default", "type": "inhouse"}),
    );
    put(
        "shifts",
        "DAY",
        json!({"label": "DAY", "name": "Day shift", "type": "regular", "workTimeStart": "08:00", "workTimeEnd": "17:00", "active": true}),
    );
    put(
        "workSkillConditions",
        "FIBER",
        json!({"internalId": 1, "label": "FIBER", "requiredLevel": 1, "preferableLevel": 2, "conditions": [{"label": "aworktype", "function": "in", "valueList": ["INSTALL"]}]}),
    );
}
