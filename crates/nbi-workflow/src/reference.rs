//! `${step.path.to.value}` references in a step's input: found when the workflow is checked,
//! resolved against earlier results just before the step runs.
//!
//! A string that is exactly one reference becomes the referenced JSON value (a number stays a
//! number); a reference inside a longer string is spliced in as text (strings as they are,
//! anything else as JSON). Path segments select object keys, or array items by index. `$${`
//! writes a literal `${`.

use std::collections::BTreeMap;

use serde_json::Value;

/// The most references one string may hold; real inputs have one or two.
const MAX_REFERENCES_PER_STRING: usize = 64;

/// One `${step.path}` reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The step whose result it reads.
    pub(crate) step: String,
    /// Keys or indexes into that result.
    pub(crate) path: Vec<String>,
}

impl Reference {
    fn parse(inner: &str) -> Result<Reference, String> {
        let mut parts = inner.split('.');
        let step = parts.next().unwrap_or_default().trim();
        if step.is_empty() {
            return Err(format!("`${{{inner}}}` names no step"));
        }
        let path: Vec<String> = parts.map(|p| p.trim().to_owned()).collect();
        if path.iter().any(String::is_empty) {
            return Err(format!("`${{{inner}}}` has an empty path segment"));
        }
        Ok(Reference {
            step: step.to_owned(),
            path,
        })
    }

    /// The reference as written.
    pub(crate) fn shown(&self) -> String {
        let mut text = format!("${{{}", self.step);
        for segment in &self.path {
            text.push('.');
            text.push_str(segment);
        }
        text.push('}');
        text
    }

    /// The value it points at in `results`, or why there is none.
    fn lookup<'a>(&self, results: &'a BTreeMap<String, Value>) -> Result<&'a Value, String> {
        let mut value = results
            .get(&self.step)
            .ok_or_else(|| format!("{}: step `{}` has no result", self.shown(), self.step))?;
        for (depth, segment) in self.path.iter().enumerate() {
            let next = match value {
                Value::Object(map) => map.get(segment),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            };
            value = next.ok_or_else(|| {
                let at = if depth == 0 {
                    format!("the result of `{}`", self.step)
                } else {
                    format!("`{}.{}`", self.step, self.path[..depth].join("."))
                };
                format!("{}: {at} has no `{segment}`", self.shown())
            })?;
        }
        Ok(value)
    }
}

/// A string split into literal text and references.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Ref(Reference),
}

fn parse_template(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    let mut count = 0;
    while let Some(at) = rest.find("${") {
        if rest[..at].ends_with('$') {
            // `$${` is an escaped, literal `${`.
            literal.push_str(&rest[..at - 1]);
            literal.push_str("${");
            rest = &rest[at + 2..];
            continue;
        }
        literal.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| format!("`{text}`: `${{` is not closed by `}}`"))?;
        count += 1;
        if count > MAX_REFERENCES_PER_STRING {
            return Err(format!(
                "more than {MAX_REFERENCES_PER_STRING} references in one string"
            ));
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut literal)));
        }
        pieces.push(Piece::Ref(Reference::parse(&after[..end])?));
        rest = &after[end + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Piece::Text(literal));
    }
    Ok(pieces)
}

/// Every reference in `value`, each with the field it sits in (`field` is the value's own,
/// e.g. `steps[plan].with`); a malformed reference is an error naming its field.
pub(crate) fn references(
    value: &Value,
    field: &str,
) -> Result<Vec<(String, Reference)>, (String, String)> {
    let mut found = Vec::new();
    collect(value, field, &mut found)?;
    Ok(found)
}

fn collect(
    value: &Value,
    field: &str,
    found: &mut Vec<(String, Reference)>,
) -> Result<(), (String, String)> {
    match value {
        Value::String(text) => {
            let pieces = parse_template(text).map_err(|e| (field.to_owned(), e))?;
            for piece in pieces {
                if let Piece::Ref(r) = piece {
                    found.push((field.to_owned(), r));
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, &format!("{field}[{i}]"), found)?;
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                collect(item, &format!("{field}.{key}"), found)?;
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
    Ok(())
}

/// `value` with every reference replaced from `results`; an absent value is an error naming
/// the reference.
pub(crate) fn resolve(value: &Value, results: &BTreeMap<String, Value>) -> Result<Value, String> {
    Ok(match value {
        Value::String(text) => resolve_string(text, results)?,
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| resolve(item, results))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), resolve(v, results)?)))
                .collect::<Result<_, String>>()?,
        ),
        other => other.clone(),
    })
}

fn resolve_string(text: &str, results: &BTreeMap<String, Value>) -> Result<Value, String> {
    let pieces = parse_template(text)?;
    if let [Piece::Ref(r)] = pieces.as_slice() {
        return r.lookup(results).cloned();
    }
    let mut out = String::new();
    for piece in &pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Ref(r) => match r.lookup(results)? {
                Value::String(s) => out.push_str(s),
                other => out.push_str(&other.to_string()),
            },
        }
    }
    Ok(Value::String(out))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn results() -> BTreeMap<String, Value> {
        BTreeMap::from([(
            "intent".to_owned(),
            json!({ "id": "i-1", "qos": { "latency": 10 }, "slices": [{ "id": "s-7" }] }),
        )])
    }

    #[test]
    fn a_whole_string_reference_keeps_the_type() {
        let input = json!({ "latency": "${intent.qos.latency}", "ids": ["${intent.id}"] });
        let out = resolve(&input, &results()).unwrap();
        assert_eq!(out, json!({ "latency": 10, "ids": ["i-1"] }));
    }

    #[test]
    fn references_splice_into_text_and_index_arrays() {
        let input = json!("/slices/${intent.slices.0.id}/for/${intent.id}?l=${intent.qos.latency}");
        let out = resolve(&input, &results()).unwrap();
        assert_eq!(out, json!("/slices/s-7/for/i-1?l=10"));
        assert_eq!(resolve(&json!("$${x}"), &results()).unwrap(), json!("${x}"));
        assert_eq!(
            resolve(&json!("${intent}"), &results()).unwrap(),
            results()["intent"]
        );
    }

    #[test]
    fn an_absent_value_names_the_reference() {
        let err = resolve(&json!("${intent.qos.jitter}"), &results()).unwrap_err();
        assert_eq!(err, "${intent.qos.jitter}: `intent.qos` has no `jitter`");
        let err = resolve(&json!("${plan.id}"), &results()).unwrap_err();
        assert!(err.contains("step `plan` has no result"), "{err}");
    }

    #[test]
    fn references_are_found_with_their_field() {
        let input = json!({ "a": ["x", "${s.id}"], "b": { "c": "p ${t} q" } });
        let found = references(&input, "with").unwrap();
        let shown: Vec<_> = found.iter().map(|(f, r)| (f.as_str(), r.shown())).collect();
        assert_eq!(
            shown,
            [
                ("with.a[1]", "${s.id}".to_owned()),
                ("with.b.c", "${t}".to_owned())
            ]
        );
        let (field, err) = references(&json!({ "a": "${s.id" }), "with").unwrap_err();
        assert_eq!(field, "with.a");
        assert!(err.contains("not closed"), "{err}");
        assert!(references(&json!("${.x}"), "with").is_err());
        assert!(references(&json!("${a..x}"), "with").is_err());
    }
}
