//! Logical devices, adapters, device types and health.

use nbi_voltha::HealthState;

use crate::{FAST_RETRY, lab};

#[tokio::test]
async fn logical_devices_show_ports_flows_and_meters() {
    let lab = lab(1, 2, FAST_RETRY).await;
    let logical = lab.client("tenant-1").logical_devices();
    let all = logical.list().await.unwrap();
    assert_eq!(all.len(), 2);
    let one = logical.get(&all[0].id).await.unwrap();
    assert_eq!(one.root_device_id, all[0].root_device_id);
    assert_ne!(one.datapath_id, 0);
    let ports = logical.ports(&one.id).await.unwrap();
    assert_eq!(ports.len(), 3, "the NNI and two UNIs");
    assert_eq!(ports.iter().filter(|p| p.root_port).count(), 1);
    assert_eq!(logical.flows(&one.id).await.unwrap().len(), 3);
    let meters = logical.meters(&one.id).await.unwrap();
    assert_eq!(meters[0].config.meter_id, 1);
    assert_eq!(meters[0].config.bands.len(), 2);
}

#[tokio::test]
async fn the_catalog_and_health_are_read() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let adapters = voltha.adapters().list().await.unwrap();
    let ids: Vec<_> = adapters.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["openolt", "brcm_openomci_onu"]);
    let types = voltha.device_types().list().await.unwrap();
    assert_eq!(types.len(), 2);
    let onu_type = voltha
        .device_types()
        .get("brcm_openomci_onu")
        .await
        .unwrap();
    assert!(onu_type.vendor_ids.contains(&"BRCM".to_string()));
    let health = voltha.health().await.unwrap();
    assert_eq!(health.state, HealthState::Healthy);
    assert!(health.is_healthy());
}
