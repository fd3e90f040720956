//! Metadata API models.

use serde_json::Value;

use super::{Translation, model};

model! {
    /// An activity type.
    ActivityType {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// The activity type group's label.
        group_label: String,
        /// The default duration, in minutes.
        default_duration: i64,
        /// The features switched on.
        features: Value,
        /// The colors.
        colors: Value,
        /// The time slots.
        time_slots: Vec<Value>,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}

model! {
    /// An activity type group.
    ActivityTypeGroup {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// The activity types in it.
        activity_types: Vec<Value>,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}

model! {
    /// A property (a custom field of activities, resources, users, inventories …).
    Property {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// `field`, `string`, `enum`, `file`, … as sent.
        #[serde(rename = "type")]
        kind: String,
        /// What it belongs to (`activity`, `resource`, `user`, `inventory`, `request`).
        entity: String,
        /// How it is shown (`text`, `combobox`, `checkbox`, …).
        gui: String,
        /// A hint.
        hint: String,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}

model! {
    /// A work skill.
    WorkSkill {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// `maximal`, `minimal`, `summary`, `no sharing`, as sent.
        sharing: String,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}

model! {
    /// A work skill group.
    WorkSkillGroup {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// Whether it is assigned to resources.
        assign_to_resource: bool,
        /// Whether it is added to capacity categories.
        add_to_capacity_category: bool,
        /// The work skills in it.
        work_skills: Vec<Value>,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}

model! {
    /// A work skill condition: when an activity needs a work skill.
    WorkSkillCondition {
        /// OFSC's id.
        internal_id: i64,
        /// The work skill's label.
        label: String,
        /// The level required.
        required_level: i64,
        /// The level preferred.
        preferable_level: i64,
        /// The conditions.
        conditions: Vec<Value>,
        /// The dependencies.
        dependencies: Vec<Value>,
    }
}

model! {
    /// A work zone.
    WorkZone {
        /// The label.
        work_zone_label: String,
        /// The name.
        work_zone_name: String,
        /// `active` or `inactive`, as sent.
        status: String,
        /// The travel area.
        travel_area: String,
        /// The keys (postal codes …) matched to it.
        keys: Vec<String>,
        /// Its shapes.
        shapes: Vec<String>,
        /// The organization.
        organization: String,
    }
}

model! {
    /// A capacity area.
    CapacityArea {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// `area` or `group`, as sent.
        #[serde(rename = "type")]
        kind: String,
        /// `active` or `inactive`, as sent.
        status: String,
        /// The parent area.
        parent: Value,
    }
}

model! {
    /// A capacity category.
    CapacityCategory {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// The work skills it covers.
        work_skills: Vec<Value>,
        /// The work skill groups it covers.
        work_skill_groups: Vec<Value>,
        /// The time slots.
        time_slots: Vec<Value>,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}

model! {
    /// An inventory type.
    InventoryType {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// Whether items are counted, not serial-numbered.
        non_serialized: bool,
        /// The unit of measurement.
        unit_of_measurement: String,
        /// The property holding the model.
        model_property: String,
        /// The name in each language.
        translations: Vec<Value>,
    }
}

model! {
    /// A time slot.
    TimeSlot {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// Whether it spans the whole day.
        is_all_day: bool,
        /// Its start.
        time_start: String,
        /// Its end.
        time_end: String,
    }
}

model! {
    /// A resource type.
    ResourceType {
        /// The label.
        label: String,
        /// The name.
        name: String,
        /// Whether it is in use.
        active: bool,
        /// `field_resource`, `bucket`, `organization_unit`, … as sent.
        role: String,
        /// The name in each language.
        translations: Vec<Translation>,
    }
}
