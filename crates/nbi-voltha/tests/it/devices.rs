//! `client.devices()`: listing, reading and the device lifecycle.

use nbi_voltha::{AdminState, ErrorKind, NewDevice, OperStatus, PortType};

use crate::{FAST_RETRY, lab};

#[tokio::test]
async fn lists_and_reads_olts_and_onus() {
    let lab = lab(1, 2, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let devices = voltha.devices().list().await.unwrap();
    assert_eq!(devices.len(), 6);
    let olt = devices.iter().find(|d| d.root).unwrap();
    assert_eq!(olt.device_type, "openolt");
    assert_eq!(olt.admin_state, AdminState::Enabled);
    assert_eq!(olt.oper_status, OperStatus::Active);
    assert!(olt.host_and_port.is_some());
    let onu = devices.iter().find(|d| d.is_onu()).unwrap();
    assert_eq!(onu.parent_id, olt.id.as_str());
    assert!(onu.serial_number.starts_with("BRCM"));
    assert!(onu.extra.contains_key("proxy_address") || onu.proxy_address.is_some());

    let again = voltha.devices().get(&olt.id).await.unwrap();
    assert_eq!(again.id, olt.id);
    let ports = voltha.devices().ports(&olt.id).await.unwrap();
    assert_eq!(ports.len(), 5);
    assert_eq!(ports[0].port_type, PortType::EthernetNni);
    assert_eq!(
        ports
            .iter()
            .filter(|p| p.port_type == PortType::PonOlt)
            .count(),
        4
    );
    assert!(ports[0].extra.contains_key("rx_bytes"), "counters are kept");
    let flows = voltha.devices().flows(&olt.id).await.unwrap();
    assert_eq!(flows.len(), 3);
    assert!(flows[0].matches["oxm_fields"].is_array());
    let downloads = voltha.devices().image_downloads(&onu.id).await.unwrap();
    assert_eq!(downloads[0].image_version, "v1.0.0");
}

#[tokio::test]
async fn a_device_goes_from_preprovisioned_to_deleted() {
    let lab = lab(1, 0, FAST_RETRY).await;
    let devices = lab.client("tenant-1").devices();
    let olt = devices
        .preprovision(&NewDevice::new("openolt").host_and_port("10.9.9.9:9191"))
        .await
        .unwrap();
    assert_eq!(olt.admin_state, AdminState::Preprovisioned);
    assert!(!olt.id.as_str().is_empty());

    devices.enable(&olt.id).await.unwrap();
    assert_eq!(
        devices.get(&olt.id).await.unwrap().oper_status,
        OperStatus::Activating
    );
    assert_eq!(
        devices.get(&olt.id).await.unwrap().oper_status,
        OperStatus::Active
    );
    devices.reboot(&olt.id).await.unwrap();
    assert_eq!(
        devices.get(&olt.id).await.unwrap().oper_status,
        OperStatus::Rebooted
    );
    devices.disable(&olt.id).await.unwrap();
    assert_eq!(
        devices.get(&olt.id).await.unwrap().admin_state,
        AdminState::Disabled
    );
    devices.delete(olt.id.as_str()).send().await.unwrap();
    let gone = devices.get(&olt.id).await.unwrap_err();
    assert_eq!(gone.status(), Some(http::StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn an_enabled_device_needs_a_forced_delete() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let devices = lab.client("tenant-1").devices();
    let olt = devices.list().await.unwrap().remove(0);
    let refused = devices.delete(olt.id.as_str()).send().await.unwrap_err();
    assert_eq!(refused.status(), Some(http::StatusCode::BAD_REQUEST));
    devices
        .delete(olt.id.as_str())
        .force(true)
        .send()
        .await
        .unwrap();
    assert!(
        devices.list().await.unwrap().is_empty(),
        "its ONUs went too"
    );
}

#[tokio::test]
async fn pm_configs_are_read_and_updated() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let devices = lab.client("tenant-1").devices();
    let olt = devices.list().await.unwrap().remove(0);
    let mut pm = devices.pm_configs(&olt.id).await.unwrap();
    assert!(pm.grouped);
    assert_eq!(pm.groups.len(), 2);
    pm.default_freq = 300;
    pm.groups[0].enabled = false;
    devices.update_pm_configs(&olt.id, &pm).await.unwrap();
    let read = devices.pm_configs(&olt.id).await.unwrap();
    assert_eq!(read.default_freq, 300);
    assert!(!read.groups[0].enabled);
    let mismatch = devices.update_pm_configs("other", &pm).await.unwrap_err();
    assert_eq!(mismatch.kind(), ErrorKind::Validation);
}

#[tokio::test]
async fn a_device_without_an_address_is_refused_before_sending() {
    let lab = lab(1, 0, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let err = voltha
        .devices()
        .preprovision(&NewDevice::new("openolt"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(lab.sim.stats().requests, 0);
}

#[tokio::test]
async fn a_snapshot_reads_device_ports_and_flows() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let devices = lab.client("tenant-1").devices();
    let olt = devices.list().await.unwrap().remove(0);
    lab.outage("tenant-1", 1).await;
    let snapshot = devices.snapshot(&olt.id).await.unwrap();
    assert_eq!(snapshot.device.id, olt.id);
    assert_eq!((snapshot.ports.len(), snapshot.flows.len()), (5, 3));
    assert_eq!((snapshot.requests, snapshot.attempts), (3, 4), "one retry");
}
