//! A simulator with MANO and clients of its tenants.

use std::sync::Arc;

use nbi_core::auth::JwtLogin;
use nbi_core::{FixedSecret, Operation, OperationClass, RequestSpec, Transport, TransportBuilder};
use nbi_mano::Client;
use nbi_sim::{Credentials, Service, SimConfig, SimHandle};
use serde_json::Value;

pub(crate) async fn sim(tenants: usize) -> SimHandle {
    nbi_sim::spawn(SimConfig {
        services: vec![Service::Mano],
        tenants,
        ..Default::default()
    })
    .await
    .unwrap()
}

pub(crate) fn credentials(sim: &SimHandle, tenant: usize) -> (String, String) {
    match &sim.endpoints()[tenant].credentials {
        Credentials::JwtLogin { username, password } => (username.clone(), password.clone()),
        other => panic!("unexpected credentials {other:?}"),
    }
}

/// The transport builder of tenant index `tenant`, with the password given.
pub(crate) fn builder_with_password(
    sim: &SimHandle,
    tenant: usize,
    password: &str,
) -> TransportBuilder {
    let (username, _) = credentials(sim, tenant);
    Transport::builder("mano", format!("tenant-{}", tenant + 1))
        .base_url(sim.url(Service::Mano))
        .allow_insecure_http(true)
        .jitter_seed(7)
        .rate_limit(nbi_mano::default_rate_limits())
        .auth(Arc::new(JwtLogin::new(
            username,
            FixedSecret::shared(password.to_owned()),
        )))
}

pub(crate) fn builder(sim: &SimHandle, tenant: usize) -> TransportBuilder {
    let (_, password) = credentials(sim, tenant);
    builder_with_password(sim, tenant, &password)
}

pub(crate) fn client(sim: &SimHandle, tenant: usize) -> Client {
    Client::builder()
        .transport(builder(sim, tenant).build().unwrap())
        .build()
        .unwrap()
}

/// `PUT /_sim/mano/{tenant}/settings`.
pub(crate) async fn sim_settings(sim: &SimHandle, tenant: &str, body: Value) {
    const ADMIN: Operation = Operation::new("sim_admin", OperationClass::UPDATE);
    let admin = Transport::builder("sim", "admin")
        .base_url(sim.url(Service::Mano))
        .allow_insecure_http(true)
        .build()
        .unwrap();
    admin
        .send(
            RequestSpec::put(ADMIN, "/_sim/mano/{tenant}/settings")
                .path_param("tenant", tenant)
                .json(&body),
        )
        .await
        .unwrap();
}
