//! `nbi genieacs tasks …`: one verb per task kind, `create` for any, and list/retry/delete.

use std::time::Duration;

use nbi_genieacs::blocking::Client;
use nbi_genieacs::{ParameterValue, Task, TaskOutcome};
use serde_json::{Map, Value, json};

use super::args::{TaskFlags, TasksVerb};
use super::list::{self, split_pair, value_of};
use crate::exit::{Outcome, UsageError};

/// Runs a tasks verb: the document to print and how the command ended (a faulted task or a
/// missed connection request exits 1).
pub(super) fn run(client: &Client, verb: TasksVerb) -> anyhow::Result<(Value, Outcome)> {
    let (device, task, flags) = match verb {
        TasksVerb::List(args) => {
            return Ok((list::run(client.tasks().list(), &args)?, Outcome::Success));
        }
        TasksVerb::Retry { id } => {
            client.tasks().retry(id.as_str())?;
            return Ok((json!({ "retried": id }), Outcome::Success));
        }
        TasksVerb::Delete { id } => {
            client.tasks().delete(id.as_str())?;
            return Ok((json!({ "deleted": id }), Outcome::Success));
        }
        TasksVerb::Create {
            device,
            name,
            data,
            flags,
        } => (device, any_task(&name, data.as_deref())?, flags),
        TasksVerb::GetParameterValues {
            device,
            names,
            flags,
        } => (device, Task::get_parameter_values(names), flags),
        TasksVerb::SetParameterValues {
            device,
            values,
            value_type,
            flags,
        } => {
            let values = parameter_values(&values, value_type.as_deref())?;
            (device, Task::set_parameter_values(values), flags)
        }
        TasksVerb::RefreshObject {
            device,
            object,
            flags,
        } => (device, Task::refresh_object(object), flags),
        TasksVerb::AddObject {
            device,
            object,
            values,
            flags,
        } => (
            device,
            Task::add_object(object, parameter_values(&values, None)?),
            flags,
        ),
        TasksVerb::DeleteObject {
            device,
            object,
            flags,
        } => (device, Task::delete_object(object), flags),
        TasksVerb::Reboot { device, flags } => (device, Task::reboot(), flags),
        TasksVerb::FactoryReset { device, flags } => (device, Task::factory_reset(), flags),
        TasksVerb::Download {
            device,
            file_type,
            file_name,
            target_file_name,
            flags,
        } => {
            let mut task = Task::download(file_type, file_name);
            if let Some(target) = target_file_name {
                task = task.target_file_name(target);
            }
            (device, task, flags)
        }
    };
    post(client, &device, task, &flags)
}

fn post(
    client: &Client,
    device: &str,
    task: Task,
    flags: &TaskFlags,
) -> anyhow::Result<(Value, Outcome)> {
    let mut create = client
        .tasks()
        .create(device, task)
        .connection_request(flags.connection_request);
    if let Some(ms) = flags.timeout_ms {
        create = create.timeout(Duration::from_millis(ms));
    }
    let outcome = create.send()?;
    let status = match outcome {
        TaskOutcome::Executed { .. } | TaskOutcome::Queued { .. } => Outcome::Success,
        _ => Outcome::Failed,
    };
    Ok((serde_json::to_value(&outcome)?, status))
}

/// A task from its name and its other fields as JSON.
fn any_task(name: &str, data: Option<&str>) -> anyhow::Result<Task> {
    let mut fields = match data {
        None => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => {
                return Err(UsageError(
                    "--data: expected a JSON object of the task's fields".into(),
                )
                .into());
            }
        },
    };
    fields.insert("name".into(), Value::from(name));
    serde_json::from_value(Value::Object(fields))
        .map_err(|e| UsageError(format!("--data: not a valid task: {e}")).into())
}

fn parameter_values(
    pairs: &[String],
    value_type: Option<&str>,
) -> anyhow::Result<Vec<ParameterValue>> {
    pairs
        .iter()
        .map(|pair| {
            let (path, value) = split_pair("PATH=VALUE", pair)?;
            let value = ParameterValue::new(path, value_of(&value).into_json());
            Ok(match value_type {
                Some(t) => value.typed(t),
                None => value,
            })
        })
        .collect()
}
