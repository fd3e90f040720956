//! `nbi ofsc capacity …`

use clap::Subcommand;
use nbi_ofsc::blocking::Client;
use nbi_ofsc::{
    BookingOptionsQuery, BookingStatusesQuery, CapacityQuery, QuotaQuery, QuotaV2Query,
};
use serde_json::Value;

use super::{data, json};

/// Capacity verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Available capacity per date and area.
    Get {
        /// Dates, comma-separated (YYYY-MM-DD).
        #[arg(long, value_delimiter = ',', required = true)]
        dates: Vec<String>,
        /// Capacity areas, comma-separated.
        #[arg(long, value_delimiter = ',')]
        areas: Vec<String>,
        /// Capacity categories, comma-separated.
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
        /// Sum the areas up (true|false).
        #[arg(long)]
        aggregate_results: Option<bool>,
        /// all | timeSlots.
        #[arg(long)]
        available_time_intervals: Option<String>,
        /// Fields to answer, comma-separated.
        #[arg(long, value_delimiter = ',')]
        fields: Vec<String>,
    },
    /// Quota per date and area (v1; `--v2` for the v2 API).
    Quota {
        /// Dates, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        dates: Vec<String>,
        /// Capacity areas, comma-separated.
        #[arg(long, value_delimiter = ',')]
        areas: Vec<String>,
        /// Capacity categories, comma-separated.
        #[arg(long, value_delimiter = ',')]
        categories: Vec<String>,
        /// Sum the areas up.
        #[arg(long)]
        aggregate_results: Option<bool>,
        /// Use /v2/quota.
        #[arg(long)]
        v2: bool,
    },
    /// Changes quota: --data '{"items":[{"date":…,"areas":[{"label":…,"quota":…}]}]}'.
    UpdateQuota {
        /// The change, as JSON.
        #[arg(long)]
        data: String,
        /// Use /v2/quota.
        #[arg(long)]
        v2: bool,
    },
    /// Where and when an activity can be booked.
    BookingOptions {
        /// Dates, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        dates: Vec<String>,
        /// The activity type.
        #[arg(long)]
        activity_type: String,
        /// Capacity areas, comma-separated.
        #[arg(long, value_delimiter = ',')]
        areas: Vec<String>,
        /// The postal code.
        #[arg(long)]
        postal_code: Option<String>,
        /// The duration in minutes.
        #[arg(long)]
        duration: Option<u32>,
    },
    /// The booking closing schedule of areas.
    ClosingSchedule {
        /// Capacity areas, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        areas: Vec<String>,
    },
    /// Changes the booking closing schedule (--data JSON).
    UpdateClosingSchedule {
        /// The change, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Booking statuses on a date.
    BookingStatuses {
        /// The date.
        #[arg(long)]
        dates: String,
        /// Capacity areas, comma-separated.
        #[arg(long, value_delimiter = ',')]
        areas: Vec<String>,
    },
    /// Opens or closes booking (--data JSON).
    UpdateBookingStatuses {
        /// The change, as JSON.
        #[arg(long)]
        data: String,
    },
    /// The booking grid for an activity (--data JSON).
    BookingGrid {
        /// The request, as JSON.
        #[arg(long)]
        data: String,
    },
    /// The activity fields booking depends on.
    BookingFieldsDependencies {
        /// Capacity areas, comma-separated.
        #[arg(long, value_delimiter = ',')]
        areas: Vec<String>,
    },
}

pub(super) fn run(client: &Client, verb: Verb) -> anyhow::Result<Value> {
    let capacity = client.capacity();
    match verb {
        Verb::Get {
            dates,
            areas,
            categories,
            aggregate_results,
            available_time_intervals,
            fields,
        } => {
            let query = CapacityQuery {
                dates,
                areas,
                categories,
                aggregate_results,
                available_time_intervals,
                fields,
                ..CapacityQuery::default()
            };
            json(capacity.get(&query).send()?)
        }
        Verb::Quota {
            dates,
            areas,
            categories,
            aggregate_results,
            v2: false,
        } => {
            let query = QuotaQuery {
                dates,
                areas,
                categories,
                aggregate_results,
                ..QuotaQuery::default()
            };
            json(capacity.quota(&query).send()?)
        }
        Verb::Quota {
            dates,
            areas,
            categories,
            aggregate_results,
            v2: true,
        } => {
            let query = QuotaV2Query {
                dates,
                areas,
                categories,
                aggregate_results,
                ..QuotaV2Query::default()
            };
            json(capacity.quota_v2(&query).send()?)
        }
        Verb::UpdateQuota {
            data: text,
            v2: false,
        } => json(capacity.update_quota(&data(&text)?).send()?),
        Verb::UpdateQuota {
            data: text,
            v2: true,
        } => json(capacity.update_quota_v2(&data(&text)?).send()?),
        Verb::BookingOptions {
            dates,
            activity_type,
            areas,
            postal_code,
            duration,
        } => {
            let query = BookingOptionsQuery {
                dates,
                activity_type,
                areas,
                postal_code,
                duration,
                ..BookingOptionsQuery::default()
            };
            json(capacity.booking_options(&query).send()?)
        }
        Verb::ClosingSchedule { areas } => json(capacity.booking_closing_schedule(&areas).send()?),
        Verb::UpdateClosingSchedule { data: text } => json(
            capacity
                .update_booking_closing_schedule(&data(&text)?)
                .send()?,
        ),
        Verb::BookingStatuses { dates, areas } => {
            let query = BookingStatusesQuery { date: dates, areas };
            json(capacity.booking_statuses(&query).send()?)
        }
        Verb::UpdateBookingStatuses { data: text } => {
            json(capacity.update_booking_statuses(&data(&text)?).send()?)
        }
        Verb::BookingGrid { data: text } => json(capacity.booking_grid(&data(&text)?).send()?),
        Verb::BookingFieldsDependencies { areas } => {
            json(capacity.booking_fields_dependencies(&areas).send()?)
        }
    }
}
