//! A simulated NetBox with two tenants and settings for both.

use std::fmt::Write as _;

use nbi_core::{Settings, Transports};
use nbi_netbox::Client;
use nbi_sim::{Credentials, Service, SimConfig, SimHandle};

pub(crate) struct Lab {
    pub(crate) sim: SimHandle,
    pub(crate) transports: Transports,
    pub(crate) tokens: Vec<String>,
    _dir: tempfile::TempDir,
}

/// Two tenants with `devices` devices each; `extra` is added to every service table.
pub(crate) async fn lab(devices: usize, extra: &str) -> Lab {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Netbox],
        tenants: 2,
        devices,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    let mut tokens = Vec::new();
    for endpoint in sim.endpoints() {
        let Credentials::Token { token } = &endpoint.credentials else {
            panic!("NetBox tenants use tokens")
        };
        let file = dir.path().join(format!("{}.token", endpoint.tenant));
        std::fs::write(&file, token).unwrap();
        tokens.push(token.clone());
        write!(
            toml,
            "\n[tenants.{}.netbox]\nurl = {:?}\nauth = {{ scheme = \"token\", token = {{ file = {:?} }} }}\n{extra}\n",
            endpoint.tenant,
            endpoint.url,
            file.to_str().unwrap()
        )
        .unwrap();
    }
    let settings = Settings::from_toml_str(&toml, dir.path()).unwrap();
    Lab {
        sim,
        transports: Transports::new(settings),
        tokens,
        _dir: dir,
    }
}

impl Lab {
    pub(crate) fn client(&self, tenant: &str) -> Client {
        Client::from_transports(&self.transports, tenant, "netbox").unwrap()
    }
}
