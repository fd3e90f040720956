//! Tasks: what is asked of a CPE, and what came of posting one.

use std::fmt;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::{DeviceId, Fault, TaskId};

/// A task's `name`. Names this client does not know are kept as [`TaskName::Other`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaskName {
    /// `getParameterValues`: read parameters.
    GetParameterValues,
    /// `setParameterValues`: write parameters.
    SetParameterValues,
    /// `refreshObject`: re-read a subtree.
    RefreshObject,
    /// `addObject`: add an instance to a multi-instance object.
    AddObject,
    /// `deleteObject`: delete an instance.
    DeleteObject,
    /// `reboot`.
    Reboot,
    /// `factoryReset`.
    FactoryReset,
    /// `download`: push a file (firmware, configuration) to the CPE.
    Download,
    /// A name this client does not know.
    Other(String),
}

impl TaskName {
    /// The name GenieACS uses.
    pub fn as_str(&self) -> &str {
        match self {
            TaskName::GetParameterValues => "getParameterValues",
            TaskName::SetParameterValues => "setParameterValues",
            TaskName::RefreshObject => "refreshObject",
            TaskName::AddObject => "addObject",
            TaskName::DeleteObject => "deleteObject",
            TaskName::Reboot => "reboot",
            TaskName::FactoryReset => "factoryReset",
            TaskName::Download => "download",
            TaskName::Other(name) => name,
        }
    }
}

impl From<&str> for TaskName {
    fn from(name: &str) -> Self {
        match name {
            "getParameterValues" => TaskName::GetParameterValues,
            "setParameterValues" => TaskName::SetParameterValues,
            "refreshObject" => TaskName::RefreshObject,
            "addObject" => TaskName::AddObject,
            "deleteObject" => TaskName::DeleteObject,
            "reboot" => TaskName::Reboot,
            "factoryReset" => TaskName::FactoryReset,
            "download" => TaskName::Download,
            other => TaskName::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for TaskName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TaskName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TaskName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(TaskName::from(String::deserialize(d)?.as_str()))
    }
}

/// One entry of `parameterValues`: `[path, value]` or `[path, value, type]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ParameterValue {
    /// The parameter's dotted path.
    pub path: String,
    /// The value to write.
    pub value: Value,
    /// The `xsd:` type, when given (`xsd:boolean`, `xsd:unsignedInt` …).
    pub value_type: Option<String>,
}

impl ParameterValue {
    /// `path = value`, typed as the CPE sees fit.
    pub fn new(path: impl Into<String>, value: impl Into<Value>) -> Self {
        ParameterValue {
            path: path.into(),
            value: value.into(),
            value_type: None,
        }
    }

    /// Sets the `xsd:` type.
    #[must_use]
    pub fn typed(mut self, value_type: impl Into<String>) -> Self {
        self.value_type = Some(value_type.into());
        self
    }
}

impl Serialize for ParameterValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut items = vec![Value::from(self.path.as_str()), self.value.clone()];
        if let Some(t) = &self.value_type {
            items.push(Value::from(t.as_str()));
        }
        items.serialize(s)
    }
}

impl<'de> Deserialize<'de> for ParameterValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<Value>::deserialize(d)?;
        let mut items = items.into_iter();
        let path = match items.next() {
            Some(Value::String(path)) => path,
            _ => return Err(D::Error::custom("a parameter value starts with its path")),
        };
        let value = items.next().unwrap_or(Value::Null);
        let value_type = items.next().and_then(|t| t.as_str().map(str::to_owned));
        Ok(ParameterValue {
            path,
            value,
            value_type,
        })
    }
}

/// A task, as posted and as GenieACS answers it (with `_id`, `device` and `timestamp`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// `_id`, given by GenieACS.
    #[serde(rename = "_id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<TaskId>,
    /// The device it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceId>,
    /// What to do.
    pub name: TaskName,
    /// When it was queued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    /// `parameterNames` of `getParameterValues`.
    #[serde(
        rename = "parameterNames",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub parameter_names: Option<Vec<String>>,
    /// `parameterValues` of `setParameterValues` and `addObject`.
    #[serde(
        rename = "parameterValues",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub parameter_values: Option<Vec<ParameterValue>>,
    /// `objectName` of `refreshObject`, `addObject` and `deleteObject`.
    #[serde(
        rename = "objectName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub object_name: Option<String>,
    /// `fileType` of `download` (`1 Firmware Upgrade Image` …).
    #[serde(rename = "fileType", default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// `fileName` of `download`: the file's name in GenieACS.
    #[serde(rename = "fileName", default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `targetFileName` of `download`.
    #[serde(
        rename = "targetFileName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_file_name: Option<String>,
    /// Fields this client does not name (`expiry`, `retries`, `fault` …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Task {
    /// A task of any name with no arguments (fill the fields, or use a typed constructor).
    pub fn new(name: impl Into<TaskName>) -> Self {
        Task {
            id: None,
            device: None,
            name: name.into(),
            timestamp: None,
            parameter_names: None,
            parameter_values: None,
            object_name: None,
            file_type: None,
            file_name: None,
            target_file_name: None,
            extra: Map::new(),
        }
    }

    /// `getParameterValues` of `names`.
    pub fn get_parameter_values<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut task = Task::new(TaskName::GetParameterValues);
        task.parameter_names = Some(names.into_iter().map(Into::into).collect());
        task
    }

    /// `setParameterValues` of `values`.
    pub fn set_parameter_values(values: impl IntoIterator<Item = ParameterValue>) -> Self {
        let mut task = Task::new(TaskName::SetParameterValues);
        task.parameter_values = Some(values.into_iter().collect());
        task
    }

    /// `refreshObject` of the subtree at `object_name`.
    pub fn refresh_object(object_name: impl Into<String>) -> Self {
        let mut task = Task::new(TaskName::RefreshObject);
        task.object_name = Some(object_name.into());
        task
    }

    /// `addObject` of an instance under `object_name`, set to `values`.
    pub fn add_object(
        object_name: impl Into<String>,
        values: impl IntoIterator<Item = ParameterValue>,
    ) -> Self {
        let mut task = Task::new(TaskName::AddObject);
        task.object_name = Some(object_name.into());
        let values: Vec<_> = values.into_iter().collect();
        task.parameter_values = (!values.is_empty()).then_some(values);
        task
    }

    /// `deleteObject` of the instance `object_name`.
    pub fn delete_object(object_name: impl Into<String>) -> Self {
        let mut task = Task::new(TaskName::DeleteObject);
        task.object_name = Some(object_name.into());
        task
    }

    /// `reboot`.
    pub fn reboot() -> Self {
        Task::new(TaskName::Reboot)
    }

    /// `factoryReset`.
    pub fn factory_reset() -> Self {
        Task::new(TaskName::FactoryReset)
    }

    /// `download` of the GenieACS file `file_name` as `file_type`.
    pub fn download(file_type: impl Into<String>, file_name: impl Into<String>) -> Self {
        let mut task = Task::new(TaskName::Download);
        task.file_type = Some(file_type.into());
        task.file_name = Some(file_name.into());
        task
    }

    /// Sets `targetFileName` (for `download`).
    #[must_use]
    pub fn target_file_name(mut self, name: impl Into<String>) -> Self {
        self.target_file_name = Some(name.into());
        self
    }
}

/// What came of posting a task.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaskOutcome {
    /// 200: the CPE ran it in the session the connection request opened.
    Executed {
        /// The task, with its `_id`.
        task: Task,
    },
    /// 202: it waits for the CPE's next session ("Task queued but not processed", or no
    /// connection request was asked for).
    Queued {
        /// The task, with its `_id`.
        task: Task,
    },
    /// 202 "Task faulted": the CPE refused it; the task stays queued until retried or deleted.
    Faulted {
        /// The task, with its `_id`.
        task: Task,
        /// The fault GenieACS recorded (`<device>:task_<id>`), when it could be read.
        #[serde(skip_serializing_if = "Option::is_none")]
        fault: Option<Box<Fault>>,
    },
    /// 504: the connection request did not reach the CPE ("Connection request error: …").
    ConnectionRequestFailed {
        /// GenieACS's explanation.
        reason: String,
    },
}

impl TaskOutcome {
    /// The task, for every outcome that has one.
    pub fn task(&self) -> Option<&Task> {
        match self {
            TaskOutcome::Executed { task }
            | TaskOutcome::Queued { task }
            | TaskOutcome::Faulted { task, .. } => Some(task),
            TaskOutcome::ConnectionRequestFailed { .. } => None,
        }
    }

    /// Whether the CPE ran the task.
    pub fn is_executed(&self) -> bool {
        matches!(self, TaskOutcome::Executed { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tasks_serialize_as_genieacs_expects() {
        let t = Task::set_parameter_values([ParameterValue::new(
            "InternetGatewayDevice.ManagementServer.PeriodicInformInterval",
            300,
        )
        .typed("xsd:unsignedInt")]);
        assert_eq!(
            serde_json::to_value(&t).unwrap(),
            json!({"name": "setParameterValues", "parameterValues": [
                ["InternetGatewayDevice.ManagementServer.PeriodicInformInterval", 300, "xsd:unsignedInt"]
            ]})
        );
        let d = Task::download("1 Firmware Upgrade Image", "fw.bin");
        assert_eq!(
            serde_json::to_value(&d).unwrap()["fileType"],
            "1 Firmware Upgrade Image"
        );
    }

    #[test]
    fn unknown_names_and_fields_are_kept() {
        let t: Task = serde_json::from_value(json!({
            "_id": "65f0c0ffee", "device": "d1", "name": "vendorThing",
            "timestamp": "2025-01-01T00:00:00.000Z", "expiry": 5
        }))
        .unwrap();
        assert_eq!(t.name, TaskName::Other("vendorThing".into()));
        assert_eq!(t.extra["expiry"], 5);
        let back = serde_json::to_value(&t).unwrap();
        assert_eq!(back["name"], "vendorThing");
        assert_eq!(back["expiry"], 5);
    }

    #[test]
    fn outcomes_serialize_with_a_tag() {
        let o = TaskOutcome::Queued {
            task: Task::reboot(),
        };
        assert_eq!(
            serde_json::to_value(&o).unwrap(),
            json!({"outcome": "queued", "task": {"name": "reboot"}})
        );
        assert!(o.task().is_some() && !o.is_executed());
    }
}
