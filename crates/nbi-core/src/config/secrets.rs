//! Where secret fields sit in the settings tree, and the rules they follow.

use figment::value::{Dict, Value};

use super::auth::SECRET_FIELDS;
use crate::error::{Error, Result};

/// The kinds of secret source, as table keys.
pub(crate) const SOURCE_KINDS: &[&str] = &["env", "file", "command", "keyring"];

/// The paths of every secret field present in `dict`: `tenants.*.*.auth.<secret field>`,
/// `webhooks.secret` and each entry of `webhooks.secrets`.
pub(crate) fn secret_paths(dict: &Dict) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    if let Some(Value::Dict(_, tenants)) = dict.get("tenants") {
        for (tenant, services) in tenants {
            let Value::Dict(_, services) = services else {
                continue;
            };
            for (service, settings) in services {
                let Value::Dict(_, settings) = settings else {
                    continue;
                };
                let Some(Value::Dict(_, auth)) = settings.get("auth") else {
                    continue;
                };
                for field in auth.keys().filter(|k| SECRET_FIELDS.contains(&k.as_str())) {
                    paths.push(path(&["tenants", tenant, service, "auth", field]));
                }
            }
        }
    }
    if let Some(Value::Dict(_, webhooks)) = dict.get("webhooks") {
        if webhooks.contains_key("secret") {
            paths.push(path(&["webhooks", "secret"]));
        }
        if let Some(Value::Array(_, secrets)) = webhooks.get("secrets") {
            for i in 0..secrets.len() {
                paths.push(path(&["webhooks", "secrets", &i.to_string()]));
            }
        }
    }
    paths
}

fn path(segments: &[&str]) -> Vec<String> {
    segments.iter().map(|s| s.to_string()).collect()
}

/// The value at `path`, descending tables and (by index) arrays.
pub(crate) fn value_at<'a>(dict: &'a Dict, path: &[String]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut value = dict.get(first)?;
    for segment in rest {
        value = match value {
            Value::Dict(_, d) => d.get(segment)?,
            Value::Array(_, a) => a.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Mutable access to the value at `path`.
pub(crate) fn value_at_mut<'a>(dict: &'a mut Dict, path: &[String]) -> Option<&'a mut Value> {
    let (first, rest) = path.split_first()?;
    let mut value = dict.get_mut(first)?;
    for segment in rest {
        value = match value {
            Value::Dict(_, d) => d.get_mut(segment)?,
            Value::Array(_, a) => a.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Refuses a plain-string secret in a layer that is not the environment (`where_` says which:
/// "in nbi.toml", "on the command line").
pub(crate) fn refuse_plain_secrets(dict: &Dict, where_: &str) -> Result<()> {
    for path in secret_paths(dict) {
        // Anything but a table is a value written in clear: a string, and also a number or a
        // boolean (`password = 123456`).
        let what = match value_at(dict, &path) {
            Some(Value::Dict(..)) | None => continue,
            Some(Value::String(..)) => "a plain string",
            Some(_) => "a plain value",
        };
        return Err(Error::config(
            path.join("."),
            format!(
                "a secret {where_} must be {{ env = … }}, {{ file = … }}, {{ command = … }} \
                 or {{ keyring = … }}, not {what}"
            ),
        ));
    }
    Ok(())
}

/// The source kind and name of a secret written as a one-key table (`{ env = "X" }`).
pub(crate) fn source_of(value: &Value) -> Option<(&str, &str)> {
    let Value::Dict(_, table) = value else {
        return None;
    };
    let (kind, name) = table.iter().next()?;
    match (table.len(), name) {
        (1, Value::String(_, name)) if SOURCE_KINDS.contains(&kind.as_str()) => {
            Some((kind.as_str(), name.as_str()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::layer::parse_value;
    use super::*;

    fn dict(text: &str) -> Dict {
        match parse_value(text) {
            Value::Dict(_, d) => d,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn finds_secret_fields_and_refuses_plain_ones() {
        let d = dict(
            r#"{tenants={acme={netbox={auth={scheme="token",token={env="T"}}}}},
                webhooks={secrets=[{file="a"},"plain"]}}"#,
        );
        let paths: Vec<String> = secret_paths(&d).iter().map(|p| p.join(".")).collect();
        assert_eq!(
            paths,
            [
                "tenants.acme.netbox.auth.token",
                "webhooks.secrets.0",
                "webhooks.secrets.1"
            ]
        );
        let err = refuse_plain_secrets(&d, "in nbi.toml").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("webhooks.secrets.1: a secret in nbi.toml"),
            "{err}"
        );
        let token = value_at(&d, &paths_of("tenants.acme.netbox.auth.token")).unwrap();
        assert_eq!(source_of(token), Some(("env", "T")));
    }

    fn paths_of(p: &str) -> Vec<String> {
        p.split('.').map(String::from).collect()
    }
}
