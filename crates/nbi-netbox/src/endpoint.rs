//! Every call this client makes: the path templates, their operations (metric labels and
//! timeout classes) and whether they may be replayed.
//!
//! The generic `/api/<app>/<model>/` routes take their operation names from [`MODELS`]
//! (`list_devices`, `get_device` …); a model not in the table uses `list_objects`,
//! `get_object` …, so the set of metric labels stays bounded.

use std::borrow::Cow;

use nbi_core::{Operation, OperationClass};

/// `GET /api/status/`.
pub(crate) const GET_STATUS: Operation = Operation::new("get_status", OperationClass::HEALTH_CHECK);
/// The status path.
pub(crate) const STATUS_PATH: &str = "/api/status/";

/// `POST /api/dcim/devices/{id}/render-config/` — a read in effect, so it may be replayed.
pub(crate) const RENDER_CONFIG: Operation = Operation::new("render_config", OperationClass::GET);
/// The render-config path.
pub(crate) const RENDER_CONFIG_PATH: &str = "/api/dcim/devices/{id}/render-config/";

/// One pool of free resources: its path, and the list and allocate operations.
#[derive(Debug, Clone)]
pub(crate) struct PoolRoute {
    pub(crate) path: &'static str,
    pub(crate) list: Operation,
    pub(crate) allocate: Operation,
}

/// `…/prefixes/{id}/available-ips/`.
pub(crate) const PREFIX_AVAILABLE_IPS: PoolRoute = PoolRoute {
    path: "/api/ipam/prefixes/{id}/available-ips/",
    list: Operation::new("list_available_ips", OperationClass::LIST),
    allocate: Operation::new("allocate_ips", OperationClass::ALLOCATE),
};
/// `…/ip-ranges/{id}/available-ips/`.
pub(crate) const RANGE_AVAILABLE_IPS: PoolRoute = PoolRoute {
    path: "/api/ipam/ip-ranges/{id}/available-ips/",
    list: Operation::new("list_available_ips", OperationClass::LIST),
    allocate: Operation::new("allocate_ips", OperationClass::ALLOCATE),
};
/// `…/prefixes/{id}/available-prefixes/`.
pub(crate) const AVAILABLE_PREFIXES: PoolRoute = PoolRoute {
    path: "/api/ipam/prefixes/{id}/available-prefixes/",
    list: Operation::new("list_available_prefixes", OperationClass::LIST),
    allocate: Operation::new("allocate_prefixes", OperationClass::ALLOCATE),
};
/// `…/vlan-groups/{id}/available-vlans/`.
pub(crate) const AVAILABLE_VLANS: PoolRoute = PoolRoute {
    path: "/api/ipam/vlan-groups/{id}/available-vlans/",
    list: Operation::new("list_available_vlans", OperationClass::LIST),
    allocate: Operation::new("allocate_vlans", OperationClass::ALLOCATE),
};

/// Models with their own operation names: (path, plural, singular).
pub(crate) const MODELS: &[(&str, &str, &str)] = &[
    ("dcim/devices", "devices", "device"),
    ("dcim/interfaces", "interfaces", "interface"),
    ("dcim/sites", "sites", "site"),
    ("tenancy/tenants", "tenants", "tenant"),
    ("ipam/prefixes", "prefixes", "prefix"),
    ("ipam/ip-addresses", "ip_addresses", "ip_address"),
    ("ipam/ip-ranges", "ip_ranges", "ip_range"),
    ("ipam/vlans", "vlans", "vlan"),
    ("ipam/vlan-groups", "vlan_groups", "vlan_group"),
];

/// What a generic route does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verb {
    /// `GET /api/<m>/`
    List,
    /// `GET /api/<m>/{id}/`
    Get,
    /// `POST /api/<m>/` with an object
    Create,
    /// `POST /api/<m>/` with a list
    CreateMany,
    /// `PUT /api/<m>/{id}/`
    Update,
    /// `PATCH /api/<m>/{id}/`
    Patch,
    /// `DELETE /api/<m>/{id}/`
    Delete,
    /// `PUT /api/<m>/` with `[{id, …}]`
    BulkUpdate,
    /// `PATCH /api/<m>/` with `[{id, …}]`
    BulkPatch,
    /// `DELETE /api/<m>/` with `[{id}]`
    BulkDelete,
}

impl Verb {
    /// The operation of this verb on the model at `path`.
    pub(crate) fn operation(self, path: &str) -> Operation {
        let (plural, singular) = MODELS
            .iter()
            .find(|(p, ..)| *p == path)
            .map_or(("objects", "object"), |(_, plural, singular)| {
                (*plural, *singular)
            });
        let (name, class) = match self {
            Verb::List => (format!("list_{plural}"), OperationClass::LIST),
            Verb::Get => (format!("get_{singular}"), OperationClass::GET),
            Verb::Create => (format!("create_{singular}"), OperationClass::CREATE),
            Verb::CreateMany => (format!("create_{plural}"), OperationClass::CREATE),
            Verb::Update => (format!("update_{singular}"), OperationClass::UPDATE),
            Verb::Patch => (format!("patch_{singular}"), OperationClass::UPDATE),
            Verb::Delete => (format!("delete_{singular}"), OperationClass::DELETE),
            Verb::BulkUpdate => (format!("bulk_update_{plural}"), OperationClass::UPDATE),
            Verb::BulkPatch => (format!("bulk_patch_{plural}"), OperationClass::UPDATE),
            Verb::BulkDelete => (format!("bulk_delete_{plural}"), OperationClass::DELETE),
        };
        Operation::dynamic(name, class)
    }

    /// Whether the route addresses one object (`…/{id}/`).
    pub(crate) fn is_single(self) -> bool {
        matches!(self, Verb::Get | Verb::Update | Verb::Patch | Verb::Delete)
    }
}

/// The path template of a route on the model at `path` (`/api/dcim/devices/{id}/`).
pub(crate) fn template(path: &str, verb: Verb) -> Cow<'static, str> {
    if verb.is_single() {
        Cow::Owned(format!("/api/{path}/{{id}}/"))
    } else {
        Cow::Owned(format!("/api/{path}/"))
    }
}

/// Checks a model path: `app/model` (or `plugins/<plugin>/<model>`), lowercase letters,
/// digits, `-` and `_`. Returns it without surrounding slashes.
pub(crate) fn model_path(path: &str) -> Result<String, String> {
    let trimmed = path.trim().trim_matches('/');
    let trimmed = trimmed.strip_prefix("api/").unwrap_or(trimmed);
    let segments: Vec<&str> = trimmed.split('/').collect();
    let well_formed = (2..=3).contains(&segments.len())
        && segments.iter().all(|s| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        });
    if well_formed {
        Ok(trimmed.to_owned())
    } else {
        Err(format!(
            "{path:?} is not an API model path like \"dcim/devices\" (app/model, lowercase)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_named_per_model_and_bounded_otherwise() {
        assert_eq!(Verb::List.operation("dcim/devices").name(), "list_devices");
        assert_eq!(
            Verb::Get.operation("ipam/ip-addresses").name(),
            "get_ip_address"
        );
        assert_eq!(
            Verb::BulkDelete.operation("dcim/cables").name(),
            "bulk_delete_objects"
        );
        assert_eq!(
            template("dcim/devices", Verb::Patch),
            "/api/dcim/devices/{id}/"
        );
        assert_eq!(
            template("dcim/devices", Verb::BulkPatch),
            "/api/dcim/devices/"
        );
    }

    #[test]
    fn model_paths_are_checked() {
        assert_eq!(model_path("/api/dcim/devices/").unwrap(), "dcim/devices");
        assert_eq!(
            model_path("plugins/bgp/sessions").unwrap(),
            "plugins/bgp/sessions"
        );
        assert!(model_path("dcim").is_err());
        assert!(model_path("dcim/devices?x=1").is_err());
        assert!(model_path("dcim/../secrets").is_err());
        assert!(model_path("DCIM/Devices").is_err());
    }
}
