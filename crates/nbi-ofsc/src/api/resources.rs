//! [`ResourcesApi`]: resources, their children, work skills, work zones, work schedules and
//! locations.

use std::fmt;

use nbi_core::{Mode, Result};
use serde::Serialize;
use serde_json::Value;

use super::area;
use crate::call::Call;
use crate::endpoint::*;
use crate::models::{
    ItemList, Resource, ResourceLocation, ResourceWorkSkill, ResourceWorkZone, WorkScheduleItem,
};
use crate::paging::List;
use crate::params::{Pairs, Params, check_date, check_date_order};

area! {
    /// Resources (`/rest/ofscCore/v1/resources`).
    ResourcesApi
}

/// Parameters of a resource listing.
#[derive(Debug, Clone, Default)]
pub struct ResourceQuery {
    /// The fields to answer.
    pub fields: Vec<String>,
    /// Sub-objects to expand (`workSkills`, `workZones`, `inventories`).
    pub expand: Vec<String>,
    /// A filter expression.
    pub q: Option<String>,
}

impl Params for ResourceQuery {
    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .list("fields", &self.fields)
            .list("expand", &self.expand)
            .opt("q", self.q.as_ref())
            .done()
    }
}

/// Parameters of a work-schedule read.
#[derive(Debug, Clone, Default)]
pub struct WorkScheduleQuery {
    /// The date the schedule is in force on.
    pub actual_date: Option<String>,
    /// With `date_to`: items in force from this date.
    pub date_from: Option<String>,
    /// With `date_from`: items in force until this date.
    pub date_to: Option<String>,
}

impl Params for WorkScheduleQuery {
    fn validate(&self) -> Result<()> {
        if let Some(date) = &self.actual_date {
            check_date("actualDate", date)?;
        }
        match (&self.date_from, &self.date_to) {
            (Some(from), Some(to)) => check_date_order("dateFrom", from, "dateTo", to),
            (Some(from), None) => check_date("dateFrom", from),
            (None, Some(to)) => check_date("dateTo", to),
            (None, None) => Ok(()),
        }
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .opt("actualDate", self.actual_date.as_ref())
            .opt("dateFrom", self.date_from.as_ref())
            .opt("dateTo", self.date_to.as_ref())
            .done()
    }
}

const ID: &str = "resourceId";

impl<M: Mode> ResourcesApi<M> {
    /// `GET /resources`: every resource, page by page.
    pub fn list(&self, query: &ResourceQuery) -> List<M, Resource> {
        List::new(self.client.clone(), &LIST_RESOURCES).params(query)
    }

    /// `GET /resources/{resourceId}`.
    pub fn get(&self, resource_id: &str) -> Call<M, Resource> {
        self.one(&GET_RESOURCE, resource_id)
    }

    /// `PUT /resources/{resourceId}`: creates or replaces a resource.
    pub fn put(&self, resource_id: &str, resource: &impl Serialize) -> Call<M, Resource> {
        self.one(&PUT_RESOURCE, resource_id).body(resource)
    }

    /// `PATCH /resources/{resourceId}`: changes the given fields.
    pub fn update(&self, resource_id: &str, changes: &impl Serialize) -> Call<M, Resource> {
        self.one(&UPDATE_RESOURCE, resource_id).body(changes)
    }

    /// `GET /resources/{resourceId}/children`, page by page.
    pub fn children(&self, resource_id: &str) -> List<M, Resource> {
        List::new(self.client.clone(), &LIST_RESOURCE_CHILDREN).id(ID, resource_id)
    }

    /// `GET /resources/{resourceId}/descendants`, page by page.
    pub fn descendants(&self, resource_id: &str) -> List<M, Resource> {
        List::new(self.client.clone(), &LIST_RESOURCE_DESCENDANTS).id(ID, resource_id)
    }

    /// `GET /resources/{resourceId}/users`: the logins of the resource.
    pub fn users(&self, resource_id: &str) -> Call<M, ItemList<Value>> {
        self.one(&LIST_RESOURCE_USERS, resource_id)
    }

    /// `GET /resources/{resourceId}/workSkills`.
    pub fn work_skills(&self, resource_id: &str) -> Call<M, ItemList<ResourceWorkSkill>> {
        self.one(&LIST_RESOURCE_WORK_SKILLS, resource_id)
    }

    /// `POST /resources/{resourceId}/workSkills`: adds or changes work skills.
    pub fn add_work_skills(
        &self,
        resource_id: &str,
        skills: &[ResourceWorkSkill],
    ) -> Call<M, ItemList<ResourceWorkSkill>> {
        self.one(&ADD_RESOURCE_WORK_SKILLS, resource_id)
            .body(skills)
    }

    /// `DELETE /resources/{resourceId}/workSkills/{workSkill}`.
    pub fn delete_work_skill(&self, resource_id: &str, work_skill: &str) -> Call<M, ()> {
        self.one::<Value>(&DELETE_RESOURCE_WORK_SKILL, resource_id)
            .id("workSkill", work_skill)
            .empty()
    }

    /// `GET /resources/{resourceId}/workZones`.
    pub fn work_zones(&self, resource_id: &str) -> Call<M, ItemList<ResourceWorkZone>> {
        self.one(&LIST_RESOURCE_WORK_ZONES, resource_id)
    }

    /// `POST /resources/{resourceId}/workZones`: assigns a work zone.
    pub fn add_work_zone(
        &self,
        resource_id: &str,
        zone: &ResourceWorkZone,
    ) -> Call<M, ResourceWorkZone> {
        self.one(&ADD_RESOURCE_WORK_ZONE, resource_id).body(zone)
    }

    /// `DELETE /resources/{resourceId}/workZones/{workZoneItemId}`.
    pub fn delete_work_zone(&self, resource_id: &str, item_id: impl fmt::Display) -> Call<M, ()> {
        self.one::<Value>(&DELETE_RESOURCE_WORK_ZONE, resource_id)
            .id("workZoneItemId", &item_id.to_string())
            .empty()
    }

    /// `GET /resources/{resourceId}/workSchedules`.
    pub fn work_schedules(
        &self,
        resource_id: &str,
        query: &WorkScheduleQuery,
    ) -> Call<M, ItemList<WorkScheduleItem>> {
        self.one(&LIST_RESOURCE_WORK_SCHEDULES, resource_id)
            .params(query)
    }

    /// `POST /resources/{resourceId}/workSchedules`: adds a work-schedule item.
    pub fn add_work_schedule(
        &self,
        resource_id: &str,
        item: &WorkScheduleItem,
    ) -> Call<M, ItemList<WorkScheduleItem>> {
        self.one(&ADD_RESOURCE_WORK_SCHEDULE, resource_id)
            .body(item)
    }

    /// `DELETE /resources/{resourceId}/workSchedules/{scheduleItemId}`.
    pub fn delete_work_schedule(
        &self,
        resource_id: &str,
        item_id: impl fmt::Display,
    ) -> Call<M, ()> {
        self.one::<Value>(&DELETE_RESOURCE_WORK_SCHEDULE, resource_id)
            .id("scheduleItemId", &item_id.to_string())
            .empty()
    }

    /// `GET /resources/{resourceId}/locations`.
    pub fn locations(&self, resource_id: &str) -> Call<M, ItemList<ResourceLocation>> {
        self.one(&LIST_RESOURCE_LOCATIONS, resource_id)
    }

    /// `POST /resources/{resourceId}/locations`: creates a location.
    pub fn create_location(
        &self,
        resource_id: &str,
        location: &ResourceLocation,
    ) -> Call<M, ResourceLocation> {
        self.one(&CREATE_RESOURCE_LOCATION, resource_id)
            .body(location)
    }

    /// `GET /resources/{resourceId}/locations/{locationId}`.
    pub fn location(
        &self,
        resource_id: &str,
        location_id: impl fmt::Display,
    ) -> Call<M, ResourceLocation> {
        self.one(&GET_RESOURCE_LOCATION, resource_id)
            .id("locationId", &location_id.to_string())
    }

    /// `PATCH /resources/{resourceId}/locations/{locationId}`.
    pub fn update_location(
        &self,
        resource_id: &str,
        location_id: impl fmt::Display,
        changes: &impl Serialize,
    ) -> Call<M, ResourceLocation> {
        self.one(&UPDATE_RESOURCE_LOCATION, resource_id)
            .id("locationId", &location_id.to_string())
            .body(changes)
    }

    /// `DELETE /resources/{resourceId}/locations/{locationId}`.
    pub fn delete_location(
        &self,
        resource_id: &str,
        location_id: impl fmt::Display,
    ) -> Call<M, ()> {
        self.one::<Value>(&DELETE_RESOURCE_LOCATION, resource_id)
            .id("locationId", &location_id.to_string())
            .empty()
    }

    fn one<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        route: &Route,
        resource_id: &str,
    ) -> Call<M, T> {
        self.client.call(route).id(ID, resource_id)
    }
}
