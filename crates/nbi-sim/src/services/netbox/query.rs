//! Listing: NetBox's filters on the common fields, and its two paging modes (limit/offset
//! with a count, and the `start` cursor without one).

use serde_json::{Value, json};

use super::models::{Model, by_path};
use super::respond::FieldErrors;
use super::store::{Row, Store, assigned_interface};

/// `PAGINATE_COUNT`: the page size when none is asked for.
pub(super) const DEFAULT_LIMIT: usize = 50;
/// `MAX_PAGE_SIZE`: the largest page; `limit=0` asks for it.
pub(super) const MAX_LIMIT: usize = 1000;

/// Query parameters that are not filters.
const NOT_FILTERS: &[&str] = &[
    "limit", "offset", "start", "ordering", "brief", "format", "fields", "exclude", "omit",
];

/// Fields `q` searches.
const SEARCHED: &[&str] = &[
    "name",
    "description",
    "address",
    "prefix",
    "serial",
    "slug",
    "model",
    "dns_name",
];

/// The page size of a request: the default when absent or not a number, at most the maximum.
pub(super) fn limit(params: &[(String, String)]) -> usize {
    match param(params, "limit").map(str::parse::<usize>) {
        Some(Ok(0)) => MAX_LIMIT,
        Some(Ok(n)) => n.min(MAX_LIMIT),
        _ => DEFAULT_LIMIT,
    }
}

/// The first value of `key`.
pub(super) fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The ids of `model`'s rows that pass every filter in `params`, in id order, or the 400
/// errors of filters whose values are malformed. Unknown filters are ignored, as NetBox does.
pub(super) fn matching(
    store: &Store,
    model: &Model,
    params: &[(String, String)],
) -> Result<Vec<u64>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut filters: Vec<(&str, Vec<&str>)> = Vec::new();
    for (key, value) in params {
        if NOT_FILTERS.contains(&key.as_str()) {
            continue;
        }
        let is_numeric = key == "id" || key.ends_with("_id") || key.starts_with("id__");
        if is_numeric && value.parse::<u64>().is_err() {
            errors.add(key.clone(), "Enter a number.");
            continue;
        }
        match filters.iter_mut().find(|(k, _)| k == key) {
            Some((_, values)) => values.push(value),
            None => filters.push((key, vec![value])),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(store
        .rows(model)
        .filter(|(id, row)| {
            filters
                .iter()
                .all(|(key, values)| passes(store, model, *id, row, key, values))
        })
        .map(|(id, _)| id)
        .collect())
}

fn passes(store: &Store, model: &Model, id: u64, row: &Row, key: &str, values: &[&str]) -> bool {
    let (field, lookup) = match key.split_once("__") {
        Some(split) => split,
        // `q` is a case-insensitive substring search.
        None if key == "q" => ("q", "ic"),
        None => (key, "exact"),
    };
    let Some(actual) = field_values(store, model, id, row, field) else {
        return true; // not a filter of this model: ignored
    };
    let hit = |wanted: &str| {
        actual.iter().any(|have| match lookup {
            "ic" | "nic" => have.to_lowercase().contains(&wanted.to_lowercase()),
            "ie" | "nie" => have.eq_ignore_ascii_case(wanted),
            "isw" | "nisw" => have.to_lowercase().starts_with(&wanted.to_lowercase()),
            _ => have == wanted,
        })
    };
    let any = values.iter().any(|v| hit(v));
    if lookup.starts_with('n') { !any } else { any }
}

/// The values a filter on `field` compares with, or `None` when the model has no such filter.
fn field_values(
    store: &Store,
    model: &Model,
    id: u64,
    row: &Row,
    field: &str,
) -> Option<Vec<String>> {
    if field == "id" {
        return Some(vec![id.to_string()]);
    }
    if field == "q" {
        let display = store.display(model, id);
        return Some(
            SEARCHED
                .iter()
                .filter_map(|f| row.get(*f).and_then(Value::as_str))
                .map(str::to_owned)
                .chain(std::iter::once(display))
                .collect(),
        );
    }
    if model.path == "ipam/ip-addresses"
        && (field == "interface_id" || field == "device_id" || field == "device")
    {
        let interface = assigned_interface(row);
        return Some(match field {
            "interface_id" => interface.map(|i| i.to_string()).into_iter().collect(),
            _ => {
                let device = interface.and_then(|i| {
                    store
                        .row(by_path("dcim/interfaces")?, i)?
                        .get("device")?
                        .as_u64()
                });
                match (field, device) {
                    ("device_id", Some(d)) => vec![d.to_string()],
                    ("device", Some(d)) => by_path("dcim/devices")
                        .and_then(|m| store.row(m, d)?.get("name")?.as_str().map(str::to_owned))
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                }
            }
        });
    }
    if let Some(base) = field.strip_suffix("_id")
        && model.target_of(base).is_some()
    {
        return Some(
            row.get(base)
                .and_then(Value::as_u64)
                .map(|v| v.to_string())
                .into_iter()
                .collect(),
        );
    }
    if let Some(target) = model.target_of(field) {
        let target_model = by_path(target)?;
        let Some(target_id) = row.get(field).and_then(Value::as_u64) else {
            return Some(Vec::new());
        };
        let target_row = store.row(target_model, target_id)?;
        // Related objects are filtered by slug where they have one, else by name.
        let key = if target_row.contains_key("slug") {
            "slug"
        } else {
            "name"
        };
        return Some(
            target_row
                .get(key)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .into_iter()
                .collect(),
        );
    }
    let value = row.get(field)?;
    Some(match value {
        Value::Null => Vec::new(),
        Value::String(s) => vec![s.clone()],
        other => vec![other.to_string()],
    })
}

/// One page of `ids` as the list body: offset mode with a count, or cursor mode (`start`)
/// with `count` and `previous` null.
pub(super) fn page(
    store: &Store,
    model: &Model,
    ids: &[u64],
    params: &[(String, String)],
) -> Value {
    let limit = limit(params);
    let brief = matches!(param(params, "brief"), Some("true" | "True" | "1"));
    let render = |id: u64| {
        if brief {
            store.nested(model, id)
        } else {
            store.render(model, id)
        }
    };
    let link = |replace: &[(&str, Option<String>)]| {
        let mut pairs: Vec<(String, String)> = params
            .iter()
            .filter(|(k, _)| !replace.iter().any(|(r, _)| k == r))
            .cloned()
            .collect();
        for (key, value) in replace {
            if let Some(value) = value {
                pairs.push(((*key).to_owned(), value.clone()));
            }
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        format!(
            "{}/api/{}/?{}",
            store.base_url(),
            model.path,
            query.join("&")
        )
    };
    if let Some(start) = param(params, "start") {
        let start: u64 = start.parse().unwrap_or(0);
        let rest: Vec<u64> = ids.iter().copied().filter(|id| *id >= start).collect();
        let shown: Vec<u64> = rest.iter().copied().take(limit).collect();
        let next = (rest.len() > limit).then(|| {
            let after = shown.last().map_or(start, |last| last + 1);
            link(&[
                ("start", Some(after.to_string())),
                ("limit", Some(limit.to_string())),
            ])
        });
        let results: Vec<Value> = shown.into_iter().filter_map(render).collect();
        return json!({"count": null, "next": next, "previous": null, "results": results});
    }
    let offset: usize = param(params, "offset")
        .and_then(|o| o.parse().ok())
        .unwrap_or(0);
    let count = ids.len();
    let results: Vec<Value> = ids
        .iter()
        .copied()
        .skip(offset)
        .take(limit)
        .filter_map(render)
        .collect();
    let next = (offset + limit < count).then(|| {
        link(&[
            ("limit", Some(limit.to_string())),
            ("offset", Some((offset + limit).to_string())),
        ])
    });
    let previous = (offset > 0).then(|| {
        let back = offset.saturating_sub(limit);
        link(&[
            ("limit", Some(limit.to_string())),
            ("offset", (back > 0).then(|| back.to_string())),
        ])
    });
    json!({"count": count, "next": next, "previous": previous, "results": results})
}

/// Percent-encodes a query component.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
