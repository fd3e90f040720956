//! Capacity API models: capacity, quota (v1 and v2), booking options, closing schedule,
//! booking statuses and the booking grid.

use serde_json::Value;

use super::model;

model! {
    /// `GET /capacity`: available capacity per date.
    CapacityList {
        /// One entry per date.
        items: Vec<CapacityDay>,
    }
}

model! {
    /// One date's capacity.
    CapacityDay {
        /// The date.
        date: String,
        /// The capacity areas.
        areas: Vec<CapacityAreaCapacity>,
    }
}

model! {
    /// One capacity area's capacity on a date.
    CapacityAreaCapacity {
        /// The area's label.
        label: String,
        /// The area's name.
        name: String,
        /// Calendar (working) time per interval.
        calendar: Vec<Value>,
        /// Available time per interval.
        available: Vec<Value>,
        /// Capacity per category.
        categories: Vec<Value>,
    }
}

model! {
    /// `GET /quota` (v1): quota per date.
    QuotaList {
        /// One entry per date.
        items: Vec<QuotaDay>,
    }
}

model! {
    /// One date's quota (v1).
    QuotaDay {
        /// The date.
        date: String,
        /// The capacity areas' quota.
        areas: Vec<Value>,
    }
}

model! {
    /// `GET /v2/quota`: quota per date.
    QuotaV2List {
        /// One entry per date.
        items: Vec<QuotaV2Day>,
    }
}

model! {
    /// One date's quota (v2).
    QuotaV2Day {
        /// The date.
        date: String,
        /// The capacity areas' quota.
        areas: Vec<QuotaV2Area>,
    }
}

model! {
    /// One area's quota on a date (v2).
    QuotaV2Area {
        /// The area's label.
        label: String,
        /// The largest quota possible, in minutes.
        max_available: i64,
        /// The quota, in minutes.
        quota: i64,
        /// The quota as a share of the maximum.
        quota_percent: f64,
        /// The least quota.
        min_quota: i64,
        /// Minutes used.
        used: i64,
        /// Activities booked.
        booked_activities: i64,
        /// Whether booking is closed.
        quota_is_closed: bool,
        /// Whether booking closed by itself (closing schedule).
        quota_is_auto_closed: bool,
        /// When booking closes.
        close_time: String,
        /// Quota per time interval.
        intervals: Vec<Value>,
        /// Quota per category.
        categories: Vec<Value>,
        /// Quota per time slot.
        time_slots: Vec<Value>,
    }
}

model! {
    /// What a v1 quota, booking-status or closing-schedule PATCH answers.
    PatchResult {
        /// The outcome per item.
        results: Value,
    }
}

model! {
    /// What a v2 quota PATCH answers.
    QuotaV2PatchResult {
        /// How many items failed.
        errors_count: i64,
        /// The failures.
        errors: Vec<String>,
    }
}

model! {
    /// `GET /activityBookingOptions`: where and when an activity can be booked.
    BookingOptions {
        /// The activity's estimated duration, in minutes.
        duration: i64,
        /// The estimated travel time, in minutes.
        travel_time: i64,
        /// The capacity categories that fit.
        categories: Vec<String>,
        /// The time slots referred to.
        time_slots_dictionary: Vec<Value>,
        /// The work zone.
        work_zone: String,
        /// The options per date.
        dates: Vec<Value>,
    }
}

model! {
    /// `GET /bookingClosingSchedule`.
    BookingClosingScheduleList {
        /// The schedule entries.
        items: Vec<BookingClosingSchedule>,
    }
}

model! {
    /// When booking closes for an area (and category, work zone).
    BookingClosingSchedule {
        /// The capacity area.
        area: String,
        /// Days ahead the entry applies to.
        day_offset: i64,
        /// The capacity category.
        category: String,
        /// The work zone.
        work_zone: String,
        /// When booking closes.
        close_time: String,
    }
}

model! {
    /// `GET /bookingStatuses`.
    BookingStatusList {
        /// The statuses per date and area.
        items: Vec<BookingStatus>,
    }
}

model! {
    /// Whether booking is open, per date and area.
    BookingStatus {
        /// The date.
        date: String,
        /// The capacity area.
        area: String,
        /// The statuses per category / time slot.
        statuses: Vec<Value>,
    }
}

model! {
    /// `POST /showBookingGrid`: the booking grid.
    BookingGrid {
        /// The activity's estimated duration.
        duration: i64,
        /// The estimated travel time.
        travel_time: i64,
        /// The work zone.
        work_zone: String,
        /// The time slots referred to.
        time_slots_dictionary: Vec<Value>,
        /// The resources referred to.
        resources_dictionary: Vec<Value>,
        /// The grid per area.
        areas: Vec<Value>,
    }
}
