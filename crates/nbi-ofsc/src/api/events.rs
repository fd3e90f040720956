//! [`EventsApi`]: event subscriptions and event polling.
//!
//! OFSC delivers events by polling: create a subscription, read `GET /events` from its
//! `nextPage`, and keep reading from each answer's `nextPage`.

use nbi_core::{Mode, Result};
use serde::Serialize;
use serde_json::Value;

use super::area;
use crate::call::Call;
use crate::endpoint::*;
use crate::models::{EventPage, ItemList, Subscription};
use crate::params::{Pairs, Params, check_limit, require_id};

area! {
    /// Events (`/rest/ofscCore/v1/events`).
    EventsApi
}

/// Parameters of an event read.
#[derive(Debug, Clone, Default)]
pub struct EventsQuery {
    /// The subscription (required).
    pub subscription_id: String,
    /// The page to read (a subscription's or the previous answer's `nextPage`).
    pub page: Option<String>,
    /// Instead of `page`: events since this time (`YYYY-MM-DD HH:MM:SS`, UTC).
    pub since: Option<String>,
    /// At most this many events (1–1000).
    pub limit: Option<u32>,
}

impl Params for EventsQuery {
    fn validate(&self) -> Result<()> {
        require_id("subscriptionId", &self.subscription_id)?;
        self.limit.map_or(Ok(()), |l| check_limit(l, 1000))
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .opt("subscriptionId", Some(&self.subscription_id))
            .opt("page", self.page.as_ref())
            .opt("since", self.since.as_ref())
            .opt("limit", self.limit)
            .done()
    }
}

const ID: &str = "subscriptionId";

impl<M: Mode> EventsApi<M> {
    /// `GET /events/subscriptions`.
    pub fn subscriptions(&self) -> Call<M, ItemList<Subscription>> {
        self.client.call(&LIST_SUBSCRIPTIONS)
    }

    /// `POST /events/subscriptions`: `{"events": [...], "subscriptionTitle": …, "fields": [...]}`;
    /// answers the subscription id and its first page.
    pub fn subscribe(&self, subscription: &impl Serialize) -> Call<M, Subscription> {
        self.client.call(&CREATE_SUBSCRIPTION).body(subscription)
    }

    /// `GET /events/subscriptions/{subscriptionId}`.
    pub fn subscription(&self, subscription_id: &str) -> Call<M, Subscription> {
        self.client.call(&GET_SUBSCRIPTION).id(ID, subscription_id)
    }

    /// `DELETE /events/subscriptions/{subscriptionId}`.
    pub fn unsubscribe(&self, subscription_id: &str) -> Call<M, ()> {
        self.client
            .call::<Value>(&DELETE_SUBSCRIPTION)
            .id(ID, subscription_id)
            .empty()
    }

    /// `GET /events`: one page of events.
    pub fn poll(&self, query: &EventsQuery) -> Call<M, EventPage> {
        self.client.call(&GET_EVENTS).params(query)
    }
}
