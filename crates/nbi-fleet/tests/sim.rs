//! The runner and the `http-json` source against `nbi-sim`: real HTTP, per-tenant auth
//! (bearer and OAuth2 with tokens that expire mid-run), injected faults, and volatile lines
//! that must never make a new version.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use nbi_core::{Settings, Transports};
use nbi_fleet::{DeviceRef, Runner, SnapshotStore, Sources, SqliteStore, StoreDevice};
use nbi_sim::{AuthMode, Credentials, FaultConfig, Service, SimConfig, SimHandle};
use tokio_util::sync::CancellationToken;

const DEVICES: usize = 15;

/// Settings for every simulated tenant, secrets written as files under `dir`.
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
            Credentials::OAuth2 {
                token_url,
                client_id,
                client_secret,
            } => format!(
                "{{ scheme = \"oauth2\", token_url = {token_url:?}, client_id = {client_id:?}, client_secret = {} }}",
                secret(client_secret)
            ),
            other => panic!("tenants 1 and 2 use bearer and OAuth2, not {other:?}"),
        };
        write!(
            toml,
            "\n[tenants.{}.nms]\nkind = \"http-json\"\nurl = {:?}\nconfig_path = \"/api/v1/devices/{{id}}/config\"\nmax_concurrency = 4\nauth = {auth}\n",
            endpoint.tenant, endpoint.url
        )
        .unwrap();
    }
    Settings::from_toml_str(&toml, dir).unwrap()
}

fn devices(sim: &SimHandle) -> Vec<DeviceRef> {
    sim.endpoints()
        .iter()
        .flat_map(|e| {
            (1..=DEVICES)
                .map(move |i| DeviceRef::new(&e.tenant, "nms", format!("r{i:04}")).unwrap())
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backups_through_real_http_see_only_real_changes() {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Nms],
        tenants: 2,
        devices: DEVICES,
        faults: FaultConfig {
            fail_rate: 0.05,
            reset_rate: 0.03,
            truncate_rate: 0.03,
            token_uses: Some(8),
            ..FaultConfig::default()
        },
        auth: AuthMode::Default,
        seed: 11,
        https: false,
        bench: false,
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let transports = Transports::new(settings_for(&sim, dir.path()));
    let devices = devices(&sim);
    let store: Arc<dyn SnapshotStore> =
        Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
    let runner = Runner::new(
        store.clone(),
        Sources::from_settings(&transports, &devices).unwrap(),
    )
    .concurrency(6);

    let first = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    let failures = store.failures(first.run()).unwrap();
    assert_eq!(
        (first.changed, first.failed),
        (30, 0),
        "{first:?} {failures:?}"
    );
    assert!(first.retries > 0, "faults were injected: {first:?}");

    let second = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((second.changed, second.unchanged), (0, 30), "{second:?}");

    let changed = reqwest::Client::new()
        .post(format!(
            "{}/_sim/devices/tenant-2/r0004/change",
            sim.url(Service::Nms)
        ))
        .send()
        .await
        .unwrap();
    assert!(changed.status().is_success());
    let third = runner
        .run(&devices, None, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!((third.changed, third.unchanged), (1, 29), "{third:?}");
    let device = StoreDevice::new("tenant-2", "nms", "r0004");
    assert_eq!(store.versions(&device).unwrap().len(), 2);
    let text = store.text(&device, None).unwrap();
    assert!(!text.contains("changed-seconds") && !text.contains("json_metadata"));
    // The service's max_concurrency (4) bounded what the server saw from each tenant.
    assert!(
        sim.stats().max_in_flight <= 8,
        "{}",
        sim.stats().max_in_flight
    );
}

#[test]
fn sources_refuse_bad_settings_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[tenants.a.nms]\nkind = \"http-json\"\nurl = \"https://x.example\"\n",
            "tenants.a.nms.config_path: required",
        ),
        (
            "[tenants.a.nms]\nkind = \"http-json\"\nurl = \"https://x.example\"\nconfig_path = \"/c\"\n",
            "must contain {id}",
        ),
        (
            "[tenants.a.nms]\nkind = \"mano\"\nurl = \"https://x.example\"\n",
            "tenants.a.nms.kind: \"mano\" is not a fleet config source",
        ),
        (
            "[tenants.a.nms]\nkind = \"http-json\"\nurl = \"https://x.example\"\nconfig_path = \"/d/{id}\"\nnormalize = { flavour = \"ios\" }\n",
            "tenants.a.nms.normalize",
        ),
        (
            "[tenants.a.nms]\nkind = \"http-json\"\nurl = \"https://x.example\"\nconfig_path = \"/d/{id}\"\nnormalize = { drop_lines = [\"(\"] }\n",
            "tenants.a.nms.normalize.drop_lines[0]",
        ),
        (
            "[tenants.b.nms]\nurl = \"https://x.example\"\n",
            "no [tenants.a.nms]",
        ),
    ];
    let device = [DeviceRef::new("a", "nms", "r1").unwrap()];
    for (toml, expected) in cases {
        let transports = Transports::new(Settings::from_toml_str(toml, dir.path()).unwrap());
        let err = Sources::from_settings(&transports, &device).unwrap_err();
        assert_eq!(err.kind(), nbi_fleet::ErrorKind::Usage, "{toml}");
        assert!(err.message().contains(expected), "{toml}: {err}");
    }
}
