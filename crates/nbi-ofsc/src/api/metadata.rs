//! [`MetadataApi`]: the instance's configuration — activity types and groups, properties,
//! work skills, groups and conditions, work zones, capacity areas and categories, inventory
//! types, time slots, resource types, languages, non-working reasons, organizations, shifts.
//!
//! Metadata objects are keyed by `label`; the operations are written with the macros below
//! so that each is one line: listings are paged ([`List`]), the rest one [`Call`].

use nbi_core::Mode;
use serde::Serialize;
use serde_json::Value;

use super::area;
use crate::call::Call;
use crate::endpoint::*;
use crate::models::{
    ActivityType, ActivityTypeGroup, CapacityArea, CapacityCategory, InventoryType, ItemList,
    Property, ResourceType, TimeSlot, WorkSkill, WorkSkillCondition, WorkSkillGroup, WorkZone,
};
use crate::paging::List;

area! {
    /// Metadata (`/rest/ofscMetadata`).
    MetadataApi
}

const LABEL: &str = "label";

/// A paged listing.
macro_rules! list {
    ($(#[$m:meta])* $name:ident, $route:ident, $ty:ty) => {
        $(#[$m])*
        pub fn $name(&self) -> List<M, $ty> {
            List::new(self.client.clone(), &$route)
        }
    };
}

/// A call without parameters.
macro_rules! call {
    ($(#[$m:meta])* $name:ident, $route:ident, $ty:ty) => {
        $(#[$m])*
        pub fn $name(&self) -> Call<M, $ty> {
            self.client.call(&$route)
        }
    };
}

/// A call on one label.
macro_rules! get {
    ($(#[$m:meta])* $name:ident, $route:ident, $ty:ty) => {
        $(#[$m])*
        pub fn $name(&self, label: &str) -> Call<M, $ty> {
            self.client.call(&$route).id(LABEL, label)
        }
    };
}

/// A write of one label.
macro_rules! put {
    ($(#[$m:meta])* $name:ident, $route:ident, $ty:ty) => {
        $(#[$m])*
        pub fn $name(&self, label: &str, body: &impl Serialize) -> Call<M, $ty> {
            self.client.call(&$route).id(LABEL, label).body(body)
        }
    };
}

/// A delete of one label.
macro_rules! delete {
    ($(#[$m:meta])* $name:ident, $route:ident) => {
        $(#[$m])*
        pub fn $name(&self, label: &str) -> Call<M, ()> {
            self.client.call::<Value>(&$route).id(LABEL, label).empty()
        }
    };
}

/// A write of a whole collection.
macro_rules! bulk {
    ($(#[$m:meta])* $name:ident, $route:ident, $ty:ty) => {
        $(#[$m])*
        pub fn $name(&self, body: &impl Serialize) -> Call<M, $ty> {
            self.client.call(&$route).body(body)
        }
    };
}

impl<M: Mode> MetadataApi<M> {
    list!(/// `GET /activityTypeGroups`.
        activity_type_groups, LIST_ACTIVITY_TYPE_GROUPS, ActivityTypeGroup);
    get!(/// `GET /activityTypeGroups/{label}`.
        activity_type_group, GET_ACTIVITY_TYPE_GROUP, ActivityTypeGroup);
    put!(/// `PUT /activityTypeGroups/{label}`: creates or replaces.
        put_activity_type_group, PUT_ACTIVITY_TYPE_GROUP, ActivityTypeGroup);

    list!(/// `GET /activityTypes`.
        activity_types, LIST_ACTIVITY_TYPES, ActivityType);
    get!(/// `GET /activityTypes/{label}`.
        activity_type, GET_ACTIVITY_TYPE, ActivityType);
    put!(/// `PUT /activityTypes/{label}`: creates or replaces.
        put_activity_type, PUT_ACTIVITY_TYPE, ActivityType);

    list!(/// `GET /properties`.
        properties, LIST_PROPERTIES, Property);
    get!(/// `GET /properties/{label}`.
        property, GET_PROPERTY, Property);
    put!(/// `PUT /properties/{label}`: creates or replaces.
        put_property, PUT_PROPERTY, Property);
    put!(/// `PATCH /properties/{label}`: changes the given fields.
        update_property, PATCH_PROPERTY, Property);
    get!(/// `GET /properties/{label}/enumerationList`.
        property_enumeration, GET_PROPERTY_ENUMERATION, ItemList<Value>);
    put!(/// `PUT /properties/{label}/enumerationList`: replaces the enumeration.
        put_property_enumeration, PUT_PROPERTY_ENUMERATION, ItemList<Value>);

    list!(/// `GET /workSkills`.
        work_skills, LIST_WORK_SKILLS, WorkSkill);
    get!(/// `GET /workSkills/{label}`.
        work_skill, GET_WORK_SKILL, WorkSkill);
    put!(/// `PUT /workSkills/{label}`: creates or replaces.
        put_work_skill, PUT_WORK_SKILL, WorkSkill);
    delete!(/// `DELETE /workSkills/{label}`.
        delete_work_skill, DELETE_WORK_SKILL);

    list!(/// `GET /workSkillGroups`.
        work_skill_groups, LIST_WORK_SKILL_GROUPS, WorkSkillGroup);
    get!(/// `GET /workSkillGroups/{label}`.
        work_skill_group, GET_WORK_SKILL_GROUP, WorkSkillGroup);
    put!(/// `PUT /workSkillGroups/{label}`: creates or replaces.
        put_work_skill_group, PUT_WORK_SKILL_GROUP, WorkSkillGroup);
    delete!(/// `DELETE /workSkillGroups/{label}`.
        delete_work_skill_group, DELETE_WORK_SKILL_GROUP);

    call!(/// `GET /workSkillConditions`.
        work_skill_conditions, GET_WORK_SKILL_CONDITIONS, ItemList<WorkSkillCondition>);
    bulk!(/// `PUT /workSkillConditions`: replaces all conditions (`{"items": [...]}`).
        put_work_skill_conditions, PUT_WORK_SKILL_CONDITIONS, ItemList<WorkSkillCondition>);

    list!(/// `GET /workZones`.
        work_zones, LIST_WORK_ZONES, WorkZone);
    get!(/// `GET /workZones/{label}`.
        work_zone, GET_WORK_ZONE, WorkZone);
    bulk!(/// `POST /workZones`: creates a work zone.
        create_work_zone, CREATE_WORK_ZONE, WorkZone);
    put!(/// `PUT /workZones/{label}`: replaces a work zone.
        replace_work_zone, PUT_WORK_ZONE, WorkZone);
    bulk!(/// `PUT /workZones`: replaces work zones in bulk (`{"items": [...]}`).
        replace_work_zones, REPLACE_WORK_ZONES, ItemList<WorkZone>);
    bulk!(/// `PATCH /workZones`: changes work zones in bulk (`{"items": [...]}`).
        update_work_zones, UPDATE_WORK_ZONES, ItemList<WorkZone>);
    call!(/// `GET /workZoneKey`: how activities are matched to work zones.
        work_zone_key, GET_WORK_ZONE_KEY, Value);

    call!(/// `GET /capacityAreas`.
        capacity_areas, LIST_CAPACITY_AREAS, ItemList<CapacityArea>);
    get!(/// `GET /capacityAreas/{label}`.
        capacity_area, GET_CAPACITY_AREA, CapacityArea);
    get!(/// `GET /capacityAreas/{label}/capacityCategories`.
        capacity_area_categories, LIST_CAPACITY_AREA_CATEGORIES, ItemList<Value>);
    get!(/// `GET /v2/capacityAreas/{label}/workZones`.
        capacity_area_work_zones, LIST_CAPACITY_AREA_WORK_ZONES, ItemList<Value>);
    get!(/// `GET /capacityAreas/{label}/timeSlots`.
        capacity_area_time_slots, LIST_CAPACITY_AREA_TIME_SLOTS, ItemList<Value>);
    get!(/// `GET /capacityAreas/{label}/timeIntervals`.
        capacity_area_time_intervals, LIST_CAPACITY_AREA_TIME_INTERVALS, ItemList<Value>);
    get!(/// `GET /capacityAreas/{label}/organizations`.
        capacity_area_organizations, LIST_CAPACITY_AREA_ORGANIZATIONS, ItemList<Value>);
    get!(/// `GET /capacityAreas/{label}/children`.
        capacity_area_children, LIST_CAPACITY_AREA_CHILDREN, ItemList<CapacityArea>);

    list!(/// `GET /capacityCategories`.
        capacity_categories, LIST_CAPACITY_CATEGORIES, CapacityCategory);
    get!(/// `GET /capacityCategories/{label}`.
        capacity_category, GET_CAPACITY_CATEGORY, CapacityCategory);
    put!(/// `PUT /capacityCategories/{label}`: creates or replaces.
        put_capacity_category, PUT_CAPACITY_CATEGORY, CapacityCategory);
    delete!(/// `DELETE /capacityCategories/{label}`.
        delete_capacity_category, DELETE_CAPACITY_CATEGORY);

    list!(/// `GET /inventoryTypes`.
        inventory_types, LIST_INVENTORY_TYPES, InventoryType);
    get!(/// `GET /inventoryTypes/{label}`.
        inventory_type, GET_INVENTORY_TYPE, InventoryType);
    put!(/// `PUT /inventoryTypes/{label}`: creates or replaces.
        put_inventory_type, PUT_INVENTORY_TYPE, InventoryType);

    list!(/// `GET /timeSlots`.
        time_slots, LIST_TIME_SLOTS, TimeSlot);
    list!(/// `GET /resourceTypes`.
        resource_types, LIST_RESOURCE_TYPES, ResourceType);
    list!(/// `GET /languages`.
        languages, LIST_LANGUAGES, Value);
    list!(/// `GET /nonWorkingReasons`.
        non_working_reasons, LIST_NON_WORKING_REASONS, Value);
    call!(/// `GET /organizations`.
        organizations, LIST_ORGANIZATIONS, ItemList<Value>);
    get!(/// `GET /organizations/{label}`.
        organization, GET_ORGANIZATION, Value);

    list!(/// `GET /shifts`.
        shifts, LIST_SHIFTS, Value);
    get!(/// `GET /shifts/{label}`.
        shift, GET_SHIFT, Value);
    put!(/// `PUT /shifts/{label}`: creates or replaces.
        put_shift, PUT_SHIFT, Value);
    delete!(/// `DELETE /shifts/{label}`.
        delete_shift, DELETE_SHIFT);
}
