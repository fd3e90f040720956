//! One settings layer as a figment provider: prepared data plus where it came from.

use figment::value::{Dict, Map, Value};
use figment::{Metadata, Profile, Provider};

/// Data already read, checked and path-resolved, handed to figment with its metadata.
#[derive(Debug, Clone)]
pub(crate) struct Layer {
    metadata: Metadata,
    dict: Dict,
}

impl Layer {
    pub(crate) fn new(metadata: Metadata, dict: Dict) -> Self {
        Layer { metadata, dict }
    }
}

impl Provider for Layer {
    fn metadata(&self) -> Metadata {
        self.metadata.clone()
    }

    fn data(&self) -> Result<Map<Profile, Dict>, figment::Error> {
        Ok(Profile::Default.collect(self.dict.clone()))
    }
}

/// Inserts `value` at the dotted `path` segments, creating tables on the way and replacing a
/// non-table in the way.
pub(crate) fn insert_path(dict: &mut Dict, segments: &[String], value: Value) {
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut current = dict;
    for segment in parents {
        let entry = current
            .entry(segment.clone())
            .or_insert_with(|| Value::from(Dict::new()));
        if !matches!(entry, Value::Dict(..)) {
            *entry = Value::from(Dict::new());
        }
        let Value::Dict(_, next) = entry else {
            return;
        };
        current = next;
    }
    current.insert(last.clone(), value);
}

/// The value at the dotted `path` segments, if any.
pub(crate) fn find<'a>(dict: &'a Dict, segments: &[&str]) -> Option<&'a Value> {
    let (first, rest) = segments.split_first()?;
    let value = dict.get(*first)?;
    if rest.is_empty() {
        return Some(value);
    }
    match value {
        Value::Dict(_, inner) => find(inner, rest),
        _ => None,
    }
}

/// Parses a value written on the command line or in the environment: a TOML-like scalar,
/// array or inline table when it reads as one, else the text as a string.
pub(crate) fn parse_value(text: &str) -> Value {
    text.parse::<Value>().unwrap_or_else(|never| match never {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_and_values_parse() {
        let mut dict = Dict::new();
        let path: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        insert_path(&mut dict, &path, parse_value("3"));
        insert_path(&mut dict, &path[..2], parse_value("ignored")); // replaces the table
        assert!(matches!(find(&dict, &["a", "b"]), Some(Value::String(_, s)) if s == "ignored"));
        assert!(matches!(parse_value("true"), Value::Bool(_, true)));
        assert!(matches!(parse_value("{env=\"X\"}"), Value::Dict(..)));
        assert!(matches!(parse_value("hello world"), Value::String(..)));
    }
}
