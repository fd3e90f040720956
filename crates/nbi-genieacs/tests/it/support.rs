//! A simulated GenieACS and clients of its tenants.

use std::sync::Arc;

use nbi_core::auth::BasicAuth;
use nbi_core::{FixedSecret, RetryConfig, Transport, TransportBuilder};
use nbi_genieacs::Client;
use nbi_sim::{Credentials, Service, SimConfig, SimHandle};

/// The first online TR-098 CPE of tenant-1.
pub(crate) const ONLINE: &str = "202BC1-BM632w-000001";
/// The TR-181 CPE of tenant-1.
pub(crate) const TR181: &str = "E8F1B0-AX3000-000002";
/// The CPE whose product class has a space (`%20` in its id).
pub(crate) const ESCAPED: &str = "A4B1E9-FAST%205670-000003";
/// The offline CPE of tenant-1.
pub(crate) const OFFLINE: &str = "00259E-HG8245Q2-000004";

pub(crate) async fn sim(devices: usize) -> SimHandle {
    nbi_sim::spawn(SimConfig {
        services: vec![Service::Genieacs],
        tenants: 2,
        devices,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

/// The transport builder of `tenant` (0-based), with one attempt unless `retries`.
pub(crate) fn transport(sim: &SimHandle, tenant: usize) -> TransportBuilder {
    let endpoint = sim
        .endpoints()
        .iter()
        .filter(|e| e.service == Service::Genieacs)
        .nth(tenant)
        .unwrap();
    let Credentials::Basic { username, password } = &endpoint.credentials else {
        panic!("GenieACS tenants use basic auth")
    };
    Transport::builder("genieacs", &endpoint.tenant)
        .base_url(&endpoint.url)
        .allow_insecure_http(true)
        .auth(Arc::new(BasicAuth::new(
            username.clone(),
            FixedSecret::shared(password.clone()),
        )))
        .classifier(nbi_genieacs::classifier())
        .retry(RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        })
}

pub(crate) fn client(sim: &SimHandle, tenant: usize) -> Client {
    Client::builder()
        .transport(transport(sim, tenant).build().unwrap())
        .build()
        .unwrap()
}

/// The password of `tenant`, to check it never shows.
pub(crate) fn password(sim: &SimHandle, tenant: usize) -> String {
    match &sim.endpoints()[tenant].credentials {
        Credentials::Basic { password, .. } => password.clone(),
        _ => unreachable!(),
    }
}
