//! The MongoDB subset GenieACS's NBI passes through: filters (`$and`, `$or`, `$nor`, `$eq`,
//! `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$in`, `$nin`, `$exists`, `$regex`), projections
//! and sorts over dotted paths.
//!
//! On devices, as GenieACS's `query.expand` does, a path whose last segment does not start
//! with `_` is matched against its `._value`, and a text value also matches as a number, as
//! `/regex/flags` and as a `*` wildcard.

use std::cmp::Ordering;
use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

/// A query the server refuses: answered 400 with this text.
#[derive(Debug)]
pub(super) struct QueryError(pub(super) String);

/// Whether `doc` matches `query`; `devices` turns on GenieACS's expansion.
pub(super) fn matches(
    doc: &Value,
    query: &Map<String, Value>,
    devices: bool,
) -> Result<bool, QueryError> {
    for (key, cond) in query {
        let ok = match key.as_str() {
            "$and" => all_of(doc, cond, devices)?.iter().all(|b| *b),
            "$or" => all_of(doc, cond, devices)?.iter().any(|b| *b),
            "$nor" => !all_of(doc, cond, devices)?.iter().any(|b| *b),
            op if op.starts_with('$') => {
                return Err(QueryError(format!(
                    "Error: unknown top level operator: {op}"
                )));
            }
            path => field_matches(doc, &expand_path(path, devices), cond, devices)?,
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn all_of(doc: &Value, list: &Value, devices: bool) -> Result<Vec<bool>, QueryError> {
    let Value::Array(items) = list else {
        return Err(QueryError(
            "Error: $and/$or/$nor must be a nonempty array".into(),
        ));
    };
    items
        .iter()
        .map(|item| match item {
            Value::Object(q) => matches(doc, q, devices),
            _ => Err(QueryError(
                "Error: $or/$and/$nor entries need to be full objects".into(),
            )),
        })
        .collect()
}

/// The stored path a query path means.
pub(super) fn expand_path(path: &str, devices: bool) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    if devices && !last.starts_with('_') {
        format!("{path}._value")
    } else {
        path.to_owned()
    }
}

/// The value at a dotted path.
pub(super) fn lookup<'a>(doc: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(doc, |node, segment| node.as_object()?.get(segment))
}

fn field_matches(doc: &Value, path: &str, cond: &Value, devices: bool) -> Result<bool, QueryError> {
    let field = lookup(doc, path);
    let operators = match cond {
        Value::Object(map) if !map.is_empty() && map.keys().all(|k| k.starts_with('$')) => map,
        literal => return Ok(equals(field, literal, devices)),
    };
    for (op, arg) in operators {
        let ok = match op.as_str() {
            "$eq" => equals(field, arg, devices),
            "$ne" => !equals(field, arg, devices),
            "$gt" => compares(field, arg, |o| o == Ordering::Greater),
            "$gte" => compares(field, arg, |o| o != Ordering::Less),
            "$lt" => compares(field, arg, |o| o == Ordering::Less),
            "$lte" => compares(field, arg, |o| o != Ordering::Greater),
            "$in" => in_list(field, arg, devices)?,
            "$nin" => !in_list(field, arg, devices)?,
            "$exists" => field.is_some() == truthy(arg),
            "$regex" => {
                let options = operators
                    .get("$options")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let pattern = arg
                    .as_str()
                    .ok_or_else(|| QueryError("Error: $regex has to be a string".into()))?;
                regex_matches(field, &compile(pattern, options)?)
            }
            "$options" => true,
            other => return Err(QueryError(format!("Error: unknown operator: {other}"))),
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

fn truthy(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::Null => false,
        _ => true,
    }
}

fn in_list(field: Option<&Value>, list: &Value, devices: bool) -> Result<bool, QueryError> {
    let Value::Array(items) = list else {
        return Err(QueryError("Error: $in needs an array".into()));
    };
    Ok(items.iter().any(|item| equals(field, item, devices)))
}

/// Equality as MongoDB has it: an array field matches when any element does; a missing
/// field equals `null`.
fn equals(field: Option<&Value>, wanted: &Value, devices: bool) -> bool {
    let Some(field) = field else {
        return wanted.is_null();
    };
    if field == wanted {
        return true;
    }
    if let Value::Array(items) = field
        && items
            .iter()
            .any(|item| scalar_equals(item, wanted, devices))
    {
        return true;
    }
    scalar_equals(field, wanted, devices)
}

fn scalar_equals(field: &Value, wanted: &Value, devices: bool) -> bool {
    if field == wanted {
        return true;
    }
    if let (Value::Number(a), Value::Number(b)) = (field, wanted) {
        return a.as_f64() == b.as_f64();
    }
    let Value::String(text) = wanted else {
        return false;
    };
    if !devices {
        return false;
    }
    // GenieACS tries a text value as a number, a /regex/ and a wildcard too.
    if let (Value::Number(n), Ok(parsed)) = (field, text.parse::<f64>()) {
        return n.as_f64() == Some(parsed);
    }
    if let Some(re) = slashed_regex(text).or_else(|| wildcard(text)) {
        return regex_matches(Some(field), &re);
    }
    false
}

fn slashed_regex(text: &str) -> Option<Regex> {
    let body = text.strip_prefix('/')?;
    let (pattern, flags) = body.rsplit_once('/')?;
    compile(pattern, flags).ok()
}

fn wildcard(text: &str) -> Option<Regex> {
    if !text.contains('*') {
        return None;
    }
    let parts: Vec<String> = text.split('*').map(regex::escape).collect();
    compile(&format!("^{}$", parts.join(".*")), "").ok()
}

fn compile(pattern: &str, options: &str) -> Result<Regex, QueryError> {
    RegexBuilder::new(pattern)
        .case_insensitive(options.contains('i'))
        .multi_line(options.contains('m'))
        .size_limit(1 << 20)
        .build()
        .map_err(|_| QueryError("Error: invalid regular expression".into()))
}

fn regex_matches(field: Option<&Value>, re: &Regex) -> bool {
    match field {
        Some(Value::String(s)) => re.is_match(s),
        Some(Value::Array(items)) => items.iter().any(|i| regex_matches(Some(i), re)),
        _ => false,
    }
}

/// Range comparisons: only between values of one type, as MongoDB does.
fn compares(field: Option<&Value>, arg: &Value, want: impl Fn(Ordering) -> bool) -> bool {
    match field {
        Some(Value::Array(items)) => items
            .iter()
            .any(|i| same_type_cmp(i, arg).is_some_and(&want)),
        Some(value) => same_type_cmp(value, arg).is_some_and(want),
        None => false,
    }
}

fn same_type_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// MongoDB's order across types: missing/null, numbers, strings, objects, arrays, booleans.
pub(super) fn sort_cmp(a: Option<&Value>, b: Option<&Value>) -> Ordering {
    fn rank(v: Option<&Value>) -> u8 {
        match v {
            None | Some(Value::Null) => 0,
            Some(Value::Number(_)) => 1,
            Some(Value::String(_)) => 2,
            Some(Value::Object(_)) => 3,
            Some(Value::Array(_)) => 4,
            Some(Value::Bool(_)) => 5,
        }
    }
    match (a, b) {
        (Some(x), Some(y)) => same_type_cmp(x, y).unwrap_or_else(|| rank(a).cmp(&rank(b))),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// `_id` plus each projected path, at its place in the tree.
pub(super) fn project(doc: &Value, fields: &[String]) -> Value {
    let mut out = Map::new();
    if let Some(id) = doc.get("_id") {
        out.insert("_id".into(), id.clone());
    }
    for path in fields {
        let Some(value) = lookup(doc, path) else {
            continue;
        };
        let segments: Vec<&str> = path.split('.').collect();
        insert_at(&mut out, &segments, value.clone());
    }
    Value::Object(out)
}

/// Puts `value` at `segments` below `node`, making the objects on the way.
fn insert_at(node: &mut Map<String, Value>, segments: &[&str], value: Value) {
    match segments {
        [] => {}
        [last] => {
            node.insert((*last).to_owned(), value);
        }
        [first, rest @ ..] => {
            let entry = node
                .entry((*first).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(next) = entry {
                insert_at(next, rest, value);
            }
        }
    }
}

/// A sort document, its keys in the order given (a JSON map would sort them).
#[derive(Debug)]
pub(super) struct SortKeys(pub(super) Vec<(String, i64)>);

impl<'de> serde::Deserialize<'de> for SortKeys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = SortKeys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of paths to 1 or -1")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SortKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    keys.push((
                        k,
                        if v.as_f64().is_some_and(|n| n < 0.0) {
                            -1
                        } else {
                            1
                        },
                    ));
                }
                Ok(SortKeys(keys))
            }
        }
        d.deserialize_map(Keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn device() -> Value {
        json!({"_id": "A-B-1", "_tags": ["lab", "north"], "_lastInform": "2025-05-31T10:00:00.000Z",
               "InternetGatewayDevice": {"DeviceInfo": {
                   "SoftwareVersion": {"_value": "1.2.3"},
                   "UpTime": {"_value": 3600}}}})
    }

    #[test]
    fn device_queries_match_values_tags_and_dates() {
        let d = device();
        let yes = |v: Value| assert!(matches(&d, &q(v.clone()), true).unwrap(), "{v}");
        let no = |v: Value| assert!(!matches(&d, &q(v.clone()), true).unwrap(), "{v}");
        yes(json!({"InternetGatewayDevice.DeviceInfo.SoftwareVersion": "1.2.3"}));
        yes(json!({"InternetGatewayDevice.DeviceInfo.SoftwareVersion": "1.2*"}));
        yes(json!({"InternetGatewayDevice.DeviceInfo.UpTime": "3600"}));
        yes(json!({"InternetGatewayDevice.DeviceInfo.UpTime": {"$gt": 100}}));
        yes(json!({"_tags": "lab", "_lastInform": {"$gt": "2025-05-01T00:00:00.000Z"}}));
        no(json!({"_tags": {"$ne": "lab"}}));
        yes(json!({"_tags": {"$in": ["x", "north"]}}));
        no(json!({"_tags": {"$nin": ["north"]}}));
        yes(json!({"$or": [{"_id": "nope"}, {"_id": {"$regex": "^a-b", "$options": "i"}}]}));
        yes(json!({"InternetGatewayDevice.DeviceInfo.SerialNumber": {"$exists": false}}));
        no(json!({"$and": [{"_id": "A-B-1"}, {"_tags": "south"}]}));
        assert!(matches(&d, &q(json!({"$where": "1"})), true).is_err());
        assert!(matches(&d, &q(json!({"_id": {"$regex": "("}})), true).is_err());
    }

    #[test]
    fn projection_keeps_id_and_named_subtrees() {
        let p = project(
            &device(),
            &[
                "InternetGatewayDevice.DeviceInfo.UpTime".into(),
                "_nope".into(),
            ],
        );
        assert_eq!(
            p,
            json!({"_id": "A-B-1", "InternetGatewayDevice": {"DeviceInfo": {"UpTime": {"_value": 3600}}}})
        );
    }

    #[test]
    fn sort_keys_keep_their_order() {
        let s: SortKeys = serde_json::from_str(r#"{"z": -1, "a": 1}"#).unwrap();
        assert_eq!(s.0, [("z".to_owned(), -1), ("a".to_owned(), 1)]);
        assert_eq!(sort_cmp(None, Some(&json!(1))), Ordering::Less);
        assert_eq!(
            sort_cmp(Some(&json!("b")), Some(&json!("a"))),
            Ordering::Greater
        );
    }
}
