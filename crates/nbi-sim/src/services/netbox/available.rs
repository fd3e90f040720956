//! `available-ips` (prefixes and IP ranges), `available-prefixes` and `available-vlans`:
//! listing what is free and allocating from it, all or nothing.

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::ip::{self, Cidr};
use super::models::{Model, by_path};
use super::query;
use super::respond::{self, FieldErrors};
use super::store::{Store, WriteError, prefix_block};

/// What a pool hands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pool {
    /// Addresses of a prefix or an IP range.
    Ips,
    /// Child prefixes of a prefix.
    Prefixes,
    /// VLAN ids of a VLAN group.
    Vlans,
}

impl Pool {
    /// The pool an action names on `parent`, if that model has it.
    pub(super) fn of(parent: &Model, action: &str) -> Option<Pool> {
        match (parent.path, action) {
            ("ipam/prefixes" | "ipam/ip-ranges", "available-ips") => Some(Pool::Ips),
            ("ipam/prefixes", "available-prefixes") => Some(Pool::Prefixes),
            ("ipam/vlan-groups", "available-vlans") => Some(Pool::Vlans),
            _ => None,
        }
    }
}

/// `GET …/<action>/`: what is free, as NetBox lists it (a plain array, not a page).
pub(super) fn list(
    store: &Store,
    parent: &Model,
    id: u64,
    pool: Pool,
    params: &[(String, String)],
) -> Response {
    let limit = query::limit(params);
    let body: Vec<Value> = match pool {
        Pool::Ips => free_ips(store, parent, id, limit)
            .0
            .into_iter()
            .map(|(addr, len)| json!({"family": 4, "address": format!("{}/{len}", ip::dotted(addr)), "vrf": null}))
            .collect(),
        Pool::Prefixes => free_prefixes(store, id)
            .into_iter()
            .map(|c| json!({"family": 4, "prefix": format!("{}/{}", ip::dotted(c.addr), c.len), "vrf": null}))
            .collect(),
        Pool::Vlans => {
            let group = store.nested(parent, id).unwrap_or(Value::Null);
            free_vids(store, id)
                .into_iter()
                .take(limit)
                .map(|vid| json!({"vid": vid, "group": group}))
                .collect()
        }
    };
    respond::json(StatusCode::OK, Value::Array(body))
}

/// `POST …/<action>/` with one object or a list: 201 with the created object(s), 409 when the
/// pool cannot hold them all, 400 with the field errors of bad requests.
pub(super) fn allocate(
    store: &mut Store,
    parent: &'static Model,
    id: u64,
    pool: Pool,
    body: &Value,
) -> Response {
    let many = body.is_array();
    let requests: Vec<Value> = match body {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let mut errors = vec![FieldErrors::default(); requests.len()];
    let mut bodies = Vec::with_capacity(requests.len());
    let (target, exhausted) = match pool {
        Pool::Ips => ("ipam/ip-addresses", None),
        Pool::Prefixes => ("ipam/prefixes", None),
        Pool::Vlans => (
            "ipam/vlans",
            Some("The requested number of VLANs is not available"),
        ),
    };
    let Some(target) = by_path(target) else {
        return respond::page_not_found();
    };
    for (index, request) in requests.iter().enumerate() {
        match request {
            Value::Object(map) => bodies.push(map.clone()),
            _ => errors[index].add("non_field_errors", "Invalid data. Expected a dictionary."),
        }
    }
    if errors.iter().any(|e| !e.is_empty()) {
        return respond::invalid_items(errors);
    }
    let assigned: Result<Vec<(&str, Value)>, Box<Response>> = match pool {
        Pool::Ips => {
            let (free, total) = free_ips(store, parent, id, bodies.len());
            if free.len() < bodies.len() {
                return respond::detail(
                    StatusCode::CONFLICT,
                    format!(
                        "An insufficient number of IP addresses are available within {} ({} requested, {} available)",
                        store.display(parent, id),
                        bodies.len(),
                        total
                    ),
                );
            }
            Ok(free
                .into_iter()
                .take(bodies.len())
                .map(|(addr, len)| ("address", json!(format!("{}/{len}", ip::dotted(addr)))))
                .collect())
        }
        Pool::Prefixes => prefix_assignments(store, id, &bodies, &mut errors),
        Pool::Vlans => {
            for (index, body) in bodies.iter().enumerate() {
                if body
                    .get("name")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    errors[index].add("name", "This field is required.");
                }
            }
            if errors.iter().any(|e| !e.is_empty()) {
                return respond::invalid_items(errors);
            }
            let free = free_vids(store, id);
            if free.len() < bodies.len() {
                return respond::detail(StatusCode::CONFLICT, exhausted.unwrap_or_default());
            }
            Ok(free.into_iter().map(|vid| ("vid", json!(vid))).collect())
        }
    };
    let assigned = match assigned {
        Ok(assigned) => assigned,
        Err(response) => return *response,
    };
    let mut created = Vec::new();
    for (mut body, (field, value)) in bodies.into_iter().zip(assigned) {
        body.insert(field.to_owned(), value);
        if pool == Pool::Vlans {
            body.insert("group".into(), json!(id));
        }
        body.remove("prefix_length");
        match store.create(target, &Value::Object(body)) {
            Ok(new) => created.push(new),
            Err(e) => {
                // All or nothing, as NetBox's transaction: undo what this request created.
                for done in created {
                    let _ = store.delete(target, done);
                }
                return match e {
                    WriteError::Invalid(fields) if many => respond::invalid_items(vec![fields]),
                    WriteError::Invalid(fields) => respond::invalid(fields),
                    WriteError::Conflict(detail) => respond::detail(StatusCode::CONFLICT, detail),
                    WriteError::NotFound => respond::no_match(parent.object_name),
                };
            }
        }
    }
    let rendered: Vec<Value> = created
        .iter()
        .filter_map(|new| store.render(target, *new))
        .collect();
    let body = match (many, rendered.into_iter().next()) {
        (false, Some(one)) => one,
        (false, None) => Value::Null,
        (true, first) => {
            let mut all: Vec<Value> = first.into_iter().collect();
            all.extend(
                created
                    .iter()
                    .skip(1)
                    .filter_map(|new| store.render(target, *new)),
            );
            Value::Array(all)
        }
    };
    respond::json(StatusCode::CREATED, body)
}

fn prefix_assignments(
    store: &Store,
    id: u64,
    bodies: &[Map<String, Value>],
    errors: &mut [FieldErrors],
) -> Result<Vec<(&'static str, Value)>, Box<Response>> {
    let parent_len = store
        .row(
            by_path("ipam/prefixes").ok_or_else(|| Box::new(respond::page_not_found()))?,
            id,
        )
        .and_then(prefix_block)
        .map_or(32, |c| c.len);
    let mut lengths = Vec::new();
    for (index, body) in bodies.iter().enumerate() {
        match body.get("prefix_length").map(Value::as_u64) {
            None => errors[index].add("prefix_length", "This field is required."),
            Some(Some(len)) if len > u64::from(parent_len) && len <= 32 => lengths.push(len as u8),
            Some(Some(_)) => errors[index].add(
                "prefix_length",
                format!("Prefix length must be greater than or equal to {} and less than or equal to 32.", parent_len + 1),
            ),
            Some(None) => errors[index].add("prefix_length", "A valid integer is required."),
        }
    }
    if errors.iter().any(|e| !e.is_empty()) {
        return Err(Box::new(respond::invalid_items(errors.to_vec())));
    }
    let mut free = free_prefixes(store, id);
    let mut assigned = Vec::new();
    for len in lengths {
        let Some(slot) = free.iter().position(|block| block.len <= len) else {
            return Err(Box::new(respond::detail(
                StatusCode::CONFLICT,
                "Insufficient space is available to accommodate the requested prefix size(s)",
            )));
        };
        let block = free[slot];
        let taken = Cidr {
            addr: block.addr,
            len,
        };
        assigned.push(("prefix", json!(format!("{}/{len}", ip::dotted(taken.addr)))));
        // What is left of the block after the allocated part.
        let rest = ip::free_blocks(block, &[(taken.network(), taken.last())]);
        free.splice(slot..=slot, rest);
    }
    Ok(assigned)
}

/// The first `want` free host addresses of a prefix or IP range (with the mask length they
/// get), and how many are free in all.
fn free_ips(store: &Store, parent: &Model, id: u64, want: usize) -> (Vec<(u32, u8)>, u64) {
    let Some(row) = store.row(parent, id) else {
        return (Vec::new(), 0);
    };
    let (first, last, len) = if parent.path == "ipam/prefixes" {
        let Some(block) = prefix_block(row) else {
            return (Vec::new(), 0);
        };
        let (first, last) = block.hosts();
        (first, last, block.len)
    } else {
        let text = |k: &str| row.get(k).and_then(Value::as_str).unwrap_or_default();
        let (Some(start), Some(end)) = (
            Cidr::parse(text("start_address")),
            Cidr::parse(text("end_address")),
        ) else {
            return (Vec::new(), 0);
        };
        (start.addr, end.addr, start.len)
    };
    if first > last {
        return (Vec::new(), 0);
    }
    let used: std::collections::HashSet<u32> = by_path("ipam/ip-addresses")
        .map(|m| {
            store
                .rows(m)
                .filter_map(|(_, r)| ip::host(r.get("address")?.as_str()?))
                .filter(|addr| (first..=last).contains(addr))
                .collect()
        })
        .unwrap_or_default();
    let total = u64::from(last - first) + 1 - used.len() as u64;
    let shown = (first..=last)
        .filter(|addr| !used.contains(addr))
        .take(want)
        .map(|addr| (addr, len))
        .collect();
    (shown, total)
}

/// Free space of prefix `id` outside its child prefixes.
fn free_prefixes(store: &Store, id: u64) -> Vec<Cidr> {
    let Some(model) = by_path("ipam/prefixes") else {
        return Vec::new();
    };
    let Some(parent) = store.row(model, id).and_then(prefix_block) else {
        return Vec::new();
    };
    let children: Vec<(u32, u32)> = store
        .rows(model)
        .filter(|(other, _)| *other != id)
        .filter_map(|(_, r)| prefix_block(r))
        .filter(|c| c.len > parent.len && parent.contains(c.network()))
        .map(|c| (c.network(), c.last()))
        .collect();
    ip::free_blocks(parent, &children)
}

/// VLAN ids of group `id` that no VLAN of the group uses.
fn free_vids(store: &Store, id: u64) -> Vec<u64> {
    let (Some(groups), Some(vlans)) = (by_path("ipam/vlan-groups"), by_path("ipam/vlans")) else {
        return Vec::new();
    };
    let ranges: Vec<(u64, u64)> = store
        .row(groups, id)
        .and_then(|g| g.get("vid_ranges")?.as_array().cloned())
        .map(|ranges| {
            ranges
                .iter()
                .filter_map(|r| Some((r.get(0)?.as_u64()?, r.get(1)?.as_u64()?)))
                .collect()
        })
        .unwrap_or_else(|| vec![(1, 4094)]);
    let used: Vec<u64> = store
        .rows(vlans)
        .filter(|(_, v)| v.get("group").and_then(Value::as_u64) == Some(id))
        .filter_map(|(_, v)| v.get("vid")?.as_u64())
        .collect();
    ranges
        .into_iter()
        .flat_map(|(low, high)| low..=high.min(4094))
        .filter(|vid| !used.contains(vid))
        .collect()
}
