//! Every GenieACS NBI endpoint: its operation (the metric label and timeout class) and path.

use nbi_core::{Operation, OperationClass};

/// A queryable collection: `GET|HEAD /<collection>/?query=…`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Collection {
    Devices,
    Tasks,
    Presets,
    Objects,
    Provisions,
    VirtualParameters,
    Files,
    Faults,
}

impl Collection {
    /// The listing path.
    pub(crate) fn path(self) -> &'static str {
        match self {
            Collection::Devices => "/devices/",
            Collection::Tasks => "/tasks/",
            Collection::Presets => "/presets/",
            Collection::Objects => "/objects/",
            Collection::Provisions => "/provisions/",
            Collection::VirtualParameters => "/virtual_parameters/",
            Collection::Files => "/files/",
            Collection::Faults => "/faults/",
        }
    }

    /// `GET` of the collection.
    pub(crate) fn list_op(self) -> Operation {
        let name = match self {
            Collection::Devices => "list_devices",
            Collection::Tasks => "list_tasks",
            Collection::Presets => "list_presets",
            Collection::Objects => "list_objects",
            Collection::Provisions => "list_provisions",
            Collection::VirtualParameters => "list_virtual_parameters",
            Collection::Files => "list_files",
            Collection::Faults => "list_faults",
        };
        Operation::new(name, OperationClass::LIST)
    }

    /// `HEAD` of the collection (the `total` header only).
    pub(crate) fn count_op(self) -> Operation {
        let name = match self {
            Collection::Devices => "count_devices",
            Collection::Tasks => "count_tasks",
            Collection::Presets => "count_presets",
            Collection::Objects => "count_objects",
            Collection::Provisions => "count_provisions",
            Collection::VirtualParameters => "count_virtual_parameters",
            Collection::Files => "count_files",
            Collection::Faults => "count_faults",
        };
        Operation::new(name, OperationClass::LIST)
    }

    /// The item path (`PUT`/`DELETE /<collection>/{name}`), for named collections.
    pub(crate) fn item_path(self) -> &'static str {
        match self {
            Collection::Devices => DEVICE,
            Collection::Tasks => TASK,
            Collection::Presets => "/presets/{id}",
            Collection::Objects => "/objects/{id}",
            Collection::Provisions => "/provisions/{id}",
            Collection::VirtualParameters => "/virtual_parameters/{id}",
            Collection::Files => "/files/{id}",
            Collection::Faults => "/faults/{id}",
        }
    }

    /// `PUT` of one item (presets, objects, provisions, virtual parameters, files).
    pub(crate) fn put_op(self) -> Operation {
        let name = match self {
            Collection::Presets => "put_preset",
            Collection::Objects => "put_object",
            Collection::Provisions => "put_provision",
            Collection::VirtualParameters => "put_virtual_parameter",
            Collection::Files => "put_file",
            // Devices, tasks and faults are never put; the name only labels a refused call.
            Collection::Devices | Collection::Tasks | Collection::Faults => "put_unsupported",
        };
        Operation::new(name, OperationClass::UPDATE)
    }

    /// `DELETE` of one item.
    pub(crate) fn delete_op(self) -> Operation {
        let name = match self {
            Collection::Devices => "delete_device",
            Collection::Tasks => "delete_task",
            Collection::Presets => "delete_preset",
            Collection::Objects => "delete_object",
            Collection::Provisions => "delete_provision",
            Collection::VirtualParameters => "delete_virtual_parameter",
            Collection::Files => "delete_file",
            Collection::Faults => "delete_fault",
        };
        Operation::new(name, OperationClass::DELETE)
    }
}

/// `DELETE /devices/{id}`.
pub(crate) const DEVICE: &str = "/devices/{id}";
/// `POST /devices/{id}/tasks[?connection_request][&timeout=ms]`.
pub(crate) const DEVICE_TASKS: &str = "/devices/{id}/tasks";
/// `POST|DELETE /devices/{id}/tags/{tag}`.
pub(crate) const DEVICE_TAG: &str = "/devices/{id}/tags/{tag}";
/// `DELETE /tasks/{id}`.
pub(crate) const TASK: &str = "/tasks/{id}";
/// `POST /tasks/{id}/retry`.
pub(crate) const TASK_RETRY: &str = "/tasks/{id}/retry";
/// `GET /ping/{host}`.
pub(crate) const PING: &str = "/ping/{host}";

/// Queues a task and, with `connection_request`, waits for the CPE to run it.
pub(crate) const CREATE_TASK: Operation = Operation::new("create_task", OperationClass::TASK);
/// Clears a task's fault so it runs again.
pub(crate) const RETRY_TASK: Operation = Operation::new("retry_task", OperationClass::UPDATE);
/// Tags a device.
pub(crate) const ADD_TAG: Operation = Operation::new("add_tag", OperationClass::UPDATE);
/// Untags a device.
pub(crate) const REMOVE_TAG: Operation = Operation::new("remove_tag", OperationClass::UPDATE);
/// Pings a host from the ACS.
pub(crate) const PING_HOST: Operation = Operation::new("ping", OperationClass::HEALTH_CHECK);
