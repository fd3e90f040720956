//! `client.tasks()`: queue tasks on CPEs and read what came of them.

use std::time::Duration;

use http::StatusCode;
use nbi_core::{Mode, OperationClass, RequestSpec, Transport};

use super::unit;
use crate::client::{Client, json, reason_of, send, status_error};
use crate::endpoint::{CREATE_TASK, Collection, DEVICE_TASKS, RETRY_TASK, TASK_RETRY};
use crate::error::{Result, body_text, is_connection_request_failure};
use crate::list::List;
use crate::models::{DeviceId, Fault, Task, TaskId, TaskOutcome};
use crate::query::Query;

/// The tasks collection.
#[derive(Clone, Debug)]
pub struct TasksApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> TasksApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        TasksApi { client }
    }

    /// Queued tasks matching a query (every one by default).
    pub fn list(&self) -> List<M, Task> {
        List::new(self.client.clone(), Collection::Tasks)
    }

    /// Queues `task` for `device`; see [`CreateTask`] for a connection request and its wait.
    pub fn create(&self, device: impl Into<DeviceId>, task: Task) -> CreateTask<M> {
        CreateTask {
            client: self.client.clone(),
            device: device.into(),
            task,
            connection_request: false,
            timeout: None,
        }
    }

    /// Clears the task's fault so the CPE's next session runs it again.
    pub fn retry(&self, id: impl Into<TaskId>) -> M::Output<()> {
        let spec = RequestSpec::post(RETRY_TASK, TASK_RETRY)
            .path_param("id", id.into())
            // Deleting a fault twice leaves the same state.
            .idempotent(true);
        unit(&self.client, spec)
    }

    /// Deletes the task and its fault.
    pub fn delete(&self, id: impl Into<TaskId>) -> M::Output<()> {
        super::delete(
            &self.client,
            Collection::Tasks.delete_op(),
            Collection::Tasks.item_path(),
            id.into().as_str(),
        )
    }
}

/// `POST /devices/<id>/tasks`: queues a task and, with
/// [`connection_request`](CreateTask::connection_request), asks the CPE to open a session and
/// waits for it to run the task.
#[derive(Debug)]
#[must_use]
pub struct CreateTask<M: Mode> {
    client: Client<M>,
    device: DeviceId,
    task: Task,
    connection_request: bool,
    timeout: Option<Duration>,
}

impl<M: Mode> CreateTask<M> {
    /// Send a connection request and wait for the CPE to run the task (default: only queue).
    pub fn connection_request(mut self, yes: bool) -> Self {
        self.connection_request = yes;
        self
    }

    /// How long GenieACS waits for the CPE's session (`timeout=` in milliseconds; the
    /// server's `DEVICE_ONLINE_THRESHOLD` by default). The call's own timeout grows by as much.
    pub fn timeout(mut self, wait: Duration) -> Self {
        self.timeout = Some(wait);
        self
    }

    /// Posts the task. A 200 is [`TaskOutcome::Executed`]; a 202 is
    /// [`TaskOutcome::Faulted`] when GenieACS recorded a fault for it (looked up in the
    /// faults collection, as the reason phrase does not survive every proxy), else
    /// [`TaskOutcome::Queued`]; GenieACS's 504 is [`TaskOutcome::ConnectionRequestFailed`].
    /// A 404 (no such device) and other failures are errors.
    pub fn send(self) -> M::Output<TaskOutcome> {
        let transport = self.client.transport().clone();
        let CreateTask {
            client,
            device,
            task,
            connection_request,
            timeout,
        } = self;
        client.run(async move {
            let mut spec = RequestSpec::post(CREATE_TASK, DEVICE_TASKS)
                .path_param("id", &device)
                .json(&task);
            if connection_request {
                spec = spec.query("connection_request", "");
                let task_timeout = transport.timeouts().get(&OperationClass::TASK);
                spec = spec.timeout(task_timeout + timeout.unwrap_or_default());
            }
            if let Some(wait) = timeout {
                spec = spec.query("timeout", wait.as_millis());
            }
            let response = match send(&transport, &spec).await {
                Ok(response) => response,
                // A transport built without this crate's classifier reports GenieACS's 504
                // as an error; it is still an outcome.
                Err(e)
                    if e.raw().is_some_and(|raw| {
                        is_connection_request_failure(raw.status, &raw.headers)
                    }) =>
                {
                    let reason = e.raw().map(|raw| body_text(&raw.body)).unwrap_or_default();
                    return Ok(TaskOutcome::ConnectionRequestFailed { reason });
                }
                Err(e) => return Err(e),
            };
            let status = response.status();
            if is_connection_request_failure(status, response.headers()) {
                return Ok(TaskOutcome::ConnectionRequestFailed {
                    reason: reason_of(&response),
                });
            }
            if !status.is_success() {
                return Err(status_error(&transport, &spec, &response));
            }
            let task: Task = response.json()?;
            if status == StatusCode::OK {
                return Ok(TaskOutcome::Executed { task });
            }
            if !connection_request {
                return Ok(TaskOutcome::Queued { task });
            }
            match task_fault(&transport, &device, &task).await? {
                Some(fault) => Ok(TaskOutcome::Faulted {
                    task,
                    fault: Some(Box::new(fault)),
                }),
                None => Ok(TaskOutcome::Queued { task }),
            }
        })
    }
}

/// The fault GenieACS records for a task it could not run: `<device>:task_<id>`.
async fn task_fault(
    transport: &Transport,
    device: &DeviceId,
    task: &Task,
) -> Result<Option<Fault>> {
    let Some(id) = &task.id else {
        return Ok(None);
    };
    let query = Query::eq("_id", format!("{device}:task_{id}"));
    let spec = RequestSpec::get(Collection::Faults.list_op(), Collection::Faults.path())
        .query("query", query)
        .query("limit", 1);
    let faults: Vec<Fault> = json(transport, spec).await?;
    Ok(faults.into_iter().next())
}
