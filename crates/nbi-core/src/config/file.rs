//! The `nbi.toml` layer: parsed, checked for plain-string secrets, relative paths resolved.

use std::path::Path;

use figment::providers::{Format, Toml};
use figment::value::{Dict, Value};
use figment::{Metadata, Profile, Provider, Source};

use super::layer::Layer;
use super::secrets::{refuse_plain_secrets, secret_paths, value_at_mut};
use crate::error::{Error, Result};

/// The layer's name in errors and in `config show`.
pub(crate) const NAME: &str = "nbi.toml";

/// Paths below `tenants.<tenant>.<service>` that name files.
const SERVICE_PATH_FIELDS: &[&[&str]] = &[&["tls", "client_cert"], &["tls", "client_key"]];

/// Parses settings text into a layer. `origin` (the file, if any) is named in errors and
/// provenance; relative paths resolve against `base_dir`.
pub(crate) fn layer(text: &str, origin: Option<&Path>, base_dir: &Path) -> Result<Layer> {
    let shown = origin.map_or_else(|| NAME.to_string(), |p| p.display().to_string());
    let mut dict = parse(text).map_err(|e| Error::config(&shown, e))?;
    refuse_plain_secrets(&dict, "in nbi.toml")?;
    resolve_paths(&mut dict, base_dir);
    let mut metadata = Metadata::named(NAME);
    if let Some(path) = origin {
        metadata = metadata.source(Source::File(path.to_path_buf()));
    }
    Ok(Layer::new(metadata, dict))
}

fn parse(text: &str) -> std::result::Result<Dict, String> {
    let mut data = Toml::string(text).data().map_err(|e| e.kind.to_string())?;
    Ok(data.remove(&Profile::Default).unwrap_or_default())
}

/// Makes every relative file path in the file absolute against `base_dir`.
fn resolve_paths(dict: &mut Dict, base_dir: &Path) {
    let mut paths: Vec<Vec<String>> = vec![vec!["settings".into(), "ca_bundle".into()]];
    if let Some(Value::Dict(_, tenants)) = dict.get("tenants") {
        for (tenant, services) in tenants {
            let Value::Dict(_, services) = services else {
                continue;
            };
            for service in services.keys() {
                for field in SERVICE_PATH_FIELDS {
                    let mut path = vec!["tenants".to_string(), tenant.clone(), service.clone()];
                    path.extend(field.iter().map(|s| s.to_string()));
                    paths.push(path);
                }
            }
        }
    }
    for mut secret in secret_paths(dict) {
        secret.push("file".into());
        paths.push(secret);
    }
    for path in paths {
        if let Some(Value::String(_, text)) = value_at_mut(dict, &path)
            && Path::new(text.as_str()).is_relative()
        {
            *text = base_dir.join(text.as_str()).display().to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_folder() {
        let text = r#"
            [settings]
            ca_bundle = "certs/extra.pem"
            [tenants.acme.netbox]
            tls = { client_cert = "c.pem", client_key = "/abs/k.pem" }
            auth = { scheme = "token", token = { file = "secrets/token" } }
        "#;
        let layer = layer(text, None, Path::new("/etc/nbi")).unwrap();
        let figment = figment::Figment::from(layer);
        let get = |p: &str| figment.extract_inner::<String>(p).unwrap();
        assert_eq!(get("settings.ca_bundle"), "/etc/nbi/certs/extra.pem");
        assert_eq!(get("tenants.acme.netbox.tls.client_cert"), "/etc/nbi/c.pem");
        assert_eq!(get("tenants.acme.netbox.tls.client_key"), "/abs/k.pem");
        assert_eq!(
            get("tenants.acme.netbox.auth.token.file"),
            "/etc/nbi/secrets/token"
        );
    }

    #[test]
    fn a_plain_secret_and_bad_toml_are_refused() {
        let text = "[tenants.acme.netbox]\nauth = { scheme = \"token\", token = \"abc\" }\n";
        let err = layer(text, None, Path::new("/")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tenants.acme.netbox.auth.token: a secret in nbi.toml must be { env = … }, \
             { file = … }, { command = … } or { keyring = … }, not a plain string"
        );
        let err = layer(
            "[tenants\n",
            Some(Path::new("/x/nbi.toml")),
            Path::new("/x"),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("/x/nbi.toml: "), "{err}");
    }
}
