//! `POST /api/dcim/devices/<id>/render-config/`: the device's config template rendered with
//! its data. The simulator does not run Jinja; it renders a fixed, deterministic layout from
//! the device, its interfaces and their addresses, and fails as NetBox does when the device
//! has no template (400) or the template does not compile (500).

use std::fmt::Write as _;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Value, json};

use super::models::by_path;
use super::respond;
use super::store::{Store, assigned_interface};

/// The render-config answer for device `id` (which exists).
pub(super) fn render_config(store: &Store, id: u64) -> Response {
    let (Some(devices), Some(roles), Some(templates)) = (
        by_path("dcim/devices"),
        by_path("dcim/device-roles"),
        by_path("extras/config-templates"),
    ) else {
        return respond::page_not_found();
    };
    let Some(device) = store.row(devices, id) else {
        return respond::no_match(devices.object_name);
    };
    let number = |v: Option<&Value>| v.and_then(Value::as_u64);
    // The device's own template wins over its role's, as in NetBox.
    let template_id = number(device.get("config_template")).or_else(|| {
        let role = number(device.get("role"))?;
        number(store.row(roles, role)?.get("config_template"))
    });
    let name = store.display(devices, id);
    let Some(template_id) = template_id.filter(|t| store.row(templates, *t).is_some()) else {
        return respond::json(
            StatusCode::BAD_REQUEST,
            json!({"error": format!("No config template found for device {name}.")}),
        );
    };
    let code = store
        .row(templates, template_id)
        .and_then(|t| t.get("template_code")?.as_str())
        .unwrap_or_default();
    if code.matches("{% if").count() != code.matches("{% endif").count() {
        return respond::server_error(
            "TemplateSyntaxError",
            "Unexpected end of template. Jinja was looking for the following tags: 'elif' or 'else' or 'endif'.",
        );
    }
    let content = content(store, id);
    let configtemplate = store.nested(templates, template_id).unwrap_or(Value::Null);
    respond::json(
        StatusCode::OK,
        json!({"configtemplate": configtemplate, "content": content}),
    )
}

/// The rendered text: only the device's own data, so it changes only when that data does.
fn content(store: &Store, id: u64) -> String {
    let Some(devices) = by_path("dcim/devices") else {
        return String::new();
    };
    let rendered = store.render(devices, id).unwrap_or(Value::Null);
    let field = |path: &[&str]| {
        let mut value = &rendered;
        for key in path {
            value = &value[*key];
        }
        match value {
            Value::String(s) => s.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "! {} ({})",
        field(&["display"]),
        field(&["device_type", "model"])
    );
    let _ = writeln!(out, "hostname {}", field(&["name"]));
    let _ = writeln!(
        out,
        "! site {} / tenant {} / role {} / status {}",
        field(&["site", "slug"]),
        field(&["tenant", "slug"]),
        field(&["role", "slug"]),
        field(&["status", "value"]),
    );
    let serial = field(&["serial"]);
    if !serial.is_empty() {
        let _ = writeln!(out, "! serial {serial}");
    }
    let (Some(interfaces), Some(addresses)) =
        (by_path("dcim/interfaces"), by_path("ipam/ip-addresses"))
    else {
        return out;
    };
    for (interface, row) in store.rows(interfaces) {
        if row.get("device").and_then(Value::as_u64) != Some(id) {
            continue;
        }
        let text = |k: &str| {
            row.get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let _ = writeln!(out, "interface {}", text("name"));
        let description = text("description");
        if !description.is_empty() {
            let _ = writeln!(out, " description {description}");
        }
        if let Some(mtu) = row.get("mtu").and_then(Value::as_u64) {
            let _ = writeln!(out, " mtu {mtu}");
        }
        for (_, address) in store.rows(addresses) {
            if assigned_interface(address) == Some(interface)
                && let Some(cidr) = address.get("address").and_then(Value::as_str)
            {
                let _ = writeln!(out, " ip address {cidr}");
            }
        }
        if row.get("enabled") == Some(&Value::Bool(false)) {
            let _ = writeln!(out, " shutdown");
        }
        out.push_str("!\n");
    }
    out.push_str("end\n");
    out
}
