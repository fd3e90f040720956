//! A simulated CMS and clients for its tenants.

use nbi_cms::{Client, NodeName};
use nbi_core::{FixedSecret, Settings, Transports};
use nbi_sim::{Credentials, FaultConfig, Service, SimConfig, SimHandle};

pub(crate) async fn sim(tenants: usize, devices: usize, seed: u64) -> SimHandle {
    nbi_sim::spawn(SimConfig {
        services: vec![Service::Cms],
        tenants,
        devices,
        seed,
        faults: FaultConfig::default(),
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

pub(crate) fn credentials(sim: &SimHandle, tenant: usize) -> (String, String) {
    match &sim.endpoints()[tenant].credentials {
        Credentials::Basic { username, password } => (username.clone(), password.clone()),
        other => panic!("unexpected credentials {other:?}"),
    }
}

/// A client of tenant index `tenant` built with the builder.
pub(crate) fn client(sim: &SimHandle, tenant: usize) -> Client {
    let (user, password) = credentials(sim, tenant);
    let url = sim.url(Service::Cms);
    Client::builder()
        .tenant(format!("tenant-{}", tenant + 1))
        .url(url)
        .rest_url(url)
        .credentials(user, FixedSecret::shared(password))
        .allow_insecure_http(true)
        .build()
        .unwrap()
}

/// Settings naming every tenant's CMS, with passwords in the environment-free `Value` form.
pub(crate) fn transports(sim: &SimHandle, dir: &std::path::Path) -> Transports {
    let url = sim.url(Service::Cms);
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    for (i, endpoint) in sim.endpoints().iter().enumerate() {
        let (user, password) = credentials(sim, i);
        let file = dir.join(format!("{}.pw", endpoint.tenant));
        std::fs::write(&file, password).unwrap();
        toml.push_str(&format!(
            "[tenants.{t}.cms]\nurl = \"{url}\"\nrest_url = \"{url}\"\nnode_type = \"e7\"\nauth = {{ scheme = \"session\", username = \"{user}\", password = {{ file = \"{f}\" }} }}\n",
            t = endpoint.tenant,
            f = file.display()
        ));
    }
    Transports::new(Settings::from_toml_str(&toml, dir).unwrap())
}

pub(crate) fn node(name: &str) -> NodeName {
    name.parse().unwrap()
}

/// `GET /_sim/cms/sessions`.
pub(crate) async fn sessions(sim: &SimHandle) -> serde_json::Value {
    reqwest::get(format!("{}/_sim/cms/sessions", sim.url(Service::Cms)))
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

pub(crate) async fn expire_sessions(sim: &SimHandle) {
    reqwest::Client::new()
        .post(format!(
            "{}/_sim/cms/sessions/expire",
            sim.url(Service::Cms)
        ))
        .send()
        .await
        .unwrap();
}
