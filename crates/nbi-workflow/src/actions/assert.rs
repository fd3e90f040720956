//! `core.assert`: stops the run when a value is not what the workflow expects.

use async_trait::async_trait;
use serde_json::{Value, json};

use super::input;
use crate::{Action, ActionError, StepContext};

const KEYS: &[&str] = &["actual", "equals", "not_equals", "one_of", "message"];

/// `core.assert` — input `{ actual: V, equals: W }` (or `not_equals: W`, or `one_of: [..]`,
/// exactly one of them) and an optional `message`; `actual` is usually a reference such as
/// `${check.status}`. Numbers compare by value (`200` equals `200.0`). Result `{ actual: V }`;
/// a mismatch fails the step without retry.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssertAction;

enum Expectation<'a> {
    Equals(&'a Value),
    NotEquals(&'a Value),
    OneOf(&'a [Value]),
}

fn parse(input: &Value) -> Result<(Option<&Value>, Expectation<'_>, Option<&str>), String> {
    let map = input::object(input, KEYS)?;
    let mut found = Vec::new();
    if let Some(v) = map.get("equals") {
        found.push(Expectation::Equals(v));
    }
    if let Some(v) = map.get("not_equals") {
        found.push(Expectation::NotEquals(v));
    }
    if let Some(v) = map.get("one_of") {
        let items = v
            .as_array()
            .ok_or_else(|| format!("`one_of` must be a list, not {v}"))?;
        found.push(Expectation::OneOf(items));
    }
    if found.len() != 1 {
        return Err("give exactly one of `equals`, `not_equals`, `one_of`".to_owned());
    }
    let message = match map.get("message") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(other) => return Err(format!("`message` must be a string, not {other}")),
        None => None,
    };
    let expectation = found.pop().ok_or("no expectation")?;
    Ok((map.get("actual"), expectation, message))
}

/// JSON equality where numbers compare by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[async_trait]
impl Action for AssertAction {
    fn check(&self, input: &Value, _tenant: &str) -> Result<(), String> {
        let (actual, _, _) = parse(input)?;
        actual
            .map(drop)
            .ok_or_else(|| "`actual` is missing".to_owned())
    }

    async fn run(&self, input: Value, _ctx: &StepContext) -> Result<Value, ActionError> {
        let (actual, expectation, message) = parse(&input).map_err(ActionError::permanent)?;
        let actual = actual.ok_or_else(|| ActionError::permanent("`actual` is missing"))?;
        let failure = match expectation {
            Expectation::Equals(w) if !same(actual, w) => Some(format!("expected {w}")),
            Expectation::NotEquals(w) if same(actual, w) => {
                Some(format!("expected anything but {w}"))
            }
            Expectation::OneOf(items) if !items.iter().any(|w| same(actual, w)) => {
                Some(format!("expected one of {}", Value::Array(items.to_vec())))
            }
            _ => None,
        };
        match failure {
            None => Ok(json!({ "actual": actual })),
            Some(expected) => {
                let prefix = message.map(|m| format!("{m}: ")).unwrap_or_default();
                Err(ActionError::permanent(format!(
                    "{prefix}assertion failed: got {actual}, {expected}"
                )))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn assert(input: Value) -> Result<Value, ActionError> {
        AssertAction
            .run(input, &StepContext::new("acme", "check"))
            .await
    }

    #[tokio::test]
    async fn expectations_pass_and_fail_with_a_clear_message() {
        assert!(
            assert(json!({ "actual": 200, "equals": 200.0 }))
                .await
                .is_ok()
        );
        assert!(
            assert(json!({ "actual": "up", "one_of": ["up", "ok"] }))
                .await
                .is_ok()
        );
        assert!(
            assert(json!({ "actual": 1, "not_equals": 2 }))
                .await
                .is_ok()
        );
        let err = assert(json!({ "actual": 503, "equals": 200, "message": "nms reachable" }))
            .await
            .unwrap_err();
        assert_eq!(
            err.message(),
            "nms reachable: assertion failed: got 503, expected 200"
        );
        assert!(!err.is_retryable());
    }

    #[test]
    fn bad_inputs_are_refused_before_the_run() {
        let check = |v: Value| AssertAction.check(&v, "acme");
        assert!(
            check(json!({ "actual": 1 }))
                .unwrap_err()
                .contains("exactly one")
        );
        assert!(
            check(json!({ "equals": 1 }))
                .unwrap_err()
                .contains("`actual` is missing")
        );
        assert!(
            check(json!({ "actual": 1, "equals": 1, "x": 2 }))
                .unwrap_err()
                .contains("unknown key `x`")
        );
    }
}
