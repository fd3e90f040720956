//! Integration tests against nbi-sim's VOLTHA: every endpoint family, both error forms,
//! retries, breaker isolation between tenants, the blocking twin and secret hygiene.

mod blocking;
mod devices;
mod errors;
mod isolation;
mod logical;
mod onu;

use std::fmt::Write as _;

use nbi_core::{Settings, Transports};
use nbi_sim::{Credentials, Service, SimConfig, SimHandle};
use nbi_voltha::Client;

/// Simulators, settings for each tenant (tokens as files) and their transports.
pub(crate) struct Lab {
    pub(crate) sim: SimHandle,
    pub(crate) transports: Transports,
    pub(crate) tokens: Vec<String>,
    _dir: tempfile::TempDir,
}

/// `olts` OLTs per tenant (two ONUs each); `service_extra` goes into every tenant's table.
pub(crate) async fn lab(tenants: usize, olts: usize, service_extra: &str) -> Lab {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Voltha],
        tenants,
        devices: olts,
        seed: 5,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    let mut tokens = Vec::new();
    for endpoint in sim.endpoints() {
        let Credentials::Bearer { token } = &endpoint.credentials else {
            panic!("VOLTHA tenants use bearer tokens");
        };
        let file = dir.path().join(format!("{}.token", endpoint.tenant));
        std::fs::write(&file, token).unwrap();
        tokens.push(token.clone());
        write!(
            toml,
            "\n[tenants.{}.voltha]\nurl = {:?}\nauth = {{ scheme = \"bearer\", token = {{ file = {:?} }} }}\n{service_extra}\n",
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

/// Fast retries for tests.
pub(crate) const FAST_RETRY: &str = "retry = { base_ms = 1, max_ms = 5 }";

impl Lab {
    pub(crate) fn client(&self, tenant: &str) -> Client {
        Client::from_transports(&self.transports, tenant, "voltha").unwrap()
    }

    /// The tenant's next `count` requests are answered UNAVAILABLE.
    pub(crate) async fn outage(&self, tenant: &str, count: u32) {
        let url = format!(
            "{}/_sim/voltha/{tenant}/unavailable",
            self.sim.url(Service::Voltha)
        );
        let response = reqwest::Client::new()
            .post(url)
            .json(&serde_json::json!({ "count": count }))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
    }
}
