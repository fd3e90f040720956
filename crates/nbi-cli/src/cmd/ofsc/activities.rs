//! `nbi ofsc activities …`

use clap::Subcommand;
use nbi_ofsc::blocking::Client;
use nbi_ofsc::{ActivityAction, ActivitySearch};
use serde_json::Value;

use super::{Paging, data, deleted, json, pages};

/// Activity verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Activities of resources over dates (every page).
    Search {
        /// Resources, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        resources: Vec<String>,
        /// none | immediate | all.
        #[arg(long)]
        include_children: Option<String>,
        /// The first route date.
        #[arg(long)]
        date_from: Option<String>,
        /// The last route date.
        #[arg(long)]
        date_to: Option<String>,
        /// A filter expression.
        #[arg(long)]
        q: Option<String>,
        /// Fields to answer, comma-separated.
        #[arg(long, value_delimiter = ',')]
        fields: Vec<String>,
        /// Non-scheduled activities too (true|false).
        #[arg(long)]
        include_non_scheduled: Option<bool>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One activity.
    Get {
        /// The activity id.
        id: String,
    },
    /// Creates an activity (--data JSON).
    Create {
        /// The activity, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Changes an activity's fields (--data JSON).
    Update {
        /// The activity id.
        id: String,
        /// The changes, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Deletes an activity.
    Delete {
        /// The activity id.
        id: String,
    },
    /// A custom action: start, complete, cancel, move, suspend, delay, enroute, stop-travel,
    /// start-prework, reopen, not-done.
    Action {
        /// The activity id.
        id: String,
        /// The action.
        action: String,
        /// The action's body, as JSON (a move's target, a time …).
        #[arg(long)]
        data: Option<String>,
    },
    /// One property's value.
    Property {
        /// The activity id.
        id: String,
        /// The property label.
        label: String,
    },
    /// Activities whose field equals a value (e.g. apptNumber).
    Find {
        /// The field.
        #[arg(long)]
        field: String,
        /// The value.
        #[arg(long)]
        value: String,
    },
    /// Multi-day segments.
    MultidaySegments {
        /// The activity id.
        id: String,
    },
    /// Linked activities.
    LinkedActivities {
        /// The activity id.
        id: String,
    },
    /// Resource preferences.
    ResourcePreferences {
        /// The activity id.
        id: String,
    },
    /// Required inventories.
    RequiredInventories {
        /// The activity id.
        id: String,
    },
    /// Capacity categories.
    CapacityCategories {
        /// The activity id.
        id: String,
    },
}

pub(super) fn run(client: &Client, verb: Verb) -> anyhow::Result<Value> {
    let activities = client.activities();
    match verb {
        Verb::Search {
            resources,
            include_children,
            date_from,
            date_to,
            q,
            fields,
            include_non_scheduled,
            paging,
        } => {
            let search = ActivitySearch {
                resources,
                include_children,
                date_from,
                date_to,
                q,
                fields,
                include_non_scheduled,
            };
            pages(activities.search(&search), paging)
        }
        Verb::Get { id } => json(activities.get(id).send()?),
        Verb::Create { data: text } => json(activities.create(&data(&text)?).send()?),
        Verb::Update { id, data: text } => json(activities.update(id, &data(&text)?).send()?),
        Verb::Delete { id } => {
            activities.delete(&id).send()?;
            Ok(deleted(id))
        }
        Verb::Action {
            id,
            action,
            data: text,
        } => {
            let action: ActivityAction = action.parse()?;
            let body = text.as_deref().map(data).transpose()?;
            json(activities.action(id, action, body.as_ref()).send()?)
        }
        Verb::Property { id, label } => json(activities.property(id, &label).send()?),
        Verb::Find { field, value } => json(activities.find_by(&field, &value).send()?),
        Verb::MultidaySegments { id } => json(activities.multiday_segments(id).send()?),
        Verb::LinkedActivities { id } => json(activities.linked_activities(id).send()?),
        Verb::ResourcePreferences { id } => json(activities.resource_preferences(id).send()?),
        Verb::RequiredInventories { id } => json(activities.required_inventories(id).send()?),
        Verb::CapacityCategories { id } => json(activities.capacity_categories(id).send()?),
    }
}
