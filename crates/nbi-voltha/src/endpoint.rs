//! Every VOLTHA endpoint the client calls: the RPC's HTTP mapping from voltha.proto's
//! `google.api.http` annotations, its operation (metric label and timeout class) and whether
//! it may be replayed.
//!
//! The ONU RPCs (`EnableOnuDevice`, `DisableOnuDevice`, `EnableOnuSerialNumber`,
//! `DisableOnuSerialNumber`) are newer than the other VolthaService RPCs; their paths follow
//! the same pattern (`/api/v1/devices/{id}/<rpc>`, and a body-only POST for the serial
//! numbers, whose body names the OLT).

use http::Method;
use nbi_core::{Operation, OperationClass, RequestSpec};

/// One endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) path: &'static str,
    /// Whether sending it twice has the effect of sending it once.
    pub(crate) idempotent: bool,
}

impl Endpoint {
    /// A request for this endpoint.
    pub(crate) fn spec(&self) -> RequestSpec {
        RequestSpec::new(self.method.clone(), self.operation.clone(), self.path)
            .idempotent(self.idempotent)
    }

    /// A request for this endpoint on device (or logical device) `id`.
    pub(crate) fn on(&self, id: &str) -> RequestSpec {
        self.spec().path_param("id", id)
    }
}

const fn get(name: &'static str, class: OperationClass, path: &'static str) -> Endpoint {
    Endpoint {
        operation: Operation::new(name, class),
        method: Method::GET,
        path,
        idempotent: true,
    }
}

const fn post(
    name: &'static str,
    class: OperationClass,
    path: &'static str,
    idempotent: bool,
) -> Endpoint {
    Endpoint {
        operation: Operation::new(name, class),
        method: Method::POST,
        path,
        idempotent,
    }
}

const fn delete(name: &'static str, path: &'static str) -> Endpoint {
    Endpoint {
        operation: Operation::new(name, OperationClass::DELETE),
        method: Method::DELETE,
        path,
        idempotent: true,
    }
}

use OperationClass as C;

/// `HealthService.GetHealthStatus`.
pub(crate) const HEALTH: Endpoint = get("health", C::HEALTH_CHECK, "/health");

pub(crate) const LIST_DEVICES: Endpoint = get("list_devices", C::LIST, "/api/v1/devices");
pub(crate) const GET_DEVICE: Endpoint = get("get_device", C::GET, "/api/v1/devices/{id}");
/// `CreateDevice`: a second send would pre-provision nothing new (ALREADY_EXISTS), but it is a
/// POST that answers the created device, so it is not replayed.
pub(crate) const PREPROVISION_DEVICE: Endpoint = post(
    "preprovision_device",
    C::PROVISION,
    "/api/v1/devices",
    false,
);
pub(crate) const ENABLE_DEVICE: Endpoint = post(
    "enable_device",
    C::ENABLE,
    "/api/v1/devices/{id}/enable",
    false,
);
pub(crate) const DISABLE_DEVICE: Endpoint = post(
    "disable_device",
    C::DISABLE,
    "/api/v1/devices/{id}/disable",
    false,
);
pub(crate) const REBOOT_DEVICE: Endpoint = post(
    "reboot_device",
    C::REBOOT,
    "/api/v1/devices/{id}/reboot",
    false,
);
pub(crate) const DELETE_DEVICE: Endpoint = delete("delete_device", "/api/v1/devices/{id}/delete");
pub(crate) const FORCE_DELETE_DEVICE: Endpoint =
    delete("force_delete_device", "/api/v1/devices/{id}/force_delete");
pub(crate) const LIST_DEVICE_PORTS: Endpoint =
    get("list_device_ports", C::LIST, "/api/v1/devices/{id}/ports");
pub(crate) const LIST_DEVICE_FLOWS: Endpoint =
    get("list_device_flows", C::LIST, "/api/v1/devices/{id}/flows");
pub(crate) const GET_PM_CONFIGS: Endpoint =
    get("get_pm_configs", C::GET, "/api/v1/devices/{id}/pm_configs");
/// `UpdateDevicePmConfigs` replaces the whole configuration: safe to replay.
pub(crate) const UPDATE_PM_CONFIGS: Endpoint = post(
    "update_pm_configs",
    C::UPDATE,
    "/api/v1/devices/{id}/pm_configs",
    true,
);
pub(crate) const LIST_IMAGE_DOWNLOADS: Endpoint = get(
    "list_image_downloads",
    C::LIST,
    "/api/v1/devices/{id}/image_downloads",
);

pub(crate) const ENABLE_ONU_DEVICE: Endpoint = post(
    "enable_onu_device",
    C::ENABLE,
    "/api/v1/devices/{id}/enable_onu_device",
    false,
);
pub(crate) const DISABLE_ONU_DEVICE: Endpoint = post(
    "disable_onu_device",
    C::DISABLE,
    "/api/v1/devices/{id}/disable_onu_device",
    false,
);
pub(crate) const ENABLE_ONU_SERIAL_NUMBER: Endpoint = post(
    "enable_onu_serial_number",
    C::PROVISION,
    "/api/v1/devices/enable_onu_serial_number",
    false,
);
pub(crate) const DISABLE_ONU_SERIAL_NUMBER: Endpoint = post(
    "disable_onu_serial_number",
    C::DISABLE,
    "/api/v1/devices/disable_onu_serial_number",
    false,
);

pub(crate) const LIST_LOGICAL_DEVICES: Endpoint =
    get("list_logical_devices", C::LIST, "/api/v1/logical_devices");
pub(crate) const GET_LOGICAL_DEVICE: Endpoint =
    get("get_logical_device", C::GET, "/api/v1/logical_devices/{id}");
pub(crate) const LIST_LOGICAL_DEVICE_PORTS: Endpoint = get(
    "list_logical_device_ports",
    C::LIST,
    "/api/v1/logical_devices/{id}/ports",
);
pub(crate) const LIST_LOGICAL_DEVICE_FLOWS: Endpoint = get(
    "list_logical_device_flows",
    C::LIST,
    "/api/v1/logical_devices/{id}/flows",
);
pub(crate) const LIST_LOGICAL_DEVICE_METERS: Endpoint = get(
    "list_logical_device_meters",
    C::LIST,
    "/api/v1/logical_devices/{id}/meters",
);

pub(crate) const LIST_ADAPTERS: Endpoint = get("list_adapters", C::LIST, "/api/v1/adapters");
pub(crate) const LIST_DEVICE_TYPES: Endpoint =
    get("list_device_types", C::LIST, "/api/v1/device_types");
pub(crate) const GET_DEVICE_TYPE: Endpoint =
    get("get_device_type", C::GET, "/api/v1/device_types/{id}");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_fill_in_and_keep_their_templates() {
        let spec = FORCE_DELETE_DEVICE.on("0001 aa");
        assert_eq!(spec.method(), Method::DELETE);
        assert_eq!(spec.path(), "/api/v1/devices/0001%20aa/force_delete");
        assert_eq!(spec.path_template(), "/api/v1/devices/{id}/force_delete");
        assert_eq!(spec.operation().class(), &OperationClass::DELETE);
        assert!(!REBOOT_DEVICE.spec().idempotency().allows_replay());
        assert!(UPDATE_PM_CONFIGS.spec().idempotency().allows_replay());
        assert_eq!(REBOOT_DEVICE.operation.class(), &OperationClass::REBOOT);
        assert_eq!(
            ENABLE_ONU_SERIAL_NUMBER.operation.class(),
            &OperationClass::PROVISION
        );
    }
}
