//! One scenario table through both modes.

use nbi_core::Blocking;
use nbi_voltha::{Client, GrpcErrorExt, blocking};
use serde_json::{Value, json};

use crate::{FAST_RETRY, lab};

/// The scenario, async: what each step saw, as JSON.
async fn run_async(voltha: &Client) -> Vec<(&'static str, Value)> {
    let devices = voltha.devices().list().await.unwrap();
    let olt = devices.iter().find(|d| d.root).unwrap().clone();
    vec![
        ("devices", json!(devices.len())),
        (
            "olt",
            json!(voltha.devices().get(&olt.id).await.unwrap().device_type),
        ),
        (
            "ports",
            json!(voltha.devices().ports(&olt.id).await.unwrap().len()),
        ),
        (
            "logical",
            json!(voltha.logical_devices().list().await.unwrap().len()),
        ),
        (
            "adapters",
            json!(voltha.adapters().list().await.unwrap().len()),
        ),
        ("health", json!(voltha.health().await.unwrap().state)),
        (
            "enable twice",
            json!(
                voltha
                    .devices()
                    .enable(&olt.id)
                    .await
                    .unwrap_err()
                    .grpc_code()
                    .map(|c| c.name())
            ),
        ),
        (
            "provision",
            json!(
                voltha
                    .provision_onu(olt.id.as_str(), 536_870_914, "BRCM0000abcd")
                    .poll_interval(std::time::Duration::from_millis(1))
                    .send()
                    .await
                    .unwrap()
                    .oper_status
            ),
        ),
    ]
}

/// The same scenario, blocking.
fn run_blocking(voltha: &blocking::Client) -> Vec<(&'static str, Value)> {
    let devices = voltha.devices().list().unwrap();
    let olt = devices.iter().find(|d| d.root).unwrap().clone();
    vec![
        ("devices", json!(devices.len())),
        (
            "olt",
            json!(voltha.devices().get(&olt.id).unwrap().device_type),
        ),
        (
            "ports",
            json!(voltha.devices().ports(&olt.id).unwrap().len()),
        ),
        (
            "logical",
            json!(voltha.logical_devices().list().unwrap().len()),
        ),
        ("adapters", json!(voltha.adapters().list().unwrap().len())),
        ("health", json!(voltha.health().unwrap().state)),
        (
            "enable twice",
            json!(
                voltha
                    .devices()
                    .enable(&olt.id)
                    .unwrap_err()
                    .grpc_code()
                    .map(|c| c.name())
            ),
        ),
        (
            "provision",
            json!(
                voltha
                    .provision_onu(olt.id.as_str(), 536_870_914, "BRCM0000abcd")
                    .poll_interval(std::time::Duration::from_millis(1))
                    .send()
                    .unwrap()
                    .oper_status
            ),
        ),
    ]
}

#[test]
fn both_modes_see_the_same() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let lab = runtime.block_on(lab(2, 1, FAST_RETRY));
    let seen_async = runtime.block_on(run_async(&lab.client("tenant-1")));
    let blocking = lab
        .client("tenant-2")
        .into_blocking(Blocking::new().unwrap());
    let seen_blocking = run_blocking(&blocking);
    assert_eq!(seen_async, seen_blocking);
    assert_eq!(seen_async[0].1, json!(3));
    assert_eq!(seen_async[6].1, json!("FAILED_PRECONDITION"));
    assert_eq!(seen_async[7].1, json!("ACTIVE"));
}

#[tokio::test]
async fn a_blocking_call_inside_a_runtime_is_an_error() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let blocking = lab
        .client("tenant-1")
        .into_blocking(Blocking::new().unwrap());
    let err = blocking.health().unwrap_err();
    assert_eq!(err.kind(), nbi_voltha::ErrorKind::Build);
}
