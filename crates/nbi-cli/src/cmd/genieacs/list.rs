//! The filter flags of every `list` turned into a typed query, and the listing run.

use anyhow::Context as _;
use nbi_core::Blocking;
use nbi_genieacs::{List, Projection, Query, QueryValue, Sort, SortOrder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::args::ListArgs;
use crate::exit::UsageError;

/// Builds one condition from a path and a value.
type Condition = fn(String, QueryValue) -> Query;

/// The query the flags describe, all conditions and-ed.
pub(super) fn query(args: &ListArgs) -> anyhow::Result<Query> {
    let mut query = match &args.query {
        Some(raw) => {
            Query::parse(raw).map_err(|e| UsageError(format!("--query: {}", e.message())))?
        }
        None => Query::all(),
    };
    let ops: [(&str, &Vec<String>, Condition); 6] = [
        ("--query-eq", &args.eq, |p, v| Query::eq(p, v)),
        ("--query-ne", &args.ne, |p, v| Query::ne(p, v)),
        ("--query-gt", &args.gt, |p, v| Query::gt(p, v)),
        ("--query-gte", &args.gte, |p, v| Query::gte(p, v)),
        ("--query-lt", &args.lt, |p, v| Query::lt(p, v)),
        ("--query-lte", &args.lte, |p, v| Query::lte(p, v)),
    ];
    for (flag, pairs, build) in ops {
        for pair in pairs {
            let (path, value) = split_pair(flag, pair)?;
            query = query.and(build(path, value_of(&value)));
        }
    }
    for pair in &args.is_in {
        let (path, values) = split_pair("--query-in", pair)?;
        query = query.and(Query::is_in(path, values.split(',').map(value_of)));
    }
    for pair in &args.regex {
        let (path, re) = split_pair("--query-regex", pair)?;
        query = query.and(Query::regex(path, re));
    }
    for path in &args.exists {
        query = query.and(Query::exists(path, true));
    }
    for path in &args.missing {
        query = query.and(Query::exists(path, false));
    }
    for tag in &args.tag {
        query = query.and(Query::eq("_tags", tag.as_str()));
    }
    Ok(query)
}

/// `PATH=VALUE`, split at the first `=`.
pub(super) fn split_pair(flag: &str, pair: &str) -> anyhow::Result<(String, String)> {
    match pair.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() => {
            Ok((path.trim().to_owned(), value.to_owned()))
        }
        _ => Err(UsageError(format!("{flag}: expected PATH=VALUE, got {pair:?}")).into()),
    }
}

/// A flag's value: a JSON number, boolean, null or quoted string as such, an RFC 3339
/// timestamp as a GenieACS date, anything else as text.
pub(super) fn value_of(text: &str) -> QueryValue {
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return QueryValue::from(t);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v @ (Value::Number(_) | Value::Bool(_) | Value::Null | Value::String(_))) => {
            QueryValue::from(v)
        }
        _ => QueryValue::from(text),
    }
}

fn sort(args: &ListArgs) -> anyhow::Result<Sort> {
    let mut sort = Sort::default();
    for key in &args.sort {
        let (path, order) = match key.rsplit_once(':') {
            Some((path, "1")) => (path, SortOrder::Ascending),
            Some((path, "-1")) => (path, SortOrder::Descending),
            Some(_) => {
                return Err(UsageError(format!(
                    "--sort: expected PATH, PATH:1 or PATH:-1, got {key:?}"
                ))
                .into());
            }
            None => (key.as_str(), SortOrder::Ascending),
        };
        sort = sort.then(path, order);
    }
    Ok(sort)
}

/// Runs a listing: every item as one JSON array, or `{"total": N}` with `--count`.
pub(super) fn run<T>(list: List<Blocking, T>, args: &ListArgs) -> anyhow::Result<Value>
where
    T: Serialize + DeserializeOwned + Send + 'static,
{
    let mut list = list
        .query(query(args)?)
        .sort(sort(args)?)
        .page_size(args.page_size);
    if !args.projection.is_empty() {
        list = list.projection(Projection::new(args.projection.iter().cloned()));
    }
    if let Some(skip) = args.skip {
        list = list.skip(skip);
    }
    if let Some(limit) = args.limit {
        list = list.limit(limit);
    }
    if args.count {
        let total = list.count().context("counting")?;
        return Ok(serde_json::json!({ "total": total }));
    }
    let items = list.send().collect::<Result<Vec<T>, _>>()?;
    Ok(serde_json::to_value(items)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_build_one_typed_query() {
        let args = ListArgs {
            eq: vec!["InternetGatewayDevice.DeviceInfo.SoftwareVersion=2.0.0".into()],
            gt: vec!["_lastInform=2025-06-01T00:00:00Z".into()],
            is_in: vec!["_id=a,b".into()],
            tag: vec!["lab".into()],
            missing: vec!["_tags.3".into()],
            ..ListArgs::default()
        };
        let q: Value = serde_json::from_str(&query(&args).unwrap().to_string()).unwrap();
        assert_eq!(
            q["InternetGatewayDevice.DeviceInfo.SoftwareVersion"],
            "2.0.0"
        );
        assert_eq!(q["_lastInform"]["$gt"], "2025-06-01T00:00:00.000Z");
        assert_eq!(q["_id"]["$in"], serde_json::json!(["a", "b"]));
        assert_eq!(q["_tags"], "lab");
        assert_eq!(q["_tags.3"]["$exists"], false);
        let bad = ListArgs {
            eq: vec!["novalue".into()],
            ..ListArgs::default()
        };
        assert!(query(&bad).is_err());
    }

    #[test]
    fn values_read_as_json_when_they_are() {
        assert_eq!(value_of("300").into_json(), serde_json::json!(300));
        assert_eq!(value_of("\"300\"").into_json(), serde_json::json!("300"));
        assert_eq!(value_of("true").into_json(), serde_json::json!(true));
        assert_eq!(
            value_of("lab net").into_json(),
            serde_json::json!("lab net")
        );
    }
}
