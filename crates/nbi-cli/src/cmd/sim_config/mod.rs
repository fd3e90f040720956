//! `nbi sim --write-config`: an `nbi.toml` for the running simulators, their secrets as files
//! beside it (mode 0600), and a `devices.csv` inventory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use nbi_core::{LoadOptions, Settings, Transports};
use nbi_sim::{Credentials, Endpoint, Service, SimHandle};

mod devices;

/// Writes the settings, secrets and inventory, then lists every tenant's devices through the
/// simulators themselves (with the written settings, so they are proven to work).
pub(crate) async fn write(path: &Path, handle: &SimHandle, devices: usize) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir.join("secrets"))?;
    let mut toml = String::from(
        "# Written by `nbi sim --write-config` for simulators on 127.0.0.1.\n\n[settings]\n",
    );
    match handle.ca_pem() {
        Some(pem) => {
            write_private(&dir.join("sim-ca.pem"), pem)?;
            toml.push_str("ca_bundle = \"sim-ca.pem\"\n");
        }
        None => toml.push_str("allow_insecure_http = true\n"),
    }
    for endpoint in handle.endpoints() {
        toml.push_str(&service_table(dir, endpoint)?);
    }
    toml.push_str("\n[fleet]\ninventory = \"devices.csv\"\n");
    std::fs::write(path, toml)?;

    // The written settings list the devices, so they are proven to work.
    let settings = Settings::load(
        &LoadOptions::new()
            .file(path)
            .search_cwd(false)
            .use_env(false),
    )?
    .settings;
    let transports = Transports::new(settings);
    let mut csv = String::from("tenant,source,id\n");
    for endpoint in handle.endpoints() {
        let source = endpoint.service.as_str();
        for id in devices::device_ids(&transports, endpoint, devices).await? {
            writeln!(csv, "{},{source},{id}", endpoint.tenant)?;
        }
    }
    std::fs::write(dir.join("devices.csv"), csv)?;
    Ok(())
}

/// One `[tenants.T.S]` table.
fn service_table(dir: &Path, endpoint: &Endpoint) -> anyhow::Result<String> {
    if endpoint.service == Service::Cms {
        return super::cms::sim_table(dir, endpoint, write_private);
    }
    let (tenant, service) = (&endpoint.tenant, endpoint.service.as_str());
    let secret = |what: &str, value: &str| -> anyhow::Result<String> {
        let relative = PathBuf::from("secrets").join(format!("{tenant}-{service}.{what}"));
        write_private(&dir.join(&relative), value)?;
        Ok(format!(
            "{{ file = {} }}",
            quoted(&relative.to_string_lossy())
        ))
    };
    let auth = match &endpoint.credentials {
        Credentials::None => "{ scheme = \"none\" }".to_owned(),
        Credentials::Basic { username, password } => format!(
            "{{ scheme = \"basic\", username = {}, password = {} }}",
            quoted(username),
            secret("password", password)?
        ),
        Credentials::Bearer { token } => format!(
            "{{ scheme = \"bearer\", token = {} }}",
            secret("token", token)?
        ),
        Credentials::Token { token } => format!(
            "{{ scheme = \"token\", token = {} }}",
            secret("token", token)?
        ),
        Credentials::OAuth2 {
            token_url,
            client_id,
            client_secret,
        } => format!(
            "{{ scheme = \"oauth2\", token_url = {}, client_id = {}, client_secret = {} }}",
            quoted(token_url),
            quoted(client_id),
            secret("client-secret", client_secret)?
        ),
        Credentials::Ofsc { .. } => return super::ofsc::sim_table(dir, endpoint, write_private),
        Credentials::JwtLogin { username, password } => format!(
            "{{ scheme = \"jwt-login\", username = {}, password = {} }}",
            quoted(username),
            secret("password", password)?
        ),
    };
    if endpoint.service != Service::Nms {
        // Client-backed services: the table name is the kind, and the client knows the paths.
        return Ok(format!(
            "\n[tenants.{tenant}.{service}]\nurl = {}\nauth = {auth}\n",
            quoted(&endpoint.url)
        ));
    }
    Ok(format!(
        "\n[tenants.{tenant}.{service}]\nkind = \"http-json\"\nurl = {}\nconfig_path = \"/api/v1/devices/{{id}}/config\"\nauth = {auth}\n",
        quoted(&endpoint.url)
    ))
}

/// A TOML basic string: JSON's string escapes are valid TOML.
fn quoted(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// Writes a file readable by its owner only (it holds a secret).
fn write_private(path: &Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}
