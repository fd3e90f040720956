//! The fleet's devices, from `[[fleet.devices]]` entries, an `inventory = "devices.csv"` file
//! and (feature `netbox`) a NetBox device query, `[fleet.inventory.netbox]`.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use crate::device::DeviceRef;
use crate::{Error, ErrorKind, Result};

/// The devices to back up, in the order they were listed, without duplicates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inventory {
    /// The devices; the first listing of a device wins, later duplicates are dropped.
    pub devices: Vec<DeviceRef>,
}

impl Inventory {
    /// Loads the inventory from the `[fleet]` settings table (as JSON): first the
    /// `[[fleet.devices]]` entries, then the CSV file named by `inventory = "…"`, relative to
    /// `base_dir`. A table-valued `inventory` (a NetBox query) is left to its own source.
    ///
    /// Every invalid entry is refused ([`ErrorKind::Inventory`]), naming `fleet.devices[i]` or
    /// the file and line; an unreadable file is [`ErrorKind::Io`].
    pub fn from_fleet_table(value: &Value, base_dir: &Path) -> Result<Inventory> {
        let table = match value {
            Value::Object(table) => table,
            Value::Null => return Ok(Inventory::default()),
            _ => return Err(inventory_error("fleet: expected a table")),
        };
        let mut devices = match table.get("devices") {
            None => Vec::new(),
            Some(Value::Array(entries)) => entries
                .iter()
                .enumerate()
                .map(|(index, entry)| device_from_entry(index, entry))
                .collect::<Result<Vec<_>>>()?,
            Some(_) => {
                return Err(inventory_error(
                    "fleet.devices: expected an array of tables",
                ));
            }
        };
        match table.get("inventory") {
            None | Some(Value::Object(_)) => {}
            Some(Value::String(file)) => {
                let path = base_dir.join(file);
                let bytes = std::fs::read(&path).map_err(|e| {
                    Error::new(
                        ErrorKind::Io,
                        format!("fleet.inventory: cannot read {}: {e}", path.display()),
                    )
                })?;
                // Bad content is a bad inventory (exit 2), not an I/O failure: name the line.
                let text = String::from_utf8(bytes).map_err(|e| {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                    inventory_error(format!("{file}:{line}: not UTF-8"))
                })?;
                devices.extend(Inventory::from_csv(&text, file)?.devices);
            }
            Some(_) => {
                return Err(inventory_error(
                    "fleet.inventory: expected a file name or a NetBox table",
                ));
            }
        }
        Ok(Inventory::deduplicated(devices))
    }

    /// Parses CSV text with a header naming the columns `tenant`, `source` and `id` (in any
    /// order; other columns are ignored). Blank lines are skipped. Errors name `origin` and the
    /// 1-based line.
    pub fn from_csv(text: &str, origin: &str) -> Result<Inventory> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        let Some((header_index, header)) = lines.next() else {
            return Ok(Inventory::default());
        };
        let at = |index: usize| format!("{origin}:{}", index + 1);
        let header = split_csv_line(header)
            .map_err(|r| inventory_error(format!("{}: {r}", at(header_index))))?;
        let column = |name: &str| {
            header.iter().position(|h| h.trim() == name).ok_or_else(|| {
                inventory_error(format!(
                    "{}: the header has no {name:?} column (expected tenant,source,id)",
                    at(header_index)
                ))
            })
        };
        let (tenant_col, source_col, id_col) =
            (column("tenant")?, column("source")?, column("id")?);
        let mut devices = Vec::new();
        for (index, line) in lines {
            let fields =
                split_csv_line(line).map_err(|r| inventory_error(format!("{}: {r}", at(index))))?;
            let field = |col: usize| fields.get(col).map(|f| f.trim().to_owned());
            let (Some(tenant), Some(source), Some(id)) =
                (field(tenant_col), field(source_col), field(id_col))
            else {
                return Err(inventory_error(format!(
                    "{}: expected {} columns, found {}",
                    at(index),
                    header.len(),
                    fields.len()
                )));
            };
            let device = DeviceRef::validated(tenant, source, id)
                .map_err(|reason| inventory_error(format!("{}: {reason}", at(index))))?;
            devices.push(device);
        }
        Ok(Inventory::deduplicated(devices))
    }

    /// The devices of `tenant` (when given) that are `device` (when given), in inventory order.
    pub fn filter(&self, tenant: Option<&str>, device: Option<&DeviceRef>) -> Inventory {
        let devices = self
            .devices
            .iter()
            .filter(|d| tenant.is_none_or(|t| d.tenant() == t))
            .filter(|d| device.is_none_or(|wanted| *d == wanted))
            .cloned()
            .collect();
        Inventory { devices }
    }

    /// Whether the inventory lists `device`.
    pub fn contains(&self, device: &DeviceRef) -> bool {
        self.devices.contains(device)
    }

    /// This inventory followed by the devices of `other` it does not list yet.
    pub fn merged(mut self, other: Inventory) -> Inventory {
        self.devices.extend(other.devices);
        Inventory::deduplicated(self.devices)
    }

    fn deduplicated(devices: Vec<DeviceRef>) -> Inventory {
        let mut seen = HashSet::with_capacity(devices.len());
        let devices = devices
            .into_iter()
            .filter(|d| seen.insert(d.clone()))
            .collect();
        Inventory { devices }
    }
}

fn inventory_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Inventory, message)
}

fn device_from_entry(index: usize, entry: &Value) -> Result<DeviceRef> {
    let at = format!("fleet.devices[{index}]");
    let Value::Object(fields) = entry else {
        return Err(inventory_error(format!("{at}: expected a table")));
    };
    if let Some(unknown) = fields
        .keys()
        .find(|k| !matches!(k.as_str(), "tenant" | "source" | "id"))
    {
        return Err(inventory_error(format!(
            "{at}: unknown field {unknown:?} (expected tenant, source, id)"
        )));
    }
    let text = |name: &str| match fields.get(name) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(_) => Err(inventory_error(format!("{at}: {name} must be a string"))),
        None => Err(inventory_error(format!("{at}: missing {name}"))),
    };
    DeviceRef::validated(text("tenant")?, text("source")?, text("id")?)
        .map_err(|reason| inventory_error(format!("{at}: {reason}")))
}

/// Splits one CSV record: fields may be double-quoted, with `""` for a quote inside.
fn split_csv_line(line: &str) -> std::result::Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (false, ',') => fields.push(std::mem::take(&mut field)),
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err("unterminated quoted field".to_owned());
    }
    fields.push(field);
    Ok(fields)
}

#[cfg(feature = "netbox")]
mod netbox;
#[cfg(test)]
mod tests;
