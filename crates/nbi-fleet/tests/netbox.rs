//! The NetBox inventory and the `netbox` config source against the simulators: devices listed
//! by a NetBox query and backed up from the NMS, or rendered by NetBox itself.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use nbi_core::{Settings, Transports};
use nbi_fleet::{
    DeviceRef, ErrorKind, Inventory, Runner, SnapshotStore, Sources, SqliteStore, StoreDevice,
};
use nbi_sim::{Credentials, Service, SimConfig, SimHandle};
use serde_json::json;
use tokio_util::sync::CancellationToken;

async fn sim() -> SimHandle {
    nbi_sim::spawn(SimConfig {
        services: vec![Service::Nms, Service::Netbox],
        tenants: 2,
        devices: 8,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

/// `[tenants.T.nms]` (http-json) and `[tenants.T.netbox]` for every simulated tenant.
fn settings_for(sim: &SimHandle, dir: &Path) -> Settings {
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    for (i, endpoint) in sim.endpoints().iter().enumerate() {
        let secret = |value: &str| {
            let path = dir.join(format!("secret-{i}"));
            std::fs::write(&path, value).unwrap();
            format!("{{ file = {:?} }}", path.to_str().unwrap())
        };
        let auth = match &endpoint.credentials {
            Credentials::Bearer { token } => {
                format!("{{ scheme = \"bearer\", token = {} }}", secret(token))
            }
            Credentials::Token { token } => {
                format!("{{ scheme = \"token\", token = {} }}", secret(token))
            }
            Credentials::OAuth2 {
                token_url,
                client_id,
                client_secret,
            } => format!(
                "{{ scheme = \"oauth2\", token_url = {token_url:?}, client_id = {client_id:?}, client_secret = {} }}",
                secret(client_secret)
            ),
            other => panic!("unexpected credentials {other:?}"),
        };
        let table = match endpoint.service {
            Service::Nms => {
                "nms]\nkind = \"http-json\"\nconfig_path = \"/api/v1/devices/{id}/config\""
            }
            _ => "netbox]",
        };
        write!(
            toml,
            "\n[tenants.{}.{table}\nurl = {:?}\nauth = {auth}\n",
            endpoint.tenant, endpoint.url
        )
        .unwrap();
    }
    Settings::from_toml_str(&toml, dir).unwrap()
}

fn ids(inventory: &Inventory) -> Vec<String> {
    inventory.devices.iter().map(ToString::to_string).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_netbox_query_lists_the_devices_the_nms_backs_up() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let transports = Transports::new(settings_for(&sim, dir.path()));
    let query =
        json!({"tenant": "tenant-1", "source": "nms", "filter": {"role": "router"}, "id": "name"});
    let inventory = Inventory::from_netbox(&transports, &query).await.unwrap();
    assert_eq!(
        ids(&inventory),
        [
            "tenant-1/nms/r0001",
            "tenant-1/nms/r0002",
            "tenant-1/nms/r0005",
            "tenant-1/nms/r0006"
        ]
    );
    let both = json!([query, {"tenant": "tenant-2", "source": "netbox", "filter": {"role": ["olt", "switch"]}, "id": "pk"}]);
    let combined = Inventory::from_netbox(&transports, &both).await.unwrap();
    assert_eq!(combined.devices.len(), 4 + 4);
    assert_eq!(
        combined.devices[4].id(),
        "3",
        "olt and switch keys of tenant-2"
    );

    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &combined.devices).unwrap(),
    );
    let report = runner
        .run(&combined.devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((report.changed, report.failed), (8, 0), "{report:?}");
    assert_eq!(
        report.requests, 8,
        "one render per NetBox device, one fetch per NMS device"
    );
    let rendered = store
        .text(&StoreDevice::new("tenant-2", "netbox", "3"), None)
        .unwrap();
    assert!(rendered.contains("hostname r0003"), "{rendered}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rendered_configs_change_only_when_netbox_data_does() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let transports = Transports::new(settings_for(&sim, dir.path()));
    let devices: Vec<DeviceRef> = ["r0001", "r0002", "7", "r0099"]
        .iter()
        .map(|id| DeviceRef::new("tenant-1", "netbox", *id).unwrap())
        .collect();
    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &devices).unwrap(),
    );
    let first = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(
        (first.changed, first.failed),
        (3, 1),
        "r0099 does not exist: {first:?}"
    );
    let failures = store.failures(first.run()).unwrap();
    assert!(
        failures[0].message.contains("no device named \"r0099\""),
        "{failures:?}"
    );

    let second = runner
        .run(&devices[..3], None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((second.changed, second.unchanged), (0, 3), "{second:?}");

    let netbox = nbi_netbox::Client::from_transports(&transports, "tenant-1", "netbox").unwrap();
    netbox
        .dcim()
        .devices()
        .patch(2u64, &json!({"serial": "RMA-1"}))
        .send()
        .await
        .unwrap();
    let third = runner
        .run(&devices[..3], None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((third.changed, third.unchanged), (1, 2), "{third:?}");
    let text = store
        .text(&StoreDevice::new("tenant-1", "netbox", "r0002"), None)
        .unwrap();
    assert!(text.contains("serial RMA-1"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_that_are_not_fleet_ids_are_refused_by_name() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let transports = Transports::new(settings_for(&sim, dir.path()));
    let netbox = nbi_netbox::Client::from_transports(&transports, "tenant-2", "netbox").unwrap();
    let body = json!({"name": "core router 9", "role": 1, "device_type": 1, "site": 1});
    netbox.dcim().devices().create(&body).await.unwrap();
    let query = json!({"tenant": "tenant-2", "source": "nms", "filter": {"role": "router"}});
    let e = Inventory::from_netbox(&transports, &query)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Inventory);
    assert!(
        e.message().contains("NetBox device \"core router 9\""),
        "{e}"
    );
    let by_key =
        json!({"tenant": "tenant-2", "source": "netbox", "filter": {"role": "router"}, "id": "pk"});
    assert_eq!(
        Inventory::from_netbox(&transports, &by_key)
            .await
            .unwrap()
            .devices
            .len(),
        5
    );
}
