//! `nbi ofsc <collection> <verb>` for the Metadata collections: `list`, `get LABEL`,
//! `put LABEL --data JSON`, `update LABEL --data JSON`, `delete LABEL`, and each
//! collection's own (`work-zones create|replace-all|update-all|key`, `properties
//! enumeration|put-enumeration`, `capacity-areas categories|work-zones|…`). A verb a
//! collection does not have is a usage error.

use clap::Subcommand;
use nbi_ofsc::blocking::Client;
use serde_json::Value;

use super::{Paging, data, deleted, json, pages};
use crate::exit::UsageError;

/// The Metadata collections.
#[derive(Debug, Subcommand)]
pub(crate) enum Collection {
    /// Activity types: list, get, put.
    #[command(subcommand)]
    ActivityTypes(LabelVerb),
    /// Activity type groups: list, get, put.
    #[command(subcommand)]
    ActivityTypeGroups(LabelVerb),
    /// Properties: list, get, put, update, enumeration, put-enumeration.
    #[command(subcommand)]
    Properties(LabelVerb),
    /// Work skills: list, get, put, delete.
    #[command(subcommand)]
    WorkSkills(LabelVerb),
    /// Work skill groups: list, get, put, delete.
    #[command(subcommand)]
    WorkSkillGroups(LabelVerb),
    /// Work skill conditions: list, replace-all.
    #[command(subcommand)]
    WorkSkillConditions(LabelVerb),
    /// Work zones: list, get, create, put (replace), replace-all, update-all, key.
    #[command(subcommand)]
    WorkZones(LabelVerb),
    /// Capacity areas: list, get, categories, work-zones, time-slots, time-intervals,
    /// organizations, children.
    #[command(subcommand)]
    CapacityAreas(LabelVerb),
    /// Capacity categories: list, get, put, delete.
    #[command(subcommand)]
    CapacityCategories(LabelVerb),
    /// Inventory types: list, get, put.
    #[command(subcommand)]
    InventoryTypes(LabelVerb),
    /// Time slots: list.
    #[command(subcommand)]
    TimeSlots(LabelVerb),
    /// Resource types: list.
    #[command(subcommand)]
    ResourceTypes(LabelVerb),
    /// Languages: list.
    #[command(subcommand)]
    Languages(LabelVerb),
    /// Non-working reasons: list.
    #[command(subcommand)]
    NonWorkingReasons(LabelVerb),
    /// Organizations: list, get.
    #[command(subcommand)]
    Organizations(LabelVerb),
    /// Shifts: list, get, put, delete.
    #[command(subcommand)]
    Shifts(LabelVerb),
}

/// What can be done to a collection.
#[derive(Debug, Subcommand)]
pub(crate) enum LabelVerb {
    /// Every object.
    List {
        #[command(flatten)]
        paging: Paging,
    },
    /// One object.
    Get {
        /// The label.
        label: String,
    },
    /// Creates or replaces an object (--data JSON).
    Put {
        /// The label.
        label: String,
        /// The object, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Changes an object's fields (--data JSON).
    Update {
        /// The label.
        label: String,
        /// The changes, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Deletes an object.
    Delete {
        /// The label.
        label: String,
    },
    /// Creates an object (--data JSON with its label).
    Create {
        /// The object, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Replaces the whole collection (--data '{"items":[…]}').
    ReplaceAll {
        /// The objects, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Changes objects in bulk (--data '{"items":[…]}').
    UpdateAll {
        /// The changes, as JSON.
        #[arg(long)]
        data: String,
    },
    /// The work zone key.
    Key,
    /// A property's enumeration.
    Enumeration {
        /// The label.
        label: String,
    },
    /// Replaces a property's enumeration (--data '{"items":[…]}').
    PutEnumeration {
        /// The label.
        label: String,
        /// The enumeration, as JSON.
        #[arg(long)]
        data: String,
    },
    /// A capacity area's categories.
    Categories {
        /// The label.
        label: String,
    },
    /// A capacity area's work zones.
    WorkZones {
        /// The label.
        label: String,
    },
    /// A capacity area's time slots.
    TimeSlots {
        /// The label.
        label: String,
    },
    /// A capacity area's time intervals.
    TimeIntervals {
        /// The label.
        label: String,
    },
    /// A capacity area's organizations.
    Organizations {
        /// The label.
        label: String,
    },
    /// A capacity area's children.
    Children {
        /// The label.
        label: String,
    },
}

fn unsupported(collection: &str, verb: &LabelVerb) -> anyhow::Error {
    let name = format!("{verb:?}");
    let name = name
        .split([' ', '{'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    UsageError(format!("{collection} has no verb {name:?}")).into()
}

pub(super) fn run(client: &Client, collection: Collection) -> anyhow::Result<Value> {
    use LabelVerb as V;
    let m = client.metadata();
    macro_rules! del {
        ($call:expr, $label:expr) => {{
            $call.send()?;
            Ok(deleted($label))
        }};
    }
    match collection {
        Collection::ActivityTypes(verb) => match verb {
            V::List { paging } => pages(m.activity_types(), paging),
            V::Get { label } => json(m.activity_type(&label).send()?),
            V::Put { label, data: d } => json(m.put_activity_type(&label, &data(&d)?).send()?),
            other => Err(unsupported("activity-types", &other)),
        },
        Collection::ActivityTypeGroups(verb) => match verb {
            V::List { paging } => pages(m.activity_type_groups(), paging),
            V::Get { label } => json(m.activity_type_group(&label).send()?),
            V::Put { label, data: d } => {
                json(m.put_activity_type_group(&label, &data(&d)?).send()?)
            }
            other => Err(unsupported("activity-type-groups", &other)),
        },
        Collection::Properties(verb) => match verb {
            V::List { paging } => pages(m.properties(), paging),
            V::Get { label } => json(m.property(&label).send()?),
            V::Put { label, data: d } => json(m.put_property(&label, &data(&d)?).send()?),
            V::Update { label, data: d } => json(m.update_property(&label, &data(&d)?).send()?),
            V::Enumeration { label } => json(m.property_enumeration(&label).send()?),
            V::PutEnumeration { label, data: d } => {
                json(m.put_property_enumeration(&label, &data(&d)?).send()?)
            }
            other => Err(unsupported("properties", &other)),
        },
        Collection::WorkSkills(verb) => match verb {
            V::List { paging } => pages(m.work_skills(), paging),
            V::Get { label } => json(m.work_skill(&label).send()?),
            V::Put { label, data: d } => json(m.put_work_skill(&label, &data(&d)?).send()?),
            V::Delete { label } => del!(m.delete_work_skill(&label), label),
            other => Err(unsupported("work-skills", &other)),
        },
        Collection::WorkSkillGroups(verb) => match verb {
            V::List { paging } => pages(m.work_skill_groups(), paging),
            V::Get { label } => json(m.work_skill_group(&label).send()?),
            V::Put { label, data: d } => json(m.put_work_skill_group(&label, &data(&d)?).send()?),
            V::Delete { label } => del!(m.delete_work_skill_group(&label), label),
            other => Err(unsupported("work-skill-groups", &other)),
        },
        Collection::WorkSkillConditions(verb) => match verb {
            V::List { .. } => json(m.work_skill_conditions().send()?),
            V::ReplaceAll { data: d } => json(m.put_work_skill_conditions(&data(&d)?).send()?),
            other => Err(unsupported("work-skill-conditions", &other)),
        },
        Collection::WorkZones(verb) => match verb {
            V::List { paging } => pages(m.work_zones(), paging),
            V::Get { label } => json(m.work_zone(&label).send()?),
            V::Create { data: d } => json(m.create_work_zone(&data(&d)?).send()?),
            V::Put { label, data: d } => json(m.replace_work_zone(&label, &data(&d)?).send()?),
            V::ReplaceAll { data: d } => json(m.replace_work_zones(&data(&d)?).send()?),
            V::UpdateAll { data: d } => json(m.update_work_zones(&data(&d)?).send()?),
            V::Key => json(m.work_zone_key().send()?),
            other => Err(unsupported("work-zones", &other)),
        },
        Collection::CapacityAreas(verb) => match verb {
            V::List { .. } => json(m.capacity_areas().send()?),
            V::Get { label } => json(m.capacity_area(&label).send()?),
            V::Categories { label } => json(m.capacity_area_categories(&label).send()?),
            V::WorkZones { label } => json(m.capacity_area_work_zones(&label).send()?),
            V::TimeSlots { label } => json(m.capacity_area_time_slots(&label).send()?),
            V::TimeIntervals { label } => json(m.capacity_area_time_intervals(&label).send()?),
            V::Organizations { label } => json(m.capacity_area_organizations(&label).send()?),
            V::Children { label } => json(m.capacity_area_children(&label).send()?),
            other => Err(unsupported("capacity-areas", &other)),
        },
        Collection::CapacityCategories(verb) => match verb {
            V::List { paging } => pages(m.capacity_categories(), paging),
            V::Get { label } => json(m.capacity_category(&label).send()?),
            V::Put { label, data: d } => json(m.put_capacity_category(&label, &data(&d)?).send()?),
            V::Delete { label } => del!(m.delete_capacity_category(&label), label),
            other => Err(unsupported("capacity-categories", &other)),
        },
        Collection::InventoryTypes(verb) => match verb {
            V::List { paging } => pages(m.inventory_types(), paging),
            V::Get { label } => json(m.inventory_type(&label).send()?),
            V::Put { label, data: d } => json(m.put_inventory_type(&label, &data(&d)?).send()?),
            other => Err(unsupported("inventory-types", &other)),
        },
        Collection::TimeSlots(V::List { paging }) => pages(m.time_slots(), paging),
        Collection::TimeSlots(other) => Err(unsupported("time-slots", &other)),
        Collection::ResourceTypes(V::List { paging }) => pages(m.resource_types(), paging),
        Collection::ResourceTypes(other) => Err(unsupported("resource-types", &other)),
        Collection::Languages(V::List { paging }) => pages(m.languages(), paging),
        Collection::Languages(other) => Err(unsupported("languages", &other)),
        Collection::NonWorkingReasons(V::List { paging }) => pages(m.non_working_reasons(), paging),
        Collection::NonWorkingReasons(other) => Err(unsupported("non-working-reasons", &other)),
        Collection::Organizations(verb) => match verb {
            V::List { .. } => json(m.organizations().send()?),
            V::Get { label } => json(m.organization(&label).send()?),
            other => Err(unsupported("organizations", &other)),
        },
        Collection::Shifts(verb) => match verb {
            V::List { paging } => pages(m.shifts(), paging),
            V::Get { label } => json(m.shift(&label).send()?),
            V::Put { label, data: d } => json(m.put_shift(&label, &data(&d)?).send()?),
            V::Delete { label } => del!(m.delete_shift(&label), label),
            other => Err(unsupported("shifts", &other)),
        },
    }
}
