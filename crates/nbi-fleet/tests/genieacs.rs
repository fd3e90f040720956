//! The `genieacs` source against nbi-sim: CPE parameter trees backed up over basic auth;
//! informs (uptime, clocks, timestamps) never make a new version, a real change does.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use nbi_core::{Settings, Transports};
use nbi_fleet::{DeviceRef, Runner, SnapshotStore, Sources, SqliteStore, StoreDevice};
use nbi_sim::{Credentials, FaultConfig, Service, SimConfig, SimHandle};
use tokio_util::sync::CancellationToken;

const DEVICES: usize = 6;

fn settings_for(sim: &SimHandle, dir: &Path) -> Settings {
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    for (i, endpoint) in sim.endpoints().iter().enumerate() {
        let Credentials::Basic { username, password } = &endpoint.credentials else {
            panic!("GenieACS tenants use basic auth")
        };
        let file = dir.join(format!("password-{i}"));
        std::fs::write(&file, password).unwrap();
        write!(
            toml,
            "\n[tenants.{}.acs]\nkind = \"genieacs\"\nurl = {:?}\nauth = {{ scheme = \"basic\", username = {username:?}, password = {{ file = {:?} }} }}\n",
            endpoint.tenant,
            endpoint.url,
            file.to_str().unwrap()
        )
        .unwrap();
    }
    Settings::from_toml_str(&toml, dir).unwrap()
}

/// Every CPE of every tenant that a fleet id can name (GenieACS ids with `%` cannot).
async fn devices(sim: &SimHandle, transports: &Transports) -> Vec<DeviceRef> {
    use futures::TryStreamExt;
    let mut refs = Vec::new();
    for endpoint in sim.endpoints() {
        let acs =
            nbi_genieacs::Client::from_transports(transports, &endpoint.tenant, "acs").unwrap();
        let all: Vec<_> = acs.devices().list().send().try_collect().await.unwrap();
        refs.extend(
            all.iter()
                .filter_map(|d| d.id())
                .filter_map(|id| DeviceRef::new(&endpoint.tenant, "acs", id.as_str()).ok()),
        );
    }
    refs
}

async fn admin(sim: &SimHandle, tenant: &str, id: &str, action: &str) {
    let url = format!(
        "{}/_sim/genieacs/{tenant}/devices/{id}/{action}",
        sim.url(Service::Genieacs)
    );
    let response = reqwest::Client::new().post(url).send().await.unwrap();
    assert!(response.status().is_success(), "{action} {id}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parameter_trees_are_backed_up_and_only_real_changes_make_versions() {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Genieacs],
        tenants: 2,
        devices: DEVICES,
        seed: 5,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let transports = Transports::new(settings_for(&sim, dir.path()));
    let devices = devices(&sim, &transports).await;
    assert_eq!(
        devices.len(),
        2 * (DEVICES - 1),
        "the `%` id of each tenant is left out"
    );
    // From here on, one request in ten is answered 503 (and retried).
    sim.set_faults(
        None,
        FaultConfig {
            fail_rate: 0.1,
            ..FaultConfig::default()
        },
    );
    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &devices).unwrap(),
    )
    .concurrency(4);

    let first = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    let failures = store.failures(first.run()).unwrap();
    assert_eq!(
        (first.changed, first.failed),
        (10, 0),
        "{first:?} {failures:?}"
    );

    let id = "202BC1-BM632w-000001";
    let device = StoreDevice::new("tenant-1", "acs", id);
    let text = store.text(&device, None).unwrap();
    assert!(
        text.contains("InternetGatewayDevice.DeviceInfo.SoftwareVersion = "),
        "{text}"
    );
    assert!(
        !text.contains("UpTime")
            && !text.contains("CurrentLocalTime")
            && !text.contains("_timestamp")
    );
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    assert_eq!(lines, text.lines().collect::<Vec<_>>(), "sorted");

    for device in &devices {
        admin(&sim, device.tenant(), device.id(), "inform").await;
    }
    let second = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((second.changed, second.unchanged), (0, 10), "{second:?}");

    admin(&sim, "tenant-2", "E8F1B0-AX3000-010002", "change").await;
    let third = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((third.changed, third.unchanged), (1, 9), "{third:?}");
    let changed = StoreDevice::new("tenant-2", "acs", "E8F1B0-AX3000-010002");
    assert_eq!(store.versions(&changed).unwrap().len(), 2);
    assert!(
        store
            .text(&changed, None)
            .unwrap()
            .contains("Device.WiFi.SSID.1.SSID = SAGEMCOM-0002-v2")
    );
}

#[tokio::test]
async fn an_unknown_device_fails_alone() {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Genieacs],
        tenants: 1,
        devices: 2,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let transports = Transports::new(settings_for(&sim, dir.path()));
    let devices = vec![
        DeviceRef::new("tenant-1", "acs", "202BC1-BM632w-000001").unwrap(),
        DeviceRef::new("tenant-1", "acs", "nope").unwrap(),
    ];
    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &devices).unwrap(),
    );
    let report = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((report.changed, report.failed), (1, 1), "{report:?}");
    let failures = store.failures(report.run()).unwrap();
    assert!(
        format!("{failures:?}").contains("no device"),
        "{failures:?}"
    );
}
