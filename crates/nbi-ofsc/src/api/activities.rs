//! [`ActivitiesApi`]: search, get, create, update, delete, custom actions and sub-resources.

use std::fmt;
use std::str::FromStr;

use nbi_core::{Error, Mode, Result};
use serde::Serialize;
use serde_json::Value;

use super::area;
use crate::call::Call;
use crate::endpoint::{self, *};
use crate::models::{Activity, ItemList};
use crate::paging::List;
use crate::params::{Pairs, Params, check_date, check_date_order, require_list};

area! {
    /// Activities (`/rest/ofscCore/v1/activities`).
    ActivitiesApi
}

/// Parameters of an activity search (`GET /activities`).
#[derive(Debug, Clone, Default)]
pub struct ActivitySearch {
    /// The resources whose routes to search (required).
    pub resources: Vec<String>,
    /// `none`, `immediate` or `all`: the resources' children too.
    pub include_children: Option<String>,
    /// The first route date (with `date_to`).
    pub date_from: Option<String>,
    /// The last route date (with `date_from`), not before it.
    pub date_to: Option<String>,
    /// A filter expression (`status=='pending'`).
    pub q: Option<String>,
    /// The fields to answer.
    pub fields: Vec<String>,
    /// Non-scheduled activities too.
    pub include_non_scheduled: Option<bool>,
}

impl ActivitySearch {
    /// Activities of `resources`.
    pub fn new<S: Into<String>>(resources: impl IntoIterator<Item = S>) -> Self {
        ActivitySearch {
            resources: resources.into_iter().map(Into::into).collect(),
            ..ActivitySearch::default()
        }
    }

    /// Route dates from `from` to `to`, inclusive.
    #[must_use]
    pub fn dates(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.date_from = Some(from.into());
        self.date_to = Some(to.into());
        self
    }
}

impl Params for ActivitySearch {
    fn validate(&self) -> Result<()> {
        require_list("resources", &self.resources)?;
        match (&self.date_from, &self.date_to) {
            (Some(from), Some(to)) => check_date_order("dateFrom", from, "dateTo", to),
            (Some(from), None) => {
                check_date("dateFrom", from)?;
                Err(Error::validation("dateTo: is required with dateFrom"))
            }
            (None, Some(to)) => {
                check_date("dateTo", to)?;
                Err(Error::validation("dateFrom: is required with dateTo"))
            }
            (None, None) if self.include_non_scheduled == Some(true) => Ok(()),
            (None, None) => Err(Error::validation(
                "dateFrom: dateFrom and dateTo are required unless includeNonScheduled is true",
            )),
        }
    }

    fn pairs(&self) -> Vec<(String, String)> {
        Pairs::default()
            .list("resources", &self.resources)
            .opt("includeChildren", self.include_children.as_ref())
            .opt("dateFrom", self.date_from.as_ref())
            .opt("dateTo", self.date_to.as_ref())
            .opt("q", self.q.as_ref())
            .list("fields", &self.fields)
            .opt("includeNonScheduled", self.include_non_scheduled)
            .done()
    }
}

/// An activity's custom action (`POST /activities/{id}/custom-actions/<action>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ActivityAction {
    /// `startPrework`
    StartPrework,
    /// `reopen`
    Reopen,
    /// `delay`
    Delay,
    /// `cancel`
    Cancel,
    /// `start`
    Start,
    /// `enroute`
    Enroute,
    /// `stopTravel`
    StopTravel,
    /// `suspend`
    Suspend,
    /// `move`
    Move,
    /// `complete`
    Complete,
    /// `notDone`
    NotDone,
}

impl ActivityAction {
    /// Every action.
    pub const ALL: [ActivityAction; 11] = [
        ActivityAction::StartPrework,
        ActivityAction::Reopen,
        ActivityAction::Delay,
        ActivityAction::Cancel,
        ActivityAction::Start,
        ActivityAction::Enroute,
        ActivityAction::StopTravel,
        ActivityAction::Suspend,
        ActivityAction::Move,
        ActivityAction::Complete,
        ActivityAction::NotDone,
    ];

    /// The action's name in the path.
    pub fn as_str(self) -> &'static str {
        self.route().path.rsplit('/').next().unwrap_or_default()
    }

    fn route(self) -> endpoint::Route {
        match self {
            ActivityAction::StartPrework => START_PREWORK,
            ActivityAction::Reopen => REOPEN_ACTIVITY,
            ActivityAction::Delay => DELAY_ACTIVITY,
            ActivityAction::Cancel => CANCEL_ACTIVITY,
            ActivityAction::Start => START_ACTIVITY,
            ActivityAction::Enroute => ENROUTE_ACTIVITY,
            ActivityAction::StopTravel => STOP_TRAVEL_ACTIVITY,
            ActivityAction::Suspend => SUSPEND_ACTIVITY,
            ActivityAction::Move => MOVE_ACTIVITY,
            ActivityAction::Complete => COMPLETE_ACTIVITY,
            ActivityAction::NotDone => NOT_DONE_ACTIVITY,
        }
    }
}

impl fmt::Display for ActivityAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActivityAction {
    type Err = Error;

    /// The path name (`stopTravel`) or its kebab-case form (`stop-travel`).
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.replace('-', "").to_ascii_lowercase();
        ActivityAction::ALL
            .into_iter()
            .find(|a| a.as_str().to_ascii_lowercase() == wanted)
            .ok_or_else(|| {
                let all: Vec<_> = ActivityAction::ALL.iter().map(|a| a.as_str()).collect();
                Error::validation(format!("action: {s:?} is not one of {}", all.join(", ")))
            })
    }
}

/// Routes keyed by the activity id.
const ID: &str = "activityId";

impl<M: Mode> ActivitiesApi<M> {
    /// `GET /activities`: activities of resources over dates, every page.
    pub fn search(&self, search: &ActivitySearch) -> List<M, Activity> {
        List::new(self.client.clone(), &SEARCH_ACTIVITIES).params(search)
    }

    /// `GET /activities/{activityId}`.
    pub fn get(&self, activity_id: impl fmt::Display) -> Call<M, Activity> {
        self.client
            .call(&GET_ACTIVITY)
            .id(ID, &activity_id.to_string())
    }

    /// `POST /activities`: creates an activity.
    pub fn create(&self, activity: &impl Serialize) -> Call<M, Activity> {
        self.client.call(&CREATE_ACTIVITY).body(activity)
    }

    /// `PATCH /activities/{activityId}`: changes the given fields.
    pub fn update(
        &self,
        activity_id: impl fmt::Display,
        changes: &impl Serialize,
    ) -> Call<M, Activity> {
        self.client
            .call(&UPDATE_ACTIVITY)
            .id(ID, &activity_id.to_string())
            .body(changes)
    }

    /// `DELETE /activities/{activityId}`.
    pub fn delete(&self, activity_id: impl fmt::Display) -> Call<M, ()> {
        self.client
            .call::<Value>(&DELETE_ACTIVITY)
            .id(ID, &activity_id.to_string())
            .empty()
    }

    /// `POST /activities/{activityId}/custom-actions/<action>` with an optional body
    /// (`{"time": …}`, a move's `{"setDate": {"date": …}}` …); answers the activity.
    pub fn action(
        &self,
        activity_id: impl fmt::Display,
        action: ActivityAction,
        body: Option<&Value>,
    ) -> Call<M, Activity> {
        let call = self
            .client
            .call(&action.route())
            .id(ID, &activity_id.to_string());
        call.body(body.unwrap_or(&Value::Object(Default::default())))
    }

    /// Starts the activity (`custom-actions/start`).
    pub fn start(&self, activity_id: impl fmt::Display) -> Call<M, Activity> {
        self.action(activity_id, ActivityAction::Start, None)
    }

    /// Completes the activity (`custom-actions/complete`).
    pub fn complete(&self, activity_id: impl fmt::Display) -> Call<M, Activity> {
        self.action(activity_id, ActivityAction::Complete, None)
    }

    /// Cancels the activity (`custom-actions/cancel`).
    pub fn cancel(&self, activity_id: impl fmt::Display) -> Call<M, Activity> {
        self.action(activity_id, ActivityAction::Cancel, None)
    }

    /// Moves the activity to another route: `{"setResource": {"resourceId": …}, "setDate":
    /// {"date": …}}` (`custom-actions/move`).
    pub fn move_to(&self, activity_id: impl fmt::Display, target: &Value) -> Call<M, Activity> {
        self.action(activity_id, ActivityAction::Move, Some(target))
    }

    /// `GET /activities/{activityId}/{propertyLabel}`: one property's value.
    pub fn property(&self, activity_id: impl fmt::Display, label: &str) -> Call<M, Value> {
        self.client
            .call(&GET_ACTIVITY_PROPERTY)
            .id(ID, &activity_id.to_string())
            .id("propertyLabel", label)
    }

    /// `GET /activities/{activityId}/multidaySegments`.
    pub fn multiday_segments(&self, activity_id: impl fmt::Display) -> Call<M, ItemList<Activity>> {
        self.sub(&GET_MULTIDAY_SEGMENTS, activity_id)
    }

    /// `GET /activities/{activityId}/linkedActivities`.
    pub fn linked_activities(&self, activity_id: impl fmt::Display) -> Call<M, ItemList<Value>> {
        self.sub(&GET_LINKED_ACTIVITIES, activity_id)
    }

    /// `GET /activities/{activityId}/resourcePreferences`.
    pub fn resource_preferences(&self, activity_id: impl fmt::Display) -> Call<M, ItemList<Value>> {
        self.sub(&GET_RESOURCE_PREFERENCES, activity_id)
    }

    /// `GET /activities/{activityId}/requiredInventories`.
    pub fn required_inventories(&self, activity_id: impl fmt::Display) -> Call<M, ItemList<Value>> {
        self.sub(&GET_REQUIRED_INVENTORIES, activity_id)
    }

    /// `GET /activities/{activityId}/capacityCategories`.
    pub fn capacity_categories(&self, activity_id: impl fmt::Display) -> Call<M, ItemList<Value>> {
        self.sub(&GET_ACTIVITY_CAPACITY_CATEGORIES, activity_id)
    }

    /// `GET /activities/custom-actions/search`: activities whose `field` is exactly `value`
    /// (e.g. `apptNumber`).
    pub fn find_by(&self, field: &str, value: &str) -> Call<M, ItemList<Activity>> {
        let checked = crate::params::require_id("searchInField", field)
            .and_then(|()| crate::params::require_id("searchForValue", value));
        let call = self
            .client
            .call(&SEARCH_ACTIVITIES_BY_PROPERTY)
            .query("searchInField", field)
            .query("searchForValue", value);
        match checked {
            Ok(()) => call,
            Err(e) => call.fail(e),
        }
    }

    fn sub<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        route: &Route,
        activity_id: impl fmt::Display,
    ) -> Call<M, T> {
        self.client.call(route).id(ID, &activity_id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_parse_from_either_spelling() {
        assert_eq!(
            "stopTravel".parse::<ActivityAction>().unwrap(),
            ActivityAction::StopTravel
        );
        assert_eq!(
            "not-done".parse::<ActivityAction>().unwrap(),
            ActivityAction::NotDone
        );
        assert_eq!(ActivityAction::Move.as_str(), "move");
        let e = "fly".parse::<ActivityAction>().unwrap_err();
        assert!(e.to_string().contains("action"), "{e}");
    }

    #[test]
    fn search_checks_dates_and_resources() {
        let ok = ActivitySearch::new(["33001"]).dates("2025-06-01", "2025-06-30");
        assert!(ok.validate().is_ok());
        let pairs = ok.pairs();
        assert_eq!(pairs[0], ("resources".into(), "33001".into()));
        let backwards = ActivitySearch::new(["33001"]).dates("2025-06-30", "2025-06-01");
        assert!(
            backwards
                .validate()
                .unwrap_err()
                .to_string()
                .contains("dateFrom")
        );
        let none = ActivitySearch::default().dates("2025-06-01", "2025-06-30");
        assert!(
            none.validate()
                .unwrap_err()
                .to_string()
                .contains("resources")
        );
        let half = ActivitySearch {
            date_from: Some("2025-06-01".into()),
            ..ActivitySearch::new(["r"])
        };
        assert!(half.validate().unwrap_err().to_string().contains("dateTo"));
    }
}
