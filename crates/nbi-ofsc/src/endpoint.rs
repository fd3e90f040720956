//! Every call this client makes: method, path template, operation name (the metric label)
//! and timeout class. [`ROUTES`] lists them all; the coverage note is computed from it.

use http::Method;
use nbi_core::{Operation, OperationClass};

/// One route of the API.
#[derive(Debug, Clone)]
pub struct Route {
    /// The HTTP method.
    pub method: Method,
    /// The path template, from the base URL (`/rest/ofscCore/v1/activities/{activityId}`).
    pub path: &'static str,
    /// The operation: metric label and timeout class.
    pub operation: Operation,
    /// The largest `limit` a paged listing accepts (0 = not paged).
    pub max_limit: u32,
}

macro_rules! routes {
    ($($name:ident = $method:ident $path:literal $op:literal $class:ident $max:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($method), " ", $path, "`")]
            pub(crate) const $name: Route = Route {
                method: Method::$method,
                path: $path,
                operation: Operation::new($op, OperationClass::$class),
                max_limit: $max,
            };
        )*
        /// Every route, in table order.
        pub const ROUTES: &[Route] = &[$($name),*];
    };
}

routes! {
    // Capacity
    GET_CAPACITY = GET "/rest/ofscCapacity/v1/capacity" "get_capacity" GET 0;
    GET_QUOTA = GET "/rest/ofscCapacity/v1/quota" "get_quota" GET 0;
    PATCH_QUOTA = PATCH "/rest/ofscCapacity/v1/quota" "update_quota" UPDATE 0;
    GET_QUOTA_V2 = GET "/rest/ofscCapacity/v2/quota" "get_quota_v2" GET 0;
    PATCH_QUOTA_V2 = PATCH "/rest/ofscCapacity/v2/quota" "update_quota_v2" UPDATE 0;
    GET_BOOKING_OPTIONS = GET "/rest/ofscCapacity/v1/activityBookingOptions" "get_booking_options" GET 0;
    GET_BOOKING_CLOSING_SCHEDULE = GET "/rest/ofscCapacity/v1/bookingClosingSchedule" "get_booking_closing_schedule" GET 0;
    PATCH_BOOKING_CLOSING_SCHEDULE = PATCH "/rest/ofscCapacity/v1/bookingClosingSchedule" "update_booking_closing_schedule" UPDATE 0;
    GET_BOOKING_STATUSES = GET "/rest/ofscCapacity/v1/bookingStatuses" "get_booking_statuses" GET 0;
    PATCH_BOOKING_STATUSES = PATCH "/rest/ofscCapacity/v1/bookingStatuses" "update_booking_statuses" UPDATE 0;
    SHOW_BOOKING_GRID = POST "/rest/ofscCapacity/v1/showBookingGrid" "show_booking_grid" GET 0;
    GET_BOOKING_FIELDS_DEPENDENCIES = GET "/rest/ofscCapacity/v1/bookingFieldsDependencies" "get_booking_fields_dependencies" GET 0;

    // Core: activities
    SEARCH_ACTIVITIES = GET "/rest/ofscCore/v1/activities" "list_activities" LIST 100000;
    CREATE_ACTIVITY = POST "/rest/ofscCore/v1/activities" "create_activity" CREATE 0;
    GET_ACTIVITY = GET "/rest/ofscCore/v1/activities/{activityId}" "get_activity" GET 0;
    UPDATE_ACTIVITY = PATCH "/rest/ofscCore/v1/activities/{activityId}" "update_activity" UPDATE 0;
    DELETE_ACTIVITY = DELETE "/rest/ofscCore/v1/activities/{activityId}" "delete_activity" DELETE 0;
    GET_ACTIVITY_PROPERTY = GET "/rest/ofscCore/v1/activities/{activityId}/{propertyLabel}" "get_activity_property" GET 0;
    GET_MULTIDAY_SEGMENTS = GET "/rest/ofscCore/v1/activities/{activityId}/multidaySegments" "get_multiday_segments" GET 0;
    GET_LINKED_ACTIVITIES = GET "/rest/ofscCore/v1/activities/{activityId}/linkedActivities" "get_linked_activities" GET 0;
    GET_RESOURCE_PREFERENCES = GET "/rest/ofscCore/v1/activities/{activityId}/resourcePreferences" "get_resource_preferences" GET 0;
    GET_REQUIRED_INVENTORIES = GET "/rest/ofscCore/v1/activities/{activityId}/requiredInventories" "get_required_inventories" GET 0;
    GET_ACTIVITY_CAPACITY_CATEGORIES = GET "/rest/ofscCore/v1/activities/{activityId}/capacityCategories" "get_activity_capacity_categories" GET 0;
    SEARCH_ACTIVITIES_BY_PROPERTY = GET "/rest/ofscCore/v1/activities/custom-actions/search" "search_activities" LIST 0;
    START_PREWORK = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/startPrework" "start_prework_activity" TASK 0;
    REOPEN_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/reopen" "reopen_activity" TASK 0;
    DELAY_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/delay" "delay_activity" TASK 0;
    CANCEL_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/cancel" "cancel_activity" TASK 0;
    START_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/start" "start_activity" TASK 0;
    ENROUTE_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/enroute" "enroute_activity" TASK 0;
    STOP_TRAVEL_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/stopTravel" "stop_travel_activity" TASK 0;
    SUSPEND_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/suspend" "suspend_activity" TASK 0;
    MOVE_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/move" "move_activity" TASK 0;
    COMPLETE_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/complete" "complete_activity" TASK 0;
    NOT_DONE_ACTIVITY = POST "/rest/ofscCore/v1/activities/{activityId}/custom-actions/notDone" "not_done_activity" TASK 0;

    // Core: resources
    LIST_RESOURCES = GET "/rest/ofscCore/v1/resources" "list_resources" LIST 100;
    GET_RESOURCE = GET "/rest/ofscCore/v1/resources/{resourceId}" "get_resource" GET 0;
    PUT_RESOURCE = PUT "/rest/ofscCore/v1/resources/{resourceId}" "put_resource" UPDATE 0;
    UPDATE_RESOURCE = PATCH "/rest/ofscCore/v1/resources/{resourceId}" "update_resource" UPDATE 0;
    LIST_RESOURCE_CHILDREN = GET "/rest/ofscCore/v1/resources/{resourceId}/children" "list_resource_children" LIST 100;
    LIST_RESOURCE_DESCENDANTS = GET "/rest/ofscCore/v1/resources/{resourceId}/descendants" "list_resource_descendants" LIST 100;
    LIST_RESOURCE_USERS = GET "/rest/ofscCore/v1/resources/{resourceId}/users" "list_resource_users" GET 0;
    LIST_RESOURCE_WORK_SKILLS = GET "/rest/ofscCore/v1/resources/{resourceId}/workSkills" "list_resource_work_skills" GET 0;
    ADD_RESOURCE_WORK_SKILLS = POST "/rest/ofscCore/v1/resources/{resourceId}/workSkills" "add_resource_work_skills" UPDATE 0;
    DELETE_RESOURCE_WORK_SKILL = DELETE "/rest/ofscCore/v1/resources/{resourceId}/workSkills/{workSkill}" "delete_resource_work_skill" DELETE 0;
    LIST_RESOURCE_WORK_ZONES = GET "/rest/ofscCore/v1/resources/{resourceId}/workZones" "list_resource_work_zones" GET 0;
    ADD_RESOURCE_WORK_ZONE = POST "/rest/ofscCore/v1/resources/{resourceId}/workZones" "add_resource_work_zone" UPDATE 0;
    DELETE_RESOURCE_WORK_ZONE = DELETE "/rest/ofscCore/v1/resources/{resourceId}/workZones/{workZoneItemId}" "delete_resource_work_zone" DELETE 0;
    LIST_RESOURCE_WORK_SCHEDULES = GET "/rest/ofscCore/v1/resources/{resourceId}/workSchedules" "list_resource_work_schedules" GET 0;
    ADD_RESOURCE_WORK_SCHEDULE = POST "/rest/ofscCore/v1/resources/{resourceId}/workSchedules" "add_resource_work_schedule" UPDATE 0;
    DELETE_RESOURCE_WORK_SCHEDULE = DELETE "/rest/ofscCore/v1/resources/{resourceId}/workSchedules/{scheduleItemId}" "delete_resource_work_schedule" DELETE 0;
    LIST_RESOURCE_LOCATIONS = GET "/rest/ofscCore/v1/resources/{resourceId}/locations" "list_resource_locations" GET 0;
    CREATE_RESOURCE_LOCATION = POST "/rest/ofscCore/v1/resources/{resourceId}/locations" "create_resource_location" CREATE 0;
    GET_RESOURCE_LOCATION = GET "/rest/ofscCore/v1/resources/{resourceId}/locations/{locationId}" "get_resource_location" GET 0;
    UPDATE_RESOURCE_LOCATION = PATCH "/rest/ofscCore/v1/resources/{resourceId}/locations/{locationId}" "update_resource_location" UPDATE 0;
    DELETE_RESOURCE_LOCATION = DELETE "/rest/ofscCore/v1/resources/{resourceId}/locations/{locationId}" "delete_resource_location" DELETE 0;

    // Core: users
    LIST_USERS = GET "/rest/ofscCore/v1/users" "list_users" LIST 100;
    GET_USER = GET "/rest/ofscCore/v1/users/{login}" "get_user" GET 0;
    CREATE_USER = PUT "/rest/ofscCore/v1/users/{login}" "create_user" CREATE 0;
    UPDATE_USER = PATCH "/rest/ofscCore/v1/users/{login}" "update_user" UPDATE 0;
    DELETE_USER = DELETE "/rest/ofscCore/v1/users/{login}" "delete_user" DELETE 0;

    // Core: events
    LIST_SUBSCRIPTIONS = GET "/rest/ofscCore/v1/events/subscriptions" "list_subscriptions" GET 0;
    CREATE_SUBSCRIPTION = POST "/rest/ofscCore/v1/events/subscriptions" "create_subscription" CREATE 0;
    GET_SUBSCRIPTION = GET "/rest/ofscCore/v1/events/subscriptions/{subscriptionId}" "get_subscription" GET 0;
    DELETE_SUBSCRIPTION = DELETE "/rest/ofscCore/v1/events/subscriptions/{subscriptionId}" "delete_subscription" DELETE 0;
    GET_EVENTS = GET "/rest/ofscCore/v1/events" "get_events" GET 0;

    // Metadata
    LIST_ACTIVITY_TYPE_GROUPS = GET "/rest/ofscMetadata/v1/activityTypeGroups" "list_activity_type_groups" LIST 100;
    GET_ACTIVITY_TYPE_GROUP = GET "/rest/ofscMetadata/v1/activityTypeGroups/{label}" "get_activity_type_group" GET 0;
    PUT_ACTIVITY_TYPE_GROUP = PUT "/rest/ofscMetadata/v1/activityTypeGroups/{label}" "put_activity_type_group" UPDATE 0;
    LIST_ACTIVITY_TYPES = GET "/rest/ofscMetadata/v1/activityTypes" "list_activity_types" LIST 100;
    GET_ACTIVITY_TYPE = GET "/rest/ofscMetadata/v1/activityTypes/{label}" "get_activity_type" GET 0;
    PUT_ACTIVITY_TYPE = PUT "/rest/ofscMetadata/v1/activityTypes/{label}" "put_activity_type" UPDATE 0;
    LIST_PROPERTIES = GET "/rest/ofscMetadata/v1/properties" "list_properties" LIST 100;
    GET_PROPERTY = GET "/rest/ofscMetadata/v1/properties/{label}" "get_property" GET 0;
    PUT_PROPERTY = PUT "/rest/ofscMetadata/v1/properties/{label}" "put_property" UPDATE 0;
    PATCH_PROPERTY = PATCH "/rest/ofscMetadata/v1/properties/{label}" "update_property" UPDATE 0;
    GET_PROPERTY_ENUMERATION = GET "/rest/ofscMetadata/v1/properties/{label}/enumerationList" "get_property_enumeration" GET 0;
    PUT_PROPERTY_ENUMERATION = PUT "/rest/ofscMetadata/v1/properties/{label}/enumerationList" "put_property_enumeration" UPDATE 0;
    LIST_WORK_SKILLS = GET "/rest/ofscMetadata/v1/workSkills" "list_work_skills" LIST 100;
    GET_WORK_SKILL = GET "/rest/ofscMetadata/v1/workSkills/{label}" "get_work_skill" GET 0;
    PUT_WORK_SKILL = PUT "/rest/ofscMetadata/v1/workSkills/{label}" "put_work_skill" UPDATE 0;
    DELETE_WORK_SKILL = DELETE "/rest/ofscMetadata/v1/workSkills/{label}" "delete_work_skill" DELETE 0;
    LIST_WORK_SKILL_GROUPS = GET "/rest/ofscMetadata/v1/workSkillGroups" "list_work_skill_groups" LIST 100;
    GET_WORK_SKILL_GROUP = GET "/rest/ofscMetadata/v1/workSkillGroups/{label}" "get_work_skill_group" GET 0;
    PUT_WORK_SKILL_GROUP = PUT "/rest/ofscMetadata/v1/workSkillGroups/{label}" "put_work_skill_group" UPDATE 0;
    DELETE_WORK_SKILL_GROUP = DELETE "/rest/ofscMetadata/v1/workSkillGroups/{label}" "delete_work_skill_group" DELETE 0;
    GET_WORK_SKILL_CONDITIONS = GET "/rest/ofscMetadata/v1/workSkillConditions" "get_work_skill_conditions" GET 0;
    PUT_WORK_SKILL_CONDITIONS = PUT "/rest/ofscMetadata/v1/workSkillConditions" "put_work_skill_conditions" UPDATE 0;
    LIST_WORK_ZONES = GET "/rest/ofscMetadata/v1/workZones" "list_work_zones" LIST 100;
    CREATE_WORK_ZONE = POST "/rest/ofscMetadata/v1/workZones" "create_work_zone" CREATE 0;
    REPLACE_WORK_ZONES = PUT "/rest/ofscMetadata/v1/workZones" "replace_work_zones" UPDATE 0;
    UPDATE_WORK_ZONES = PATCH "/rest/ofscMetadata/v1/workZones" "update_work_zones" UPDATE 0;
    GET_WORK_ZONE = GET "/rest/ofscMetadata/v1/workZones/{label}" "get_work_zone" GET 0;
    PUT_WORK_ZONE = PUT "/rest/ofscMetadata/v1/workZones/{label}" "put_work_zone" UPDATE 0;
    GET_WORK_ZONE_KEY = GET "/rest/ofscMetadata/v1/workZoneKey" "get_work_zone_key" GET 0;
    LIST_CAPACITY_AREAS = GET "/rest/ofscMetadata/v1/capacityAreas" "list_capacity_areas" GET 0;
    GET_CAPACITY_AREA = GET "/rest/ofscMetadata/v1/capacityAreas/{label}" "get_capacity_area" GET 0;
    LIST_CAPACITY_AREA_CATEGORIES = GET "/rest/ofscMetadata/v1/capacityAreas/{label}/capacityCategories" "list_capacity_area_categories" GET 0;
    LIST_CAPACITY_AREA_TIME_SLOTS = GET "/rest/ofscMetadata/v1/capacityAreas/{label}/timeSlots" "list_capacity_area_time_slots" GET 0;
    LIST_CAPACITY_AREA_TIME_INTERVALS = GET "/rest/ofscMetadata/v1/capacityAreas/{label}/timeIntervals" "list_capacity_area_time_intervals" GET 0;
    LIST_CAPACITY_AREA_ORGANIZATIONS = GET "/rest/ofscMetadata/v1/capacityAreas/{label}/organizations" "list_capacity_area_organizations" GET 0;
    LIST_CAPACITY_AREA_CHILDREN = GET "/rest/ofscMetadata/v1/capacityAreas/{label}/children" "list_capacity_area_children" GET 0;
    LIST_CAPACITY_AREA_WORK_ZONES = GET "/rest/ofscMetadata/v2/capacityAreas/{label}/workZones" "list_capacity_area_work_zones" GET 0;
    LIST_CAPACITY_CATEGORIES = GET "/rest/ofscMetadata/v1/capacityCategories" "list_capacity_categories" LIST 100;
    GET_CAPACITY_CATEGORY = GET "/rest/ofscMetadata/v1/capacityCategories/{label}" "get_capacity_category" GET 0;
    PUT_CAPACITY_CATEGORY = PUT "/rest/ofscMetadata/v1/capacityCategories/{label}" "put_capacity_category" UPDATE 0;
    DELETE_CAPACITY_CATEGORY = DELETE "/rest/ofscMetadata/v1/capacityCategories/{label}" "delete_capacity_category" DELETE 0;
    LIST_INVENTORY_TYPES = GET "/rest/ofscMetadata/v1/inventoryTypes" "list_inventory_types" LIST 100;
    GET_INVENTORY_TYPE = GET "/rest/ofscMetadata/v1/inventoryTypes/{label}" "get_inventory_type" GET 0;
    PUT_INVENTORY_TYPE = PUT "/rest/ofscMetadata/v1/inventoryTypes/{label}" "put_inventory_type" UPDATE 0;
    LIST_TIME_SLOTS = GET "/rest/ofscMetadata/v1/timeSlots" "list_time_slots" LIST 100;
    LIST_RESOURCE_TYPES = GET "/rest/ofscMetadata/v1/resourceTypes" "list_resource_types" LIST 100;
    LIST_LANGUAGES = GET "/rest/ofscMetadata/v1/languages" "list_languages" LIST 100;
    LIST_NON_WORKING_REASONS = GET "/rest/ofscMetadata/v1/nonWorkingReasons" "list_non_working_reasons" LIST 100;
    LIST_ORGANIZATIONS = GET "/rest/ofscMetadata/v1/organizations" "list_organizations" GET 0;
    GET_ORGANIZATION = GET "/rest/ofscMetadata/v1/organizations/{label}" "get_organization" GET 0;
    LIST_SHIFTS = GET "/rest/ofscMetadata/v1/shifts" "list_shifts" LIST 100;
    GET_SHIFT = GET "/rest/ofscMetadata/v1/shifts/{label}" "get_shift" GET 0;
    PUT_SHIFT = PUT "/rest/ofscMetadata/v1/shifts/{label}" "put_shift" UPDATE 0;
    DELETE_SHIFT = DELETE "/rest/ofscMetadata/v1/shifts/{label}" "delete_shift" DELETE 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_unique_and_named_once() {
        let mut seen = std::collections::BTreeSet::new();
        for r in ROUTES {
            assert!(r.path.starts_with("/rest/ofsc"), "{}", r.path);
            assert!(
                seen.insert((r.method.clone(), r.path)),
                "{} {} twice",
                r.method,
                r.path
            );
        }
        let names: std::collections::BTreeSet<_> =
            ROUTES.iter().map(|r| r.operation.name()).collect();
        assert_eq!(names.len(), ROUTES.len(), "operation names are unique");
    }
}
