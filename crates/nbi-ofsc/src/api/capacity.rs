//! [`CapacityApi`]: capacity, quota (v1 and v2), booking options, booking closing schedule,
//! booking statuses and the booking grid.

use nbi_core::{Mode, Result};
use serde::Serialize;
use serde_json::Value;

use super::area;
use crate::call::Call;
use crate::endpoint::*;
use crate::models::{
    BookingClosingScheduleList, BookingGrid, BookingOptions, BookingStatusList, CapacityList,
    PatchResult, QuotaList, QuotaV2List, QuotaV2PatchResult,
};
use crate::params::{Pairs, Params, check_date, check_dates, require_list};

area! {
    /// The Capacity API (`/rest/ofscCapacity`).
    CapacityApi
}

/// Parameters of `GET /capacity`.
#[derive(Debug, Clone, Default)]
pub struct CapacityQuery {
    /// The dates, `YYYY-MM-DD` (required).
    pub dates: Vec<String>,
    /// The capacity areas (all when empty).
    pub areas: Vec<String>,
    /// The capacity categories.
    pub categories: Vec<String>,
    /// Sum the areas up.
    pub aggregate_results: Option<bool>,
    /// The calendar's time intervals to report.
    pub calendar_time_intervals: Vec<String>,
    /// `all` or `timeSlots`: which available intervals to report.
    pub available_time_intervals: Option<String>,
    /// The fields to answer.
    pub fields: Vec<String>,
}

impl CapacityQuery {
    /// Capacity on `dates`.
    pub fn new<S: Into<String>>(dates: impl IntoIterator<Item = S>) -> Self {
        CapacityQuery {
            dates: dates.into_iter().map(Into::into).collect(),
            ..CapacityQuery::default()
        }
    }

    /// Only these capacity areas.
    #[must_use]
    pub fn areas<S: Into<String>>(mut self, areas: impl IntoIterator<Item = S>) -> Self {
        self.areas = areas.into_iter().map(Into::into).collect();
        self
    }
}

impl Params for CapacityQuery {
    fn validate(&self) -> Result<()> {
        require_list("dates", &self.dates)?;
        check_dates("dates", &self.dates)
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .list("dates", &self.dates)
            .list("areas", &self.areas)
            .list("categories", &self.categories)
            .opt("aggregateResults", self.aggregate_results)
            .list("calendarTimeIntervals", &self.calendar_time_intervals)
            .opt(
                "availableTimeIntervals",
                self.available_time_intervals.as_ref(),
            )
            .list("fields", &self.fields)
            .done()
    }
}

/// Parameters of `GET /quota` (v1).
#[derive(Debug, Clone, Default)]
pub struct QuotaQuery {
    /// The dates (required).
    pub dates: Vec<String>,
    /// The capacity areas.
    pub areas: Vec<String>,
    /// The capacity categories.
    pub categories: Vec<String>,
    /// Sum the areas up.
    pub aggregate_results: Option<bool>,
    /// The fields to answer.
    pub fields: Vec<String>,
}

impl Params for QuotaQuery {
    fn validate(&self) -> Result<()> {
        require_list("dates", &self.dates)?;
        check_dates("dates", &self.dates)
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .list("dates", &self.dates)
            .list("areas", &self.areas)
            .list("categories", &self.categories)
            .opt("aggregateResults", self.aggregate_results)
            .list("fields", &self.fields)
            .done()
    }
}

/// Parameters of `GET /v2/quota`.
#[derive(Debug, Clone, Default)]
pub struct QuotaV2Query {
    /// The dates (required).
    pub dates: Vec<String>,
    /// The capacity areas.
    pub areas: Vec<String>,
    /// The capacity categories.
    pub categories: Vec<String>,
    /// Sum the areas up.
    pub aggregate_results: Option<bool>,
    /// Report per category.
    pub category_level: Option<bool>,
    /// Report per time interval.
    pub interval_level: Option<bool>,
    /// Report per time slot.
    pub time_slot_level: Option<bool>,
    /// Report the booking statuses.
    pub return_statuses: Option<bool>,
}

impl Params for QuotaV2Query {
    fn validate(&self) -> Result<()> {
        require_list("dates", &self.dates)?;
        check_dates("dates", &self.dates)
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .list("dates", &self.dates)
            .list("areas", &self.areas)
            .list("categories", &self.categories)
            .opt("aggregateResults", self.aggregate_results)
            .opt("categoryLevel", self.category_level)
            .opt("intervalLevel", self.interval_level)
            .opt("timeSlotLevel", self.time_slot_level)
            .opt("returnStatuses", self.return_statuses)
            .done()
    }
}

/// Parameters of `GET /activityBookingOptions`.
#[derive(Debug, Clone, Default)]
pub struct BookingOptionsQuery {
    /// The dates (required).
    pub dates: Vec<String>,
    /// The activity type's label (required).
    pub activity_type: String,
    /// The capacity areas.
    pub areas: Vec<String>,
    /// The postal code.
    pub postal_code: Option<String>,
    /// The work zone key.
    pub work_zone: Option<String>,
    /// The duration, in minutes.
    pub duration: Option<u32>,
    /// Other activity fields, as OFSC names them.
    pub fields: Vec<(String, String)>,
}

impl Params for BookingOptionsQuery {
    fn validate(&self) -> Result<()> {
        require_list("dates", &self.dates)?;
        check_dates("dates", &self.dates)?;
        crate::params::require_id("activityType", &self.activity_type)
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = Pairs::default()
            .list("dates", &self.dates)
            .opt("activityType", Some(&self.activity_type))
            .list("areas", &self.areas)
            .opt("postalCode", self.postal_code.as_ref())
            .opt("workZone", self.work_zone.as_ref())
            .opt("duration", self.duration)
            .done();
        pairs.extend(self.fields.iter().cloned());
        pairs
    }
}

/// Parameters of `GET /bookingStatuses`.
#[derive(Debug, Clone, Default)]
pub struct BookingStatusesQuery {
    /// The date (required).
    pub date: String,
    /// The capacity areas.
    pub areas: Vec<String>,
}

impl Params for BookingStatusesQuery {
    fn validate(&self) -> Result<()> {
        check_date("dates", &self.date)
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .opt("dates", Some(&self.date))
            .list("areas", &self.areas)
            .done()
    }
}

/// The areas of a closing-schedule read.
struct Areas<'a>(&'a [String]);

impl Params for Areas<'_> {
    fn validate(&self) -> Result<()> {
        require_list("areas", self.0)
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default().list("areas", self.0).done()
    }
}

impl<M: Mode> CapacityApi<M> {
    /// `GET /capacity`: available capacity per date and area.
    pub fn get(&self, query: &CapacityQuery) -> Call<M, CapacityList> {
        self.client.call(&GET_CAPACITY).params(query)
    }

    /// `GET /quota` (v1).
    pub fn quota(&self, query: &QuotaQuery) -> Call<M, QuotaList> {
        self.client.call(&GET_QUOTA).params(query)
    }

    /// `PATCH /quota` (v1): changes quota.
    pub fn update_quota(&self, body: &impl Serialize) -> Call<M, PatchResult> {
        self.client.call(&PATCH_QUOTA).body(body)
    }

    /// `GET /v2/quota`.
    pub fn quota_v2(&self, query: &QuotaV2Query) -> Call<M, QuotaV2List> {
        self.client.call(&GET_QUOTA_V2).params(query)
    }

    /// `PATCH /v2/quota`: changes quota.
    pub fn update_quota_v2(&self, body: &impl Serialize) -> Call<M, QuotaV2PatchResult> {
        self.client.call(&PATCH_QUOTA_V2).body(body)
    }

    /// `GET /activityBookingOptions`: where and when an activity can be booked.
    pub fn booking_options(&self, query: &BookingOptionsQuery) -> Call<M, BookingOptions> {
        self.client.call(&GET_BOOKING_OPTIONS).params(query)
    }

    /// `GET /bookingClosingSchedule` of `areas` (required).
    pub fn booking_closing_schedule(
        &self,
        areas: &[String],
    ) -> Call<M, BookingClosingScheduleList> {
        self.client
            .call(&GET_BOOKING_CLOSING_SCHEDULE)
            .params(&Areas(areas))
    }

    /// `PATCH /bookingClosingSchedule`.
    pub fn update_booking_closing_schedule(&self, body: &impl Serialize) -> Call<M, PatchResult> {
        self.client.call(&PATCH_BOOKING_CLOSING_SCHEDULE).body(body)
    }

    /// `GET /bookingStatuses`.
    pub fn booking_statuses(&self, query: &BookingStatusesQuery) -> Call<M, BookingStatusList> {
        self.client.call(&GET_BOOKING_STATUSES).params(query)
    }

    /// `PATCH /bookingStatuses`: opens or closes booking.
    pub fn update_booking_statuses(&self, body: &impl Serialize) -> Call<M, PatchResult> {
        self.client.call(&PATCH_BOOKING_STATUSES).body(body)
    }

    /// `POST /showBookingGrid`: the booking grid for an activity (a read; safe to replay).
    pub fn booking_grid(&self, body: &impl Serialize) -> Call<M, BookingGrid> {
        self.client.call(&SHOW_BOOKING_GRID).body(body).replayable()
    }

    /// `GET /bookingFieldsDependencies`: the activity fields booking depends on.
    pub fn booking_fields_dependencies(&self, areas: &[String]) -> Call<M, Value> {
        let call = self.client.call(&GET_BOOKING_FIELDS_DEPENDENCIES);
        if areas.is_empty() {
            call
        } else {
            call.query("areas", areas.join(","))
        }
    }
}
