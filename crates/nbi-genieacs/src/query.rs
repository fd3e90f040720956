//! Typed builders for the `query`, `projection` and `sort` parameters of every listing.
//!
//! GenieACS takes a MongoDB filter as JSON. [`Query`] builds one from typed conditions, so no
//! caller writes JSON by hand; [`Query::from_json`] still takes a raw filter for experts.
//!
//! ```
//! use nbi_genieacs::Query;
//! let q = Query::eq("_tags", "lab").and(Query::gt("_lastInform", "2025-01-01T00:00:00.000Z"));
//! assert_eq!(
//!     q.to_string(),
//!     r#"{"_lastInform":{"$gt":"2025-01-01T00:00:00.000Z"},"_tags":"lab"}"#
//! );
//! ```
//!
//! On the devices collection GenieACS matches a parameter path against its value, so
//! `Query::eq("InternetGatewayDevice.DeviceInfo.SoftwareVersion", "1.2")` needs no `._value`;
//! paths whose last segment starts with `_` (`_tags`, `_deviceId._SerialNumber`) are matched
//! as they are.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A value a condition compares with: text, a number, a boolean, or a timestamp (sent the way
/// GenieACS writes dates, `2025-01-01T00:00:00.000Z`).
#[derive(Clone, Debug, PartialEq)]
pub struct QueryValue(Value);

impl QueryValue {
    /// The value as JSON.
    pub fn into_json(self) -> Value {
        self.0
    }
}

macro_rules! query_value_from {
    ($($t:ty),*) => {$(
        impl From<$t> for QueryValue {
            fn from(v: $t) -> Self {
                QueryValue(Value::from(v))
            }
        }
    )*};
}

query_value_from!(&str, String, bool, i32, i64, u32, u64, f64);

impl From<&String> for QueryValue {
    fn from(v: &String) -> Self {
        QueryValue(Value::from(v.as_str()))
    }
}

impl From<jiff::Timestamp> for QueryValue {
    fn from(t: jiff::Timestamp) -> Self {
        QueryValue(Value::from(format_timestamp(t)))
    }
}

impl From<Value> for QueryValue {
    fn from(v: Value) -> Self {
        QueryValue(v)
    }
}

/// A timestamp as GenieACS serializes dates: UTC, milliseconds, `Z`.
pub(crate) fn format_timestamp(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// A MongoDB filter, built from typed conditions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query(Map<String, Value>);

impl Query {
    /// Matches everything (`{}`).
    pub fn all() -> Self {
        Query::default()
    }

    /// `path` equals `value` (for an array field such as `_tags`: contains it).
    pub fn eq(path: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::single(path.into(), value.into().0)
    }

    /// `path` differs from `value` (`$ne`).
    pub fn ne(path: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::op(path, "$ne", value.into().0)
    }

    /// `path` is greater than `value` (`$gt`).
    pub fn gt(path: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::op(path, "$gt", value.into().0)
    }

    /// `path` is greater than or equal to `value` (`$gte`).
    pub fn gte(path: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::op(path, "$gte", value.into().0)
    }

    /// `path` is less than `value` (`$lt`).
    pub fn lt(path: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::op(path, "$lt", value.into().0)
    }

    /// `path` is less than or equal to `value` (`$lte`).
    pub fn lte(path: impl Into<String>, value: impl Into<QueryValue>) -> Self {
        Self::op(path, "$lte", value.into().0)
    }

    /// `path` equals one of `values` (`$in`).
    pub fn is_in<V: Into<QueryValue>>(
        path: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let list = values.into_iter().map(|v| v.into().0).collect();
        Self::op(path, "$in", Value::Array(list))
    }

    /// `path` equals none of `values` (`$nin`).
    pub fn not_in<V: Into<QueryValue>>(
        path: impl Into<String>,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        let list = values.into_iter().map(|v| v.into().0).collect();
        Self::op(path, "$nin", Value::Array(list))
    }

    /// `path` is present (`true`) or absent (`false`) (`$exists`).
    pub fn exists(path: impl Into<String>, present: bool) -> Self {
        Self::op(path, "$exists", Value::Bool(present))
    }

    /// `path` matches the regular expression `pattern` (`$regex`).
    pub fn regex(path: impl Into<String>, pattern: impl Into<String>) -> Self {
        Self::op(path, "$regex", Value::String(pattern.into()))
    }

    /// Both this and `other` match. Conditions on different paths merge into one object;
    /// anything else becomes `$and`.
    #[must_use]
    pub fn and(self, other: Query) -> Self {
        if self.0.is_empty() {
            return other;
        }
        if other.0.is_empty() {
            return self;
        }
        let mergeable = !self.has_operator_keys()
            && !other.has_operator_keys()
            && other.0.keys().all(|k| !self.0.contains_key(k));
        if mergeable {
            let mut merged = self.0;
            merged.extend(other.0);
            return Query(merged);
        }
        Self::combine("$and", self, other)
    }

    /// This or `other` matches (`$or`).
    #[must_use]
    pub fn or(self, other: Query) -> Self {
        Self::combine("$or", self, other)
    }

    /// A raw MongoDB filter, for what the builders do not cover; it must be a JSON object.
    pub fn from_json(value: Value) -> Result<Self> {
        match value {
            Value::Object(map) => Ok(Query(map)),
            _ => Err(Error::validation("a query must be a JSON object")),
        }
    }

    /// Parses a raw filter from JSON text (`--query '{"_id": "…"}'`).
    pub fn parse(text: &str) -> Result<Self> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| Error::validation(format!("the query is not valid JSON: {e}")))?;
        Self::from_json(value)
    }

    /// Whether the query matches everything.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The filter as a JSON object.
    pub fn as_json(&self) -> &Map<String, Value> {
        &self.0
    }

    fn single(path: String, value: Value) -> Self {
        let mut map = Map::new();
        map.insert(path, value);
        Query(map)
    }

    fn op(path: impl Into<String>, op: &str, value: Value) -> Self {
        let mut inner = Map::new();
        inner.insert(op.to_owned(), value);
        Self::single(path.into(), Value::Object(inner))
    }

    fn has_operator_keys(&self) -> bool {
        self.0.keys().any(|k| k.starts_with('$'))
    }

    /// `{op: [a…, b…]}`, flattening operands that are already a lone `op`.
    fn combine(op: &str, a: Query, b: Query) -> Self {
        let mut operands = Vec::new();
        for q in [a, b] {
            if q.0.is_empty() {
                continue;
            }
            match q.lone(op) {
                Ok(list) => operands.extend(list),
                Err(q) => operands.push(Value::Object(q.0)),
            }
        }
        match operands.len() {
            0 => Query::all(),
            1 => match operands.pop() {
                Some(Value::Object(map)) => Query(map),
                _ => Query::all(),
            },
            _ => Self::single(op.to_owned(), Value::Array(operands)),
        }
    }

    /// The operands when this query is exactly `{op: [...]}`.
    fn lone(self, op: &str) -> std::result::Result<Vec<Value>, Query> {
        if self.0.len() == 1
            && let Some(Value::Array(list)) = self.0.get(op)
        {
            return Ok(list.clone());
        }
        Err(self)
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Value::Object(self.0.clone()).to_string())
    }
}

impl Serialize for Query {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// The fields a listing returns (`projection=a,b`); empty = every field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Projection(Vec<String>);

impl Projection {
    /// These fields (dotted paths; a path includes everything below it).
    pub fn new<S: Into<String>>(fields: impl IntoIterator<Item = S>) -> Self {
        Projection(fields.into_iter().map(Into::into).collect())
    }

    /// Adds a field.
    #[must_use]
    pub fn field(mut self, path: impl Into<String>) -> Self {
        self.0.push(path.into());
        self
    }

    /// Whether no field was named.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields.
    pub fn fields(&self) -> &[String] {
        &self.0
    }
}

impl fmt::Display for Projection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(","))
    }
}

/// A sort order (`sort={"path": 1, "other": -1}`), keys in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sort(Vec<(String, SortOrder)>);

/// Ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    /// Smallest first (`1`).
    Ascending,
    /// Largest first (`-1`).
    Descending,
}

impl Sort {
    /// By `path`, smallest first.
    pub fn asc(path: impl Into<String>) -> Self {
        Sort(vec![(path.into(), SortOrder::Ascending)])
    }

    /// By `path`, largest first.
    pub fn desc(path: impl Into<String>) -> Self {
        Sort(vec![(path.into(), SortOrder::Descending)])
    }

    /// Then by `path` in `order`.
    #[must_use]
    pub fn then(mut self, path: impl Into<String>, order: SortOrder) -> Self {
        self.0.push((path.into(), order));
        self
    }

    /// Whether no key was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The keys and their order.
    pub fn keys(&self) -> &[(String, SortOrder)] {
        &self.0
    }
}

impl fmt::Display for Sort {
    // Written by hand: a JSON map would reorder the keys, and the order is the point.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{")?;
        for (i, (path, order)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            let direction = match order {
                SortOrder::Ascending => 1,
                SortOrder::Descending => -1,
            };
            write!(f, "{}:{direction}", Value::from(path.as_str()))?;
        }
        f.write_str("}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn json_of(q: &Query) -> Value {
        serde_json::from_str(&q.to_string()).unwrap()
    }

    #[test]
    fn operators_build_mongo_filters() {
        assert_eq!(json_of(&Query::ne("a", 1)), json!({"a": {"$ne": 1}}));
        assert_eq!(json_of(&Query::gte("a", 1.5)), json!({"a": {"$gte": 1.5}}));
        assert_eq!(json_of(&Query::lt("a", 2)), json!({"a": {"$lt": 2}}));
        assert_eq!(json_of(&Query::lte("a", 2)), json!({"a": {"$lte": 2}}));
        assert_eq!(
            json_of(&Query::is_in("_id", ["x", "y"])),
            json!({"_id": {"$in": ["x", "y"]}})
        );
        assert_eq!(
            json_of(&Query::not_in("_id", ["x"])),
            json!({"_id": {"$nin": ["x"]}})
        );
        assert_eq!(
            json_of(&Query::exists("_tags", true)),
            json!({"_tags": {"$exists": true}})
        );
        assert_eq!(
            json_of(&Query::regex("_id", "^202BC1")),
            json!({"_id": {"$regex": "^202BC1"}})
        );
    }

    #[test]
    fn and_merges_disjoint_paths_and_nests_the_rest() {
        let merged = Query::eq("a", 1).and(Query::eq("b", 2));
        assert_eq!(json_of(&merged), json!({"a": 1, "b": 2}));
        let same_path = Query::gt("a", 1).and(Query::lt("a", 5));
        assert_eq!(
            json_of(&same_path),
            json!({"$and": [{"a": {"$gt": 1}}, {"a": {"$lt": 5}}]})
        );
        let three = same_path.and(Query::eq("a", 3));
        assert_eq!(
            json_of(&three)["$and"].as_array().unwrap().len(),
            3,
            "flattened"
        );
        assert_eq!(Query::all().and(Query::eq("a", 1)), Query::eq("a", 1));
    }

    #[test]
    fn or_flattens() {
        let q = Query::eq("a", 1)
            .or(Query::eq("b", 2))
            .or(Query::eq("c", 3));
        assert_eq!(json_of(&q), json!({"$or": [{"a": 1}, {"b": 2}, {"c": 3}]}));
        let nested = Query::eq("x", true).and(q);
        assert_eq!(json_of(&nested)["$and"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn timestamps_use_the_genieacs_date_form() {
        let t: jiff::Timestamp = "2025-03-04T05:06:07Z".parse().unwrap();
        assert_eq!(
            json_of(&Query::gt("_lastInform", t)),
            json!({"_lastInform": {"$gt": "2025-03-04T05:06:07.000Z"}})
        );
    }

    #[test]
    fn raw_queries_must_be_objects() {
        assert!(Query::parse("[1]").is_err());
        assert!(Query::parse("{").is_err());
        assert_eq!(
            Query::parse(r#"{"_id":"x"}"#).unwrap(),
            Query::eq("_id", "x")
        );
    }

    #[test]
    fn sort_keeps_key_order_and_projection_joins() {
        let s = Sort::desc("_lastInform").then("_id", SortOrder::Ascending);
        assert_eq!(s.to_string(), r#"{"_lastInform":-1,"_id":1}"#);
        let p = Projection::new(["_id"]).field("_tags");
        assert_eq!(p.to_string(), "_id,_tags");
    }
}
