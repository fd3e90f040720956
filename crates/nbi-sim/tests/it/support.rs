//! Helpers shared by the integration tests.

use nbi_sim::{AuthMode, FaultConfig, Service, SimConfig, SimHandle};

/// A simulator without auth, `devices` devices and the given faults.
pub(crate) async fn open_sim(faults: FaultConfig) -> SimHandle {
    nbi_sim::spawn(SimConfig {
        auth: AuthMode::None,
        faults,
        seed: 7,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

/// A client that never reuses connections, so a dropped connection is never retried silently.
pub(crate) fn fresh_client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

/// The config URL of device `id` on the NMS server.
pub(crate) fn config_url(sim: &SimHandle, id: &str) -> String {
    format!("{}/api/v1/devices/{id}/config", sim.url(Service::Nms))
}

/// Sends `n` GETs to `url` concurrently; returns each status, or `None` for a transport error
/// (including a body that could not be read in full).
pub(crate) async fn fetch_many(client: &reqwest::Client, url: &str, n: usize) -> Vec<Option<u16>> {
    let requests = (0..n).map(|_| async {
        let response = client.get(url).send().await.ok()?;
        let status = response.status().as_u16();
        response.bytes().await.ok()?;
        Some(status)
    });
    futures::future::join_all(requests).await
}
