//! A simulated OFSC with two tenants — tenant-1 on basic auth, tenant-2 on OAuth 2 — and
//! `nbi.toml` settings for both, written the way operators write them (instance, client id
//! without `@instance`, no token URL).

use std::fmt::Write as _;

use nbi_core::{Settings, Transports};
use nbi_ofsc::Client;
use nbi_sim::{Credentials, FaultConfig, Service, SimConfig, SimHandle};

pub(crate) struct Lab {
    pub(crate) sim: SimHandle,
    pub(crate) transports: Transports,
    pub(crate) secrets: Vec<String>,
    _dir: tempfile::TempDir,
}

/// Two tenants, five technicians each; `extra` is added to every service table.
pub(crate) async fn lab(extra: &str) -> Lab {
    lab_with(FaultConfig::default(), extra).await
}

pub(crate) async fn lab_with(faults: FaultConfig, extra: &str) -> Lab {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Ofsc],
        tenants: 2,
        devices: 5,
        faults,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    let mut secrets = Vec::new();
    for endpoint in sim.endpoints() {
        let Credentials::Ofsc {
            instance,
            client_id,
            client_secret,
            token_url,
        } = &endpoint.credentials
        else {
            panic!("OFSC tenants have OFSC credentials")
        };
        let file = dir.path().join(format!("{}.secret", endpoint.tenant));
        std::fs::write(&file, client_secret).unwrap();
        secrets.push(client_secret.clone());
        let scheme = if token_url.is_some() {
            "oauth2"
        } else {
            "basic"
        };
        write!(
            toml,
            "\n[tenants.{}.ofsc]\ninstance = {instance:?}\nurl = {:?}\nauth = {{ scheme = \"{scheme}\", client_id = {client_id:?}, client_secret = {{ file = {:?} }} }}\n{extra}\n",
            endpoint.tenant,
            endpoint.url,
            file.to_str().unwrap()
        )
        .unwrap();
    }
    let settings = Settings::from_toml_str(&toml, dir.path()).unwrap();
    settings.validate().unwrap();
    Lab {
        sim,
        transports: Transports::new(settings),
        secrets,
        _dir: dir,
    }
}

impl Lab {
    pub(crate) fn client(&self, tenant: &str) -> Client {
        Client::from_transports(&self.transports, tenant, "ofsc").unwrap()
    }

    /// tenant-1: basic auth.
    pub(crate) fn basic(&self) -> Client {
        self.client("tenant-1")
    }

    /// tenant-2: OAuth 2.
    pub(crate) fn oauth2(&self) -> Client {
        self.client("tenant-2")
    }
}
