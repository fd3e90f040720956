//! The `cms` fleet source against the simulated CMS: each ONT's configuration as canonical
//! text, one session per tenant, a change seen only when the configuration changes.

use std::fmt::Write as _;
use std::sync::Arc;

use nbi_cms::{Client, OntId, OntUpdate};
use nbi_core::{Settings, Transports};
use nbi_fleet::{DeviceRef, Runner, SnapshotStore, Sources, SqliteStore, StoreDevice};
use nbi_sim::{Credentials, Service, SimConfig};
use tokio_util::sync::CancellationToken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn onts_back_up_as_canonical_text() {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Cms],
        tenants: 2,
        devices: 6,
        seed: 3,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    for (i, e) in sim.endpoints().iter().enumerate() {
        let Credentials::Basic { username, password } = &e.credentials else {
            panic!("CMS tenants log in with a user name and password")
        };
        let file = dir.path().join(format!("pw-{i}"));
        std::fs::write(&file, password).unwrap();
        write!(
            toml,
            "\n[tenants.{}.cms]\nurl = {:?}\nnode_type = \"e7\"\nauth = {{ scheme = \"session\", username = {username:?}, password = {{ file = {:?} }} }}\n",
            e.tenant,
            e.url,
            file.to_str().unwrap()
        )
        .unwrap();
    }
    let transports = Transports::new(Settings::from_toml_str(&toml, dir.path()).unwrap());
    let devices: Vec<DeviceRef> = sim
        .endpoints()
        .iter()
        .flat_map(|e| {
            (1..=6)
                .map(move |i| DeviceRef::new(&e.tenant, "cms", format!("NTWK-olt-1:{i}")).unwrap())
        })
        .collect();
    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &devices).unwrap(),
    )
    .concurrency(8);

    let first = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((first.changed, first.failed), (12, 0), "{first:?}");
    let second = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((second.changed, second.unchanged), (0, 12), "{second:?}");

    let client = Client::from_transports(&transports, "tenant-2", "cms").unwrap();
    client
        .ont("olt-1".parse().unwrap())
        .update(
            OntId::new(4).unwrap(),
            OntUpdate {
                description: Some("moved to flat 9".into()),
                ..OntUpdate::default()
            },
        )
        .await
        .unwrap();
    let third = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((third.changed, third.unchanged), (1, 11), "{third:?}");
    let device = StoreDevice::new("tenant-2", "cms", "NTWK-olt-1:4");
    let text = store.text(&device, None).unwrap();
    assert!(
        text.starts_with("node NTWK-olt-1\nont 4\n  admin enabled\n"),
        "{text}"
    );
    assert!(
        text.contains("  description \"moved to flat 9\"\n"),
        "{text}"
    );
    println!("{text}");

    let sessions: serde_json::Value =
        reqwest::get(format!("{}/_sim/cms/sessions", sim.url(Service::Cms)))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    assert_eq!(sessions["logins"]["tenant-1"], 1, "{sessions}");
    assert_eq!(sessions["logins"]["tenant-2"], 1, "{sessions}");
    transports.shutdown().await.unwrap();
}

#[test]
fn bad_device_ids_name_the_expected_form() {
    let e = nbi_fleet::source::cms_device_id("olt-1").unwrap_err();
    assert!(e.to_string().contains("<node>:<ont-id>"), "{e}");
}
