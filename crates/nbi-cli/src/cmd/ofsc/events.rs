//! `nbi ofsc events …`

use clap::Subcommand;
use nbi_ofsc::EventsQuery;
use nbi_ofsc::blocking::Client;
use serde_json::Value;

use super::{data, deleted, json};

/// Event verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every subscription.
    Subscriptions,
    /// Subscribes (--data '{"events":["activityCreated"],"subscriptionTitle":"nbi"}').
    Subscribe {
        /// The subscription, as JSON.
        #[arg(long)]
        data: String,
    },
    /// One subscription.
    Subscription {
        /// The subscription id.
        id: String,
    },
    /// Deletes a subscription.
    Unsubscribe {
        /// The subscription id.
        id: String,
    },
    /// One page of events.
    Poll {
        /// The subscription id.
        #[arg(long)]
        subscription_id: String,
        /// The page (a subscription's or the last answer's nextPage).
        #[arg(long)]
        page: Option<String>,
        /// Events since this time instead of a page.
        #[arg(long)]
        since: Option<String>,
        /// At most this many events.
        #[arg(long)]
        limit: Option<u32>,
    },
}

pub(super) fn run(client: &Client, verb: Verb) -> anyhow::Result<Value> {
    let events = client.events();
    match verb {
        Verb::Subscriptions => json(events.subscriptions().send()?),
        Verb::Subscribe { data: text } => json(events.subscribe(&data(&text)?).send()?),
        Verb::Subscription { id } => json(events.subscription(&id).send()?),
        Verb::Unsubscribe { id } => {
            events.unsubscribe(&id).send()?;
            Ok(deleted(id))
        }
        Verb::Poll {
            subscription_id,
            page,
            since,
            limit,
        } => {
            let query = EventsQuery {
                subscription_id,
                page,
                since,
                limit,
            };
            json(events.poll(&query).send()?)
        }
    }
}
