//! Core API models: activities, resources and their sub-resources, users, event
//! subscriptions and events.

use serde_json::Value;

use super::model;

model! {
    /// An activity (a job, a visit, a task on a resource's route).
    Activity {
        /// The activity's id, given by OFSC.
        activity_id: i64,
        /// The activity type's label.
        activity_type: String,
        /// The appointment number (the caller's own reference).
        appt_number: String,
        /// The resource (route) it is on.
        resource_id: String,
        /// The route date, `YYYY-MM-DD` (absent when not scheduled).
        date: String,
        /// `pending`, `started`, `suspended`, `completed`, `notdone`, `cancelled`, … as sent.
        status: String,
        /// The customer's name.
        customer_name: String,
        /// The customer's number.
        customer_number: String,
        /// The street address.
        street_address: String,
        /// The city.
        city: String,
        /// The postal code.
        postal_code: String,
        /// The work zone.
        work_zone: String,
        /// The time slot label.
        time_slot: String,
        /// The duration, in minutes.
        duration: i64,
        /// The start time.
        start_time: String,
        /// The end time.
        end_time: String,
        /// Longitude.
        longitude: f64,
        /// Latitude.
        latitude: f64,
    }
}

model! {
    /// A resource: a technician, a crew, a bucket or an organization unit.
    Resource {
        /// The resource's external id.
        resource_id: String,
        /// The parent resource's id.
        parent_resource_id: String,
        /// The resource type's label.
        resource_type: String,
        /// The name.
        name: String,
        /// `active` or `inactive`, as sent.
        status: String,
        /// The email address.
        email: String,
        /// The phone number.
        phone: String,
        /// The language.
        language: String,
        /// The time zone.
        time_zone: String,
        /// The organization.
        organization: String,
        /// OFSC's internal id.
        resource_internal_id: i64,
    }
}

model! {
    /// A work skill of a resource.
    ResourceWorkSkill {
        /// The work skill's label.
        work_skill: String,
        /// The skill level (1–100).
        ratio: i64,
        /// From when.
        start_date: String,
        /// Until when.
        end_date: String,
    }
}

model! {
    /// A work zone of a resource.
    ResourceWorkZone {
        /// The work zone's label.
        work_zone: String,
        /// The preference ratio.
        ratio: i64,
        /// `regular` or `temporary`, as sent.
        #[serde(rename = "type")]
        kind: String,
        /// From when.
        start_date: String,
        /// Until when.
        end_date: String,
        /// The item's id (to delete it).
        work_zone_item_id: i64,
        /// Whether it is in force.
        work_zone_status: String,
    }
}

model! {
    /// A work-schedule item of a resource.
    WorkScheduleItem {
        /// The item's id (to delete it).
        schedule_item_id: i64,
        /// `schedule`, `shift`, `extra_shift`, `working`, `non-working`, … as sent.
        record_type: String,
        /// The schedule's label.
        schedule_label: String,
        /// The shift's label.
        shift_label: String,
        /// Whether it is working time.
        is_working: bool,
        /// From when.
        start_date: String,
        /// Until when.
        end_date: String,
        /// Working time start.
        work_time_start: String,
        /// Working time end.
        work_time_end: String,
        /// The recurrence.
        recurrence: Value,
    }
}

model! {
    /// A location of a resource (start, end, home zone center).
    ResourceLocation {
        /// The location's id.
        location_id: i64,
        /// The label.
        label: String,
        /// The address.
        address: String,
        /// The city.
        city: String,
        /// The postal code.
        postal_code: String,
        /// The state.
        state: String,
        /// The country code.
        country: String,
        /// Longitude.
        longitude: f64,
        /// Latitude.
        latitude: f64,
    }
}

model! {
    /// A user (login) of the instance.
    User {
        /// The login.
        login: String,
        /// The name.
        name: String,
        /// `active` or `inactive`, as sent.
        status: String,
        /// The user type's label.
        user_type: String,
        /// The main resource.
        main_resource_id: String,
        /// The resources the user can see.
        resources: Vec<String>,
        /// The language.
        language: String,
        /// The time zone.
        time_zone: String,
        /// When it was created.
        created_time: String,
        /// When it last changed.
        last_updated_time: String,
    }
}

model! {
    /// An event subscription.
    Subscription {
        /// The subscription's id.
        subscription_id: String,
        /// The first page to read events from (answered on creation).
        next_page: String,
        /// The subscription's title.
        subscription_title: String,
        /// The events subscribed to.
        events: Vec<String>,
        /// The activity fields each event carries.
        fields: Vec<String>,
    }
}

model! {
    /// One page of events: `GET /events`.
    EventPage {
        /// The events.
        items: Vec<Event>,
        /// The page to read next.
        next_page: String,
        /// Whether events were found.
        found: bool,
    }
}

model! {
    /// One event.
    Event {
        /// The event type (`activityCreated`, `activityUpdated`, …).
        event_type: String,
        /// When it happened.
        time: String,
        /// The user who caused it.
        user: String,
        /// The activity's fields, when the subscription asked for them.
        activity_details: Value,
        /// The changes.
        activity_changes: Value,
    }
}

model! {
    /// The answer of a custom action that returns nothing but links.
    ActionResult {
        /// Links to the changed objects.
        links: Vec<Value>,
    }
}
