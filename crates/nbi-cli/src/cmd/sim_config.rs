//! `nbi sim --write-config`: an `nbi.toml` for the running simulators, their secrets as files
//! beside it (mode 0600), and a `devices.csv` inventory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use nbi_core::{LoadOptions, Operation, OperationClass, RequestSpec, Settings, Transports};
use nbi_sim::{Credentials, Endpoint, Service, SimHandle};
use serde::Deserialize;

const LIST_DEVICES: Operation = Operation::new("list_devices", OperationClass::LIST);
const PAGE: usize = 500;

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

    let mut csv = String::from("tenant,source,id\n");
    for endpoint in handle.endpoints() {
        let source = endpoint.service.as_str();
        for id in device_ids(path, endpoint, devices).await? {
            writeln!(csv, "{},{source},{id}", endpoint.tenant)?;
        }
    }
    std::fs::write(dir.join("devices.csv"), csv)?;
    Ok(())
}

/// One `[tenants.T.S]` table.
fn service_table(dir: &Path, endpoint: &Endpoint) -> anyhow::Result<String> {
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
        Credentials::JwtLogin { username, password } => format!(
            "{{ scheme = \"jwt-login\", username = {}, password = {} }}",
            quoted(username),
            secret("password", password)?
        ),
    };
    if endpoint.service == Service::Netbox {
        return Ok(format!(
            "\n[tenants.{tenant}.netbox]\nurl = {}\nauth = {auth}\n",
            quoted(&endpoint.url)
        ));
    }
    Ok(format!(
        "\n[tenants.{tenant}.{service}]\nkind = \"http-json\"\nurl = {}\nconfig_path = \"/api/v1/devices/{{id}}/config\"\nauth = {auth}\n",
        quoted(&endpoint.url)
    ))
}

/// The device ids of one endpoint: `0..N-1` in benchmark mode, else listed page by page.
async fn device_ids(
    settings_file: &Path,
    endpoint: &Endpoint,
    devices: usize,
) -> anyhow::Result<Vec<String>> {
    if endpoint.service == Service::Netbox {
        return super::netbox::sim_device_names(settings_file, &endpoint.tenant).await;
    }
    if matches!(endpoint.credentials, Credentials::None) {
        return Ok((0..devices).map(|i| i.to_string()).collect());
    }
    #[derive(Deserialize)]
    struct Page {
        results: Vec<Device>,
    }
    #[derive(Deserialize)]
    struct Device {
        id: String,
    }
    let loaded = Settings::load(
        &LoadOptions::new()
            .file(settings_file)
            .search_cwd(false)
            .use_env(false),
    )?;
    let transports = Transports::new(loaded.settings);
    let transport = transports.transport(&endpoint.tenant, endpoint.service.as_str())?;
    let mut ids = Vec::new();
    loop {
        let spec = RequestSpec::get(LIST_DEVICES, "/api/v1/devices")
            .query("limit", PAGE)
            .query("offset", ids.len());
        let page: Page = transport
            .json(spec)
            .await
            .context("listing the simulated devices")?;
        let done = page.results.len() < PAGE;
        ids.extend(page.results.into_iter().map(|d| d.id));
        if done {
            return Ok(ids);
        }
    }
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
