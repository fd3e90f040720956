//! `NBI__` variables (from the environment or a `.env` file) and services' conventional
//! secret variables.
//!
//! `NBI__TENANTS__ACME__CORE_NMS__URL` sets `tenants.acme.core-nms.url`: `__` separates levels,
//! every segment is lowercased, and in the tenant and service segments `_` stands for `-`
//! (names never hold `_`). figment's own `Env::split("__")` would produce `core_nms`, so the
//! mapping is done here.

use std::collections::BTreeMap;

use figment::value::{Dict, Value};
use figment::{Metadata, Profile};

use super::auth::SECRET_FIELDS;
use super::layer::{find, insert_path, parse_value};

/// The prefix of every settings variable.
pub(crate) const PREFIX: &str = "NBI__";

/// A service's conventional environment variable for a secret, used when its settings name
/// the scheme but give no value for that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConventionalSecret {
    /// The service kind it applies to.
    pub kind: &'static str,
    /// The auth schemes that take the secret.
    pub schemes: &'static [&'static str],
    /// The auth field it fills, and the other names that field may be written as.
    pub fields: &'static [&'static str],
    /// The environment variable.
    pub var: &'static str,
}

/// Every conventional secret variable nbi reads.
pub const CONVENTIONAL_SECRETS: &[ConventionalSecret] = &[
    ConventionalSecret {
        kind: "ofsc",
        schemes: &["basic", "oauth2"],
        fields: &["client_secret", "password"],
        var: "OFSC_CLIENT_SECRET",
    },
    ConventionalSecret {
        kind: "netbox",
        schemes: &["token", "bearer"],
        fields: &["token"],
        var: "NETBOX_TOKEN",
    },
];

/// The settings path of an `NBI__` variable, or `None` when it is not one (or is malformed).
pub(crate) fn path_of(var: &str) -> Option<Vec<String>> {
    let rest = var
        .get(..PREFIX.len())?
        .eq_ignore_ascii_case(PREFIX)
        .then(|| &var[PREFIX.len()..])?;
    let mut segments: Vec<String> = rest.split("__").map(str::to_ascii_lowercase).collect();
    if segments.iter().any(String::is_empty) {
        return None;
    }
    if segments[0] == "tenants" {
        for segment in segments.iter_mut().skip(1).take(2) {
            *segment = segment.replace('_', "-");
        }
    }
    Some(segments)
}

/// The `NBI__` variable that sets `path` (the inverse of [`path_of`]).
pub(crate) fn var_of(path: &[&str]) -> String {
    let upper: Vec<String> = path
        .iter()
        .map(|s| s.replace('-', "_").to_ascii_uppercase())
        .collect();
    format!("{PREFIX}{}", upper.join("__"))
}

/// The metadata of a layer of `NBI__` variables; errors and `config show` name the variable.
pub(crate) fn metadata(name: &'static str) -> Metadata {
    Metadata::named(name).interpolater(|_: &Profile, keys: &[&str]| var_of(keys))
}

/// The settings tree of every `NBI__` variable among `vars`.
///
/// A secret field's value is kept as the string it is (a password such as `0123` or `true`
/// must not turn into a number), unless it is written as an inline table (`{ env = "X" }`).
pub(crate) fn dict_of<'a>(vars: impl IntoIterator<Item = (&'a str, &'a str)>) -> Dict {
    let mut dict = Dict::new();
    for (var, raw) in vars {
        let Some(path) = path_of(var) else { continue };
        let is_secret = path
            .last()
            .is_some_and(|leaf| SECRET_FIELDS.contains(&leaf.as_str()));
        let value = if is_secret && !raw.trim_start().starts_with('{') {
            Value::from(raw.to_string())
        } else {
            parse_value(raw)
        };
        insert_path(&mut dict, &path, value);
    }
    dict
}

/// Secrets to take from conventional variables: for each service whose merged settings name a
/// scheme that takes the secret but leave the field out, and whose variable is set in `vars`.
/// Returns (variable, settings path, value).
pub(crate) fn conventional_secrets(
    merged: &Dict,
    vars: &BTreeMap<String, String>,
) -> Vec<(&'static str, Vec<String>, String)> {
    let mut found = Vec::new();
    let Some(Value::Dict(_, tenants)) = merged.get("tenants") else {
        return found;
    };
    for (tenant, services) in tenants {
        let Value::Dict(_, services) = services else {
            continue;
        };
        for (name, service) in services {
            let Value::Dict(_, service) = service else {
                continue;
            };
            let kind = match find(service, &["kind"]) {
                Some(Value::String(_, kind)) => kind.as_str(),
                _ => name.as_str(),
            };
            let scheme = match find(service, &["auth", "scheme"]) {
                Some(Value::String(_, scheme)) => scheme.as_str(),
                _ => continue,
            };
            for conv in CONVENTIONAL_SECRETS {
                let applies = conv.kind == kind && conv.schemes.contains(&scheme);
                let given = conv
                    .fields
                    .iter()
                    .any(|f| find(service, &["auth", f]).is_some());
                if let (true, false, Some(value)) = (applies, given, vars.get(conv.var)) {
                    let path = ["tenants", tenant, name, "auth", conv.fields[0]];
                    found.push((conv.var, path.map(String::from).to_vec(), value.clone()));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use figment::Figment;

    use super::super::layer::Layer;
    use super::*;

    #[test]
    fn names_map_to_paths_and_back() {
        let path = path_of("NBI__TENANTS__ACME__CORE_NMS__URL").unwrap();
        assert_eq!(path, ["tenants", "acme", "core-nms", "url"]);
        let global = path_of("NBI__SETTINGS__ALLOW_INSECURE_HTTP").unwrap();
        assert_eq!(global, ["settings", "allow_insecure_http"]);
        let auth = path_of("NBI__TENANTS__ACME__NETBOX__AUTH__CLIENT_SECRET").unwrap();
        assert_eq!(auth.last().unwrap(), "client_secret");
        assert_eq!(path_of("NBI__TENANTS____X"), None);
        assert_eq!(path_of("OTHER__X"), None);
        assert_eq!(
            var_of(&["tenants", "acme", "core-nms", "url"]),
            "NBI__TENANTS__ACME__CORE_NMS__URL"
        );
    }

    #[test]
    fn variables_nest_in_figment_and_name_their_source() {
        let dict = dict_of([
            ("NBI__TENANTS__ACME__CORE_NMS__URL", "https://nms.example"),
            ("NBI__TENANTS__ACME__CORE_NMS__MAX_CONCURRENCY", "7"),
            ("NBI__TENANTS__ACME__CORE_NMS__AUTH__PASSWORD", "0123"),
            ("NBI__SETTINGS__ALLOW_INSECURE_HTTP", "true"),
            ("UNRELATED", "x"),
        ]);
        let figment = Figment::from(Layer::new(metadata("environment"), dict));
        let url: String = figment.extract_inner("tenants.acme.core-nms.url").unwrap();
        assert_eq!(url, "https://nms.example");
        let n: u32 = figment
            .extract_inner("tenants.acme.core-nms.max_concurrency")
            .unwrap();
        assert_eq!(n, 7);
        let pw: String = figment
            .extract_inner("tenants.acme.core-nms.auth.password")
            .unwrap();
        assert_eq!(pw, "0123");
        assert!(
            figment
                .extract_inner::<bool>("settings.allow_insecure_http")
                .unwrap()
        );
        let md = figment.find_metadata("tenants.acme.core-nms.url").unwrap();
        let keys = ["tenants", "acme", "core-nms", "url"];
        assert_eq!(
            md.interpolate(&Profile::Default, &keys),
            "NBI__TENANTS__ACME__CORE_NMS__URL"
        );
    }

    #[test]
    fn conventional_variables_fill_only_a_missing_secret() {
        let dict = dict_of([
            ("NBI__TENANTS__A__OFSC__AUTH__SCHEME", "oauth2"),
            ("NBI__TENANTS__B__OFSC__AUTH__SCHEME", "oauth2"),
            ("NBI__TENANTS__B__OFSC__AUTH__CLIENT_SECRET", "{env=\"X\"}"),
            ("NBI__TENANTS__C__OFSC__AUTH__SCHEME", "none"),
        ]);
        let vars = BTreeMap::from([("OFSC_CLIENT_SECRET".to_string(), "s".to_string())]);
        let found = conventional_secrets(&dict, &vars);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            ["tenants", "a", "ofsc", "auth", "client_secret"]
        );
    }
}
