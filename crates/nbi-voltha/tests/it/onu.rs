//! ONU devices, serial numbers and provisioning.

use std::time::Duration;

use nbi_voltha::{AdminState, ErrorKind, GrpcCode, GrpcErrorExt, OnuSerialNumber, OperStatus};

use crate::{FAST_RETRY, lab};

const PON_1: u32 = 536_870_913;

#[tokio::test]
async fn provisioning_waits_until_the_onu_is_active() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let olt = voltha.devices().list().await.unwrap().remove(0);
    let onu = voltha
        .provision_onu(olt.id.as_str(), PON_1, "BRCM00c0ffee")
        .poll_interval(Duration::from_millis(1))
        .send()
        .await
        .unwrap();
    assert_eq!(onu.oper_status, OperStatus::Active);
    assert_eq!(onu.parent_id, olt.id.as_str());
    assert_eq!(onu.parent_port_no, PON_1);
    assert_eq!(onu.serial_number, "BRCM00c0ffee");
    let peers = voltha.devices().ports(&olt.id).await.unwrap();
    let pon = peers.iter().find(|p| p.port_no == PON_1).unwrap();
    assert!(pon.peers.iter().any(|p| p.device_id == onu.id.as_str()));
}

#[tokio::test]
async fn provisioning_gives_up_at_its_timeout() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let olt = voltha.devices().list().await.unwrap().remove(0);
    let err = voltha
        .provision_onu(olt.id.as_str(), PON_1, "BRCM0000dead")
        .timeout(Duration::ZERO)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.to_string().contains("ACTIVATING"), "{err}");
    assert!(
        err.to_string()
            .starts_with("voltha[tenant-1] provision_onu:"),
        "{err}"
    );
}

#[tokio::test]
async fn serial_numbers_and_onu_devices_are_enabled_and_disabled() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let devices = voltha.devices().list().await.unwrap();
    let olt = devices.iter().find(|d| d.root).unwrap();
    let onu = devices.iter().find(|d| d.is_onu()).unwrap();
    let serial = OnuSerialNumber::new(olt.id.as_str(), onu.parent_port_no, &onu.serial_number);

    voltha.onu().disable_serial_number(&serial).await.unwrap();
    let read = voltha.devices().get(&onu.id).await.unwrap();
    assert_eq!(read.admin_state, AdminState::Disabled);
    voltha.onu().enable_serial_number(&serial).await.unwrap();
    assert_eq!(
        voltha.devices().get(&onu.id).await.unwrap().admin_state,
        AdminState::Enabled
    );

    voltha.disable_onu(&onu.id).await.unwrap();
    let again = voltha.onu().disable(&onu.id).await.unwrap_err();
    assert_eq!(again.grpc_code(), Some(GrpcCode::FailedPrecondition));
    voltha.enable_onu(&onu.id).await.unwrap();
    let olt_is_no_onu = voltha.onu().enable(&olt.id).await.unwrap_err();
    assert_eq!(olt_is_no_onu.grpc_code(), Some(GrpcCode::InvalidArgument));

    let wrong_port = OnuSerialNumber::new(olt.id.as_str(), 7, "BRCM12345678");
    let err = voltha
        .onu()
        .enable_serial_number(&wrong_port)
        .await
        .unwrap_err();
    assert_eq!(err.grpc_code(), Some(GrpcCode::InvalidArgument));
    let empty = OnuSerialNumber::new("", PON_1, "BRCM12345678");
    let err = voltha.onu().enable_serial_number(&empty).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
}
