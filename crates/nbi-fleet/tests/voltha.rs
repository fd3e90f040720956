//! The `voltha` config source against nbi-sim: devices, ports and flows backed up as canonical
//! text, counters and operational state never making a new version, real changes doing so.

use std::fmt::Write as _;
use std::sync::Arc;

use nbi_core::{Settings, Transports};
use nbi_fleet::{DeviceRef, Runner, SnapshotStore, Sources, SqliteStore, StoreDevice};
use nbi_sim::{Credentials, Service, SimConfig};
use tokio_util::sync::CancellationToken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn voltha_devices_back_up_and_only_real_changes_count() {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Voltha],
        tenants: 2,
        devices: 2,
        seed: 3,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    for endpoint in sim.endpoints() {
        let Credentials::Bearer { token } = &endpoint.credentials else {
            panic!("VOLTHA uses bearer tokens");
        };
        let file = dir.path().join(&endpoint.tenant);
        std::fs::write(&file, token).unwrap();
        write!(
            toml,
            "\n[tenants.{}.olts]\nkind = \"voltha\"\nurl = {:?}\nauth = {{ scheme = \"bearer\", token = {{ file = {:?} }} }}\nretry = {{ base_ms = 1, max_ms = 5 }}\n",
            endpoint.tenant,
            endpoint.url,
            file.to_str().unwrap()
        )
        .unwrap();
    }
    let transports = Transports::new(Settings::from_toml_str(&toml, dir.path()).unwrap());
    let mut devices = Vec::new();
    for tenant in ["tenant-1", "tenant-2"] {
        let client = nbi_voltha::Client::from_transports(&transports, tenant, "olts").unwrap();
        for device in client.devices().list().await.unwrap() {
            devices.push(DeviceRef::new(tenant, "olts", device.id.as_str()).unwrap());
        }
    }
    assert_eq!(devices.len(), 12);
    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &devices).unwrap(),
    );

    // tenant-1's VOLTHA core is unreachable for its next three requests: retried.
    let outage = reqwest::Client::new()
        .post(format!(
            "{}/_sim/voltha/tenant-1/unavailable",
            sim.url(Service::Voltha)
        ))
        .json(&serde_json::json!({"count": 3}))
        .send()
        .await
        .unwrap();
    assert!(outage.status().is_success());
    let first = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((first.changed, first.failed), (12, 0), "{first:?}");
    assert_eq!(first.retries, 3, "{first:?}");
    let second = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((second.changed, second.unchanged), (0, 12), "{second:?}");

    // Disable one ONU: its admin state is configuration.
    let client = nbi_voltha::Client::from_transports(&transports, "tenant-2", "olts").unwrap();
    let onu_id = client
        .devices()
        .list()
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.is_onu())
        .unwrap()
        .id;
    client.onu().disable(&onu_id).await.unwrap();
    let third = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((third.changed, third.unchanged), (1, 11), "{third:?}");

    let stored = StoreDevice::new("tenant-2", "olts", onu_id.as_str());
    let text = store.text(&stored, None).unwrap();
    assert!(text.starts_with("# VOLTHA device "), "{text}");
    assert!(text.contains("\"admin_state\": \"DISABLED\""));
    assert!(!text.contains("rx_bytes") && !text.contains("packet_count"));
    assert_eq!(store.versions(&stored).unwrap().len(), 2);
}

#[test]
fn an_unknown_kind_names_voltha_among_the_supported() {
    let dir = tempfile::tempdir().unwrap();
    let toml = "[tenants.a.x]\nkind = \"mano\"\nurl = \"https://x.example\"\n";
    let transports = Transports::new(Settings::from_toml_str(toml, dir.path()).unwrap());
    let device = [DeviceRef::new("a", "x", "d1").unwrap()];
    let err = Sources::from_settings(&transports, &device).unwrap_err();
    assert!(err.message().contains("\"voltha\""), "{err}");
}
