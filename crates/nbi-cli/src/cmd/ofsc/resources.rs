//! `nbi ofsc resources …`

use clap::Subcommand;
use nbi_ofsc::blocking::Client;
use nbi_ofsc::{ResourceQuery, WorkScheduleQuery};
use serde_json::Value;

use super::{Paging, data, data_as, deleted, json, pages};

/// Resource verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every resource.
    List {
        /// Fields to answer, comma-separated.
        #[arg(long, value_delimiter = ',')]
        fields: Vec<String>,
        /// Sub-objects to expand, comma-separated.
        #[arg(long, value_delimiter = ',')]
        expand: Vec<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One resource.
    Get {
        /// The resource id.
        id: String,
    },
    /// Creates or replaces a resource (--data JSON).
    Put {
        /// The resource id.
        id: String,
        /// The resource, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Changes a resource's fields (--data JSON).
    Update {
        /// The resource id.
        id: String,
        /// The changes, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Children of a resource.
    Children {
        /// The resource id.
        id: String,
        #[command(flatten)]
        paging: Paging,
    },
    /// All descendants of a resource.
    Descendants {
        /// The resource id.
        id: String,
        #[command(flatten)]
        paging: Paging,
    },
    /// The users of a resource.
    Users {
        /// The resource id.
        id: String,
    },
    /// Work skills of a resource.
    WorkSkills {
        /// The resource id.
        id: String,
    },
    /// Adds work skills (--data '[{"workSkill":…,"ratio":…}]').
    AddWorkSkills {
        /// The resource id.
        id: String,
        /// The work skills, as a JSON array.
        #[arg(long)]
        data: String,
    },
    /// Removes a work skill.
    DeleteWorkSkill {
        /// The resource id.
        id: String,
        /// The work skill label.
        work_skill: String,
    },
    /// Work zones of a resource.
    WorkZones {
        /// The resource id.
        id: String,
    },
    /// Assigns a work zone (--data JSON).
    AddWorkZone {
        /// The resource id.
        id: String,
        /// The work zone, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Removes a work zone assignment.
    DeleteWorkZone {
        /// The resource id.
        id: String,
        /// The work zone item id.
        item_id: String,
    },
    /// Work schedules of a resource.
    WorkSchedules {
        /// The resource id.
        id: String,
        /// The date the schedule is in force on.
        #[arg(long)]
        actual_date: Option<String>,
        /// From this date.
        #[arg(long)]
        date_from: Option<String>,
        /// Until this date.
        #[arg(long)]
        date_to: Option<String>,
    },
    /// Adds a work-schedule item (--data JSON).
    AddWorkSchedule {
        /// The resource id.
        id: String,
        /// The item, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Removes a work-schedule item.
    DeleteWorkSchedule {
        /// The resource id.
        id: String,
        /// The schedule item id.
        item_id: String,
    },
    /// Locations of a resource.
    Locations {
        /// The resource id.
        id: String,
    },
    /// One location.
    Location {
        /// The resource id.
        id: String,
        /// The location id.
        location_id: String,
    },
    /// Creates a location (--data JSON).
    CreateLocation {
        /// The resource id.
        id: String,
        /// The location, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Changes a location (--data JSON).
    UpdateLocation {
        /// The resource id.
        id: String,
        /// The location id.
        location_id: String,
        /// The changes, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Deletes a location.
    DeleteLocation {
        /// The resource id.
        id: String,
        /// The location id.
        location_id: String,
    },
}

pub(super) fn run(client: &Client, verb: Verb) -> anyhow::Result<Value> {
    let r = client.resources();
    match verb {
        Verb::List {
            fields,
            expand,
            paging,
        } => pages(
            r.list(&ResourceQuery {
                fields,
                expand,
                q: None,
            }),
            paging,
        ),
        Verb::Get { id } => json(r.get(&id).send()?),
        Verb::Put { id, data: text } => json(r.put(&id, &data(&text)?).send()?),
        Verb::Update { id, data: text } => json(r.update(&id, &data(&text)?).send()?),
        Verb::Children { id, paging } => pages(r.children(&id), paging),
        Verb::Descendants { id, paging } => pages(r.descendants(&id), paging),
        Verb::Users { id } => json(r.users(&id).send()?),
        Verb::WorkSkills { id } => json(r.work_skills(&id).send()?),
        Verb::AddWorkSkills { id, data: text } => {
            json(r.add_work_skills(&id, &data_as::<Vec<_>>(&text)?).send()?)
        }
        Verb::DeleteWorkSkill { id, work_skill } => {
            r.delete_work_skill(&id, &work_skill).send()?;
            Ok(deleted(work_skill))
        }
        Verb::WorkZones { id } => json(r.work_zones(&id).send()?),
        Verb::AddWorkZone { id, data: text } => {
            json(r.add_work_zone(&id, &data_as(&text)?).send()?)
        }
        Verb::DeleteWorkZone { id, item_id } => {
            r.delete_work_zone(&id, &item_id).send()?;
            Ok(deleted(item_id))
        }
        Verb::WorkSchedules {
            id,
            actual_date,
            date_from,
            date_to,
        } => {
            let query = WorkScheduleQuery {
                actual_date,
                date_from,
                date_to,
            };
            json(r.work_schedules(&id, &query).send()?)
        }
        Verb::AddWorkSchedule { id, data: text } => {
            json(r.add_work_schedule(&id, &data_as(&text)?).send()?)
        }
        Verb::DeleteWorkSchedule { id, item_id } => {
            r.delete_work_schedule(&id, &item_id).send()?;
            Ok(deleted(item_id))
        }
        Verb::Locations { id } => json(r.locations(&id).send()?),
        Verb::Location { id, location_id } => json(r.location(&id, &location_id).send()?),
        Verb::CreateLocation { id, data: text } => {
            json(r.create_location(&id, &data_as(&text)?).send()?)
        }
        Verb::UpdateLocation {
            id,
            location_id,
            data: text,
        } => json(r.update_location(&id, &location_id, &data(&text)?).send()?),
        Verb::DeleteLocation { id, location_id } => {
            r.delete_location(&id, &location_id).send()?;
            Ok(deleted(location_id))
        }
    }
}
