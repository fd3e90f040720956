//! The NetBox inventory: `[fleet.inventory.netbox]` (or several as `[[fleet.inventory.netbox]]`)
//! lists the devices of a filtered device query.
//!
//! ```toml
//! [fleet.inventory.netbox]
//! tenant = "acme"              # whose [tenants.acme.netbox] (or table of kind "netbox") is asked
//! source = "core-nms"          # the fleet source the devices' configs come from
//! filter = { role = "router", site = ["dc-1", "dc-2"] }   # NetBox device filters
//! id = "name"                  # or "pk": what the device ids look like
//! # service = "ipam"           # the NetBox table, when the tenant has several
//! ```
//!
//! Device ids must satisfy the fleet's id rule (`[A-Za-z0-9._:-]+`); with `id = "name"` a
//! device without a name, with a name outside that rule, or with a name of digits only (it
//! would read as a key) is refused, naming the device.

use futures::TryStreamExt;
use nbi_core::Transports;
use nbi_netbox::Client;
use serde_json::{Map, Value};

use super::{Inventory, inventory_error};
use crate::Result;
use crate::device::DeviceRef;

/// Page size of the device query.
const PAGE: u32 = 1000;

impl Inventory {
    /// The `[fleet.inventory.netbox]` table(s) of a `[fleet]` table, if any.
    pub fn netbox_query(fleet: &Value) -> Option<&Value> {
        fleet.get("inventory")?.get("netbox")
    }

    /// The devices a NetBox query lists (`query` is the `[fleet.inventory.netbox]` table, or
    /// an array of them). Bad settings are [`ErrorKind::Inventory`](crate::ErrorKind::Inventory)
    /// errors naming the field; a failed query is a transport error.
    pub async fn from_netbox(transports: &Transports, query: &Value) -> Result<Inventory> {
        let tables: Vec<(String, &Map<String, Value>)> = match query {
            Value::Object(table) => vec![("fleet.inventory.netbox".to_owned(), table)],
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let at = format!("fleet.inventory.netbox[{i}]");
                    item.as_object()
                        .map(|t| (at.clone(), t))
                        .ok_or_else(|| inventory_error(format!("{at}: expected a table")))
                })
                .collect::<Result<_>>()?,
            _ => return Err(inventory_error("fleet.inventory.netbox: expected a table")),
        };
        let mut devices = Vec::new();
        for (at, table) in tables {
            devices.extend(query_devices(transports, &at, table).await?);
        }
        Ok(Inventory::deduplicated(devices))
    }
}

async fn query_devices(
    transports: &Transports,
    at: &str,
    table: &Map<String, Value>,
) -> Result<Vec<DeviceRef>> {
    if let Some(unknown) = table.keys().find(|k| {
        !matches!(
            k.as_str(),
            "tenant" | "source" | "filter" | "id" | "service"
        )
    }) {
        return Err(inventory_error(format!(
            "{at}: unknown field {unknown:?} (expected tenant, source, filter, id, service)"
        )));
    }
    let text = |name: &str| match table.get(name) {
        Some(Value::String(s)) => Ok(Some(s.clone())),
        None => Ok(None),
        Some(_) => Err(inventory_error(format!("{at}.{name}: must be a string"))),
    };
    let tenant = text("tenant")?.ok_or_else(|| inventory_error(format!("{at}: missing tenant")))?;
    let source = text("source")?.ok_or_else(|| inventory_error(format!("{at}: missing source")))?;
    let by_name = match text("id")?.as_deref() {
        None | Some("name") => true,
        Some("pk") => false,
        Some(other) => {
            return Err(inventory_error(format!(
                "{at}.id: {other:?} is neither \"name\" nor \"pk\""
            )));
        }
    };
    let service = match text("service")? {
        Some(service) => service,
        None => netbox_service(transports, at, &tenant)?,
    };
    let filters = filters(at, table.get("filter"))?;
    let client = Client::from_transports(transports, &tenant, &service)?;
    let found: Vec<Value> = client
        .endpoint("dcim/devices")
        .list()
        .filters(filters)
        .brief(true)
        .limit(PAGE)
        .all()
        .try_collect()
        .await?;
    found
        .iter()
        .map(|device| {
            let pk = device["id"].as_u64().unwrap_or_default();
            let name = device["name"].as_str();
            let shown = name.map_or_else(|| format!("with key {pk}"), |n| format!("{n:?} (key {pk})"));
            let id = if by_name {
                match name {
                    None | Some("") => {
                        return Err(inventory_error(format!(
                            "{at}: NetBox device {shown} has no name; use id = \"pk\""
                        )));
                    }
                    Some(n) if n.bytes().all(|b| b.is_ascii_digit()) => {
                        return Err(inventory_error(format!(
                            "{at}: NetBox device {shown} has a name of digits only, which reads as a key; use id = \"pk\""
                        )));
                    }
                    Some(n) => n.to_owned(),
                }
            } else {
                pk.to_string()
            };
            DeviceRef::validated(tenant.clone(), source.clone(), id)
                .map_err(|reason| inventory_error(format!("{at}: NetBox device {shown}: {reason}")))
        })
        .collect()
}

/// The tenant's NetBox table: the one named `netbox`, else the only one of kind `netbox`.
fn netbox_service(transports: &Transports, at: &str, tenant: &str) -> Result<String> {
    let services = transports.settings().tenants.get(tenant).ok_or_else(|| {
        inventory_error(format!(
            "{at}.tenant: no [tenants.{tenant}] in the settings"
        ))
    })?;
    if services.contains_key("netbox") {
        return Ok("netbox".to_owned());
    }
    let netboxes: Vec<&String> = services
        .iter()
        .filter(|(name, s)| s.kind_or(name) == "netbox")
        .map(|(name, _)| name)
        .collect();
    match netboxes.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(inventory_error(format!(
            "{at}.tenant: [tenants.{tenant}] has no netbox table (a service named netbox or with kind = \"netbox\")"
        ))),
        _ => Err(inventory_error(format!(
            "{at}.service: [tenants.{tenant}] has several NetBox tables; name one with service = \"…\""
        ))),
    }
}

/// The query filters: strings, numbers and booleans, or arrays of them (any of the values).
fn filters(at: &str, filter: Option<&Value>) -> Result<Vec<(String, String)>> {
    let Some(filter) = filter else {
        return Ok(Vec::new());
    };
    let Value::Object(map) = filter else {
        return Err(inventory_error(format!(
            "{at}.filter: expected a table of NetBox filters"
        )));
    };
    let scalar = |key: &str, v: &Value| -> Result<String> {
        match v {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            _ => Err(inventory_error(format!(
                "{at}.filter.{key}: expected a string, number, boolean or an array of them"
            ))),
        }
    };
    let mut pairs = Vec::new();
    for (key, value) in map {
        match value {
            Value::Array(values) => {
                for v in values {
                    pairs.push((key.clone(), scalar(key, v)?));
                }
            }
            other => pairs.push((key.clone(), scalar(key, other)?)),
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filters_take_scalars_and_lists() {
        let pairs = filters(
            "f",
            Some(&json!({"role": "router", "site": ["a", "b"], "vid": 4})),
        )
        .unwrap();
        assert_eq!(pairs.len(), 4);
        assert!(filters("f", Some(&json!({"role": {"x": 1}}))).is_err());
    }

    #[tokio::test]
    async fn settings_errors_name_the_field() {
        let settings = nbi_core::Settings::from_toml_str(
            "[tenants.acme.nms]\nkind = \"http-json\"\nurl = \"https://nms.example\"\n",
            std::path::Path::new("."),
        )
        .unwrap();
        let transports = Transports::new(settings);
        for (query, expected) in [
            (json!({"tenant": "acme"}), "missing source"),
            (
                json!({"tenant": "acme", "source": "nms", "id": "serial"}),
                "fleet.inventory.netbox.id",
            ),
            (
                json!({"tenant": "acme", "source": "nms", "bogus": 1}),
                "unknown field \"bogus\"",
            ),
            (
                json!({"tenant": "acme", "source": "nms"}),
                "has no netbox table",
            ),
            (
                json!({"tenant": "zeta", "source": "nms"}),
                "no [tenants.zeta]",
            ),
            (
                json!([{"tenant": "acme", "source": "nms"}, 3]),
                "fleet.inventory.netbox[1]",
            ),
        ] {
            let e = Inventory::from_netbox(&transports, &query)
                .await
                .unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Inventory, "{e}");
            assert!(e.message().contains(expected), "{e}");
        }
    }
}
