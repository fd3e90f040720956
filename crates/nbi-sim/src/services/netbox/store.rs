//! One tenant's NetBox database: rows of every model, validated writes, and rows rendered as
//! the API shows them (nested references and choice objects expanded on every read).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::models::{Display, MODELS, Model, by_path};
use super::respond::FieldErrors;
use super::{ip, validate};

/// Fields the server owns; a client's values for them are ignored.
const READ_ONLY: &[&str] = &[
    "id",
    "url",
    "display",
    "created",
    "last_updated",
    "display_url",
];

/// Foreign keys whose target may not be deleted while they point at it.
const PROTECTED: &[(&str, &str)] = &[
    ("dcim/devices", "site"),
    ("dcim/devices", "role"),
    ("dcim/devices", "device_type"),
    ("ipam/vlans", "group"),
];

/// Foreign keys whose rows go when their target goes.
const CASCADE: &[(&str, &str)] = &[("dcim/interfaces", "device")];

/// Fields a nested reference carries besides id, url and display.
const NESTED_FIELDS: &[&str] = &[
    "name",
    "slug",
    "model",
    "address",
    "prefix",
    "vid",
    "description",
];

/// A stored row: the fields as written, foreign keys as ids and choices as values.
pub(super) type Row = Map<String, Value>;

#[derive(Debug, Default, Clone)]
struct Table {
    next_id: u64,
    rows: BTreeMap<u64, Row>,
}

/// Why a write failed.
#[derive(Debug)]
pub(super) enum WriteError {
    /// 400 with these field errors.
    Invalid(FieldErrors),
    /// 404: no such object.
    NotFound,
    /// 409 with this detail.
    Conflict(String),
}

/// One tenant's objects.
#[derive(Debug, Clone)]
pub(super) struct Store {
    base_url: String,
    tables: BTreeMap<&'static str, Table>,
    /// The time stamp of writes: fixed while seeding, the clock afterwards.
    pub(super) now: fn() -> String,
}

impl Store {
    pub(super) fn new(base_url: String) -> Self {
        Store {
            base_url,
            tables: MODELS.iter().map(|m| (m.path, Table::default())).collect(),
            now: || "2025-01-01T00:00:00.000000Z".to_owned(),
        }
    }

    /// The row `id` of `model`.
    pub(super) fn row(&self, model: &Model, id: u64) -> Option<&Row> {
        self.tables.get(model.path)?.rows.get(&id)
    }

    /// Every row of `model`, by id.
    pub(super) fn rows(&self, model: &Model) -> impl Iterator<Item = (u64, &Row)> {
        self.tables
            .get(model.path)
            .into_iter()
            .flat_map(|t| t.rows.iter().map(|(id, row)| (*id, row)))
    }

    /// Validates `input` and stores it as a new object; returns its id.
    pub(super) fn create(
        &mut self,
        model: &'static Model,
        input: &Value,
    ) -> Result<u64, WriteError> {
        let row = self.validated(model, input, None)?;
        let table = self.table(model);
        table.next_id += 1;
        let id = table.next_id;
        let now = (self.now)();
        let mut row = row;
        row.insert("created".into(), Value::String(now.clone()));
        row.insert("last_updated".into(), Value::String(now));
        self.table(model).rows.insert(id, row);
        Ok(id)
    }

    /// Replaces (`partial` false: PUT) or changes (PATCH) object `id`.
    pub(super) fn update(
        &mut self,
        model: &'static Model,
        id: u64,
        input: &Value,
        partial: bool,
    ) -> Result<(), WriteError> {
        let existing = self.row(model, id).cloned().ok_or(WriteError::NotFound)?;
        let mut row = self.validated(model, input, Some((id, &existing, partial)))?;
        for key in ["created"] {
            if let Some(v) = existing.get(key) {
                row.insert(key.into(), v.clone());
            }
        }
        row.insert("last_updated".into(), Value::String((self.now)()));
        self.table(model).rows.insert(id, row);
        Ok(())
    }

    /// Deletes object `id`, cascading and clearing references as NetBox's foreign keys do.
    pub(super) fn delete(&mut self, model: &'static Model, id: u64) -> Result<(), WriteError> {
        if self.row(model, id).is_none() {
            return Err(WriteError::NotFound);
        }
        let mut blockers = Vec::new();
        for (path, field) in PROTECTED {
            let Some(source) = by_path(path) else {
                continue;
            };
            if source.target_of(field) != Some(model.path) {
                continue;
            }
            for (other, row) in self.rows(source) {
                if row.get(*field).and_then(Value::as_u64) == Some(id) {
                    blockers.push(format!(
                        "{} {}",
                        source.verbose,
                        self.display(source, other)
                    ));
                }
            }
        }
        if !blockers.is_empty() {
            return Err(WriteError::Conflict(format!(
                "Unable to delete object. The following dependent objects were found: {}",
                blockers.join(", ")
            )));
        }
        self.table(model).rows.remove(&id);
        for source in MODELS {
            for (field, target) in source.foreign_keys {
                if *target != model.path {
                    continue;
                }
                let cascade = CASCADE.contains(&(source.path, *field));
                let hits: Vec<u64> = self
                    .rows(source)
                    .filter(|(_, row)| row.get(*field).and_then(Value::as_u64) == Some(id))
                    .map(|(other, _)| other)
                    .collect();
                for other in hits {
                    if cascade {
                        // Cascaded rows cascade further (an interface's addresses are unassigned).
                        let _ = self.delete(source, other);
                    } else if let Some(row) = self.table(source).rows.get_mut(&other) {
                        row.insert((*field).to_owned(), Value::Null);
                    }
                }
            }
        }
        if model.path == "dcim/interfaces" {
            self.unassign_addresses(id);
        }
        Ok(())
    }

    fn unassign_addresses(&mut self, interface: u64) {
        let Some(addresses) = self.tables.get_mut("ipam/ip-addresses") else {
            return;
        };
        for row in addresses.rows.values_mut() {
            if assigned_interface(row) == Some(interface) {
                row.insert("assigned_object_type".into(), Value::Null);
                row.insert("assigned_object_id".into(), Value::Null);
            }
        }
    }

    /// Object `id` of `model` as the API shows it.
    pub(super) fn render(&self, model: &Model, id: u64) -> Option<Value> {
        let row = self.row(model, id)?;
        let mut object = Map::new();
        object.insert("id".into(), json!(id));
        object.insert("url".into(), json!(self.url(model, id)));
        object.insert("display".into(), json!(self.display(model, id)));
        for (key, value) in row {
            let shown = if let Some(target) = model.target_of(key) {
                value
                    .as_u64()
                    .and_then(|t| self.nested(by_path(target)?, t))
                    .unwrap_or(Value::Null)
            } else if let Some(choices) = model.choices_of(key) {
                let label = choices
                    .iter()
                    .find(|(v, _)| Some(*v) == value.as_str())
                    .map_or("", |(_, l)| l);
                json!({ "value": value, "label": label })
            } else {
                value.clone()
            };
            object.insert(key.clone(), shown);
        }
        if model.path == "ipam/ip-addresses" {
            let assigned = assigned_interface(row).and_then(|i| self.nested_interface(i));
            object.insert("assigned_object".into(), assigned.unwrap_or(Value::Null));
        }
        if model.path == "ipam/prefixes" || model.path == "ipam/ip-addresses" {
            let text = row.get("prefix").or_else(|| row.get("address"));
            let family = if text
                .and_then(Value::as_str)
                .is_some_and(|s| s.contains(':'))
            {
                (6, "IPv6")
            } else {
                (4, "IPv4")
            };
            object.insert(
                "family".into(),
                json!({"value": family.0, "label": family.1}),
            );
        }
        Some(Value::Object(object))
    }

    /// The brief form of object `id`: id, url, display and a few naming fields.
    pub(super) fn nested(&self, model: &Model, id: u64) -> Option<Value> {
        let row = self.row(model, id)?;
        let mut object = Map::new();
        object.insert("id".into(), json!(id));
        object.insert("url".into(), json!(self.url(model, id)));
        object.insert("display".into(), json!(self.display(model, id)));
        for field in NESTED_FIELDS {
            if let Some(value) = row.get(*field) {
                object.insert((*field).to_owned(), value.clone());
            }
        }
        Some(Value::Object(object))
    }

    fn nested_interface(&self, id: u64) -> Option<Value> {
        let interfaces = by_path("dcim/interfaces")?;
        let mut nested = self.nested(interfaces, id)?;
        let device = self.row(interfaces, id)?.get("device")?.as_u64()?;
        let device = self.nested(by_path("dcim/devices")?, device)?;
        if let Value::Object(map) = &mut nested {
            map.insert("device".into(), device);
        }
        Some(nested)
    }

    /// `display` of object `id`.
    pub(super) fn display(&self, model: &Model, id: u64) -> String {
        let Some(row) = self.row(model, id) else {
            return String::new();
        };
        let text = |f: &str| match row.get(f) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        match model.display {
            Display::Field(f) => {
                let shown = text(f);
                if shown.is_empty() {
                    format!("Unnamed {} ({id})", model.verbose)
                } else {
                    shown
                }
            }
            Display::Range => format!("{}-{}", text("start_address"), text("end_address")),
            Display::Vlan => format!("{} ({})", text("name"), text("vid")),
        }
    }

    /// The object's API URL.
    pub(super) fn url(&self, model: &Model, id: u64) -> String {
        format!("{}/api/{}/{id}/", self.base_url, model.path)
    }

    /// The base URL of the server.
    pub(super) fn base_url(&self) -> &str {
        &self.base_url
    }

    fn table(&mut self, model: &Model) -> &mut Table {
        self.tables.entry(model.path).or_default()
    }

    /// The row `input` makes: for a create `existing` is `None`; for an update it is the id,
    /// the current row and whether the update is partial.
    fn validated(
        &self,
        model: &'static Model,
        input: &Value,
        existing: Option<(u64, &Row, bool)>,
    ) -> Result<Row, WriteError> {
        let Value::Object(input) = input else {
            let mut errors = FieldErrors::default();
            errors.add(
                "non_field_errors",
                "Invalid data. Expected a dictionary, but got list.",
            );
            return Err(WriteError::Invalid(errors));
        };
        let partial = existing.is_some_and(|(_, _, partial)| partial);
        let mut row = match existing {
            Some((_, current, true)) => current.clone(),
            _ => Row::new(),
        };
        let mut errors = FieldErrors::default();
        for (key, value) in input {
            if READ_ONLY.contains(&key.as_str()) {
                continue;
            }
            match validate::field(self, model, key, value) {
                Ok(stored) => {
                    row.insert(key.clone(), stored);
                }
                Err(message) => errors.add(key.clone(), message),
            }
        }
        if !partial {
            for (field, default) in model.defaults {
                row.entry(*field)
                    .or_insert_with(|| Value::String((*default).to_owned()));
            }
            for field in model.required {
                let missing = match input.get(*field) {
                    None => true,
                    Some(Value::String(s)) => s.is_empty(),
                    Some(_) => false,
                };
                if missing && !errors_has(&errors, field) {
                    errors.add(*field, "This field is required.");
                }
            }
        }
        let own_id = existing.map(|(id, _, _)| id);
        for field in model.unique {
            let Some(value) = row.get(*field).filter(|v| !v.is_null()) else {
                continue;
            };
            let taken = self
                .rows(model)
                .any(|(other, r)| Some(other) != own_id && r.get(*field) == Some(value));
            if taken && input.contains_key(*field) {
                errors.add(
                    *field,
                    format!("{} with this {field} already exists.", model.verbose),
                );
            }
        }
        if model.path == "ipam/vlans"
            && let (Some(group), Some(vid)) =
                (row.get("group").filter(|g| !g.is_null()), row.get("vid"))
        {
            let taken = self.rows(model).any(|(other, r)| {
                Some(other) != own_id && r.get("group") == Some(group) && r.get("vid") == Some(vid)
            });
            if taken {
                errors.add(
                    "non_field_errors",
                    "The fields group, vid must make a unique set.",
                );
            }
        }
        if errors.is_empty() {
            Ok(row)
        } else {
            Err(WriteError::Invalid(errors))
        }
    }
}

fn errors_has(errors: &FieldErrors, field: &str) -> bool {
    errors.clone().into_map().contains_key(field)
}

/// The interface an IP address row is assigned to.
pub(super) fn assigned_interface(row: &Row) -> Option<u64> {
    (row.get("assigned_object_type")?.as_str()? == "dcim.interface")
        .then(|| row.get("assigned_object_id")?.as_u64())
        .flatten()
}

/// The IPv4 block a prefix row covers.
pub(super) fn prefix_block(row: &Row) -> Option<ip::Cidr> {
    ip::Cidr::parse(row.get("prefix")?.as_str()?)
}
