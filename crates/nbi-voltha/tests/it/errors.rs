//! Both forms of gRPC error, their retry classes, and secret hygiene.

use std::sync::Arc;

use http::StatusCode;
use nbi_core::auth::BearerAuth;
use nbi_core::{FixedSecret, Transport};
use nbi_sim::Service;
use nbi_voltha::{Client, ErrorKind, GrpcCode, GrpcErrorExt, NewDevice};

use crate::{FAST_RETRY, lab};

#[tokio::test]
async fn gateway_error_bodies_carry_the_grpc_code() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let err = voltha.devices().get("no-such-device").await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Status);
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(err.grpc_code(), Some(GrpcCode::NotFound));
    assert_eq!(err.grpc_message(), Some("device no-such-device not found"));
    assert_eq!(err.context().unwrap().attempts, 1, "permanent: not retried");

    let address = NewDevice::new("openolt").host_and_port("10.7.7.7:9191");
    voltha.devices().preprovision(&address).await.unwrap();
    let twice = voltha.devices().preprovision(&address).await.unwrap_err();
    assert_eq!(twice.status(), Some(StatusCode::CONFLICT));
    assert_eq!(twice.grpc_code(), Some(GrpcCode::AlreadyExists));
}

#[tokio::test]
async fn statuses_in_headers_of_a_200_are_errors() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    let olt = voltha.devices().list().await.unwrap().remove(0);
    let err = voltha.devices().enable(&olt.id).await.unwrap_err();
    assert_eq!(err.grpc_code(), Some(GrpcCode::FailedPrecondition));
    assert_eq!(
        err.status(),
        Some(StatusCode::BAD_REQUEST),
        "the gateway's status for it"
    );
    assert_eq!(err.raw().unwrap().status, StatusCode::OK, "as it arrived");
    assert!(err.grpc_message().unwrap().contains("ENABLED"));
    assert_eq!(err.to_string(), "voltha[tenant-1] enable_device: HTTP 400");
    let err = voltha.devices().reboot("nope").await.unwrap_err();
    assert_eq!(err.grpc_code(), Some(GrpcCode::NotFound));
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
}

#[tokio::test]
async fn unavailable_is_retried_in_both_forms() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let voltha = lab.client("tenant-1");
    lab.outage("tenant-1", 2).await;
    assert_eq!(voltha.devices().list().await.unwrap().len(), 3);

    let olt = voltha.devices().list().await.unwrap().remove(0);
    let pm = voltha.devices().pm_configs(&olt.id).await.unwrap();
    lab.outage("tenant-1", 1).await;
    voltha
        .devices()
        .update_pm_configs(&olt.id, &pm)
        .await
        .unwrap();

    lab.outage("tenant-1", 1).await;
    let err = voltha.devices().reboot(&olt.id).await.unwrap_err();
    assert_eq!(err.grpc_code(), Some(GrpcCode::Unavailable));
    assert!(err.is_transient());
    assert_eq!(
        err.context().unwrap().attempts,
        1,
        "a reboot is not replayed"
    );

    lab.outage("tenant-1", 10).await;
    let err = voltha.health().await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(
        err.to_string(),
        "voltha[tenant-1] health: HTTP 503 after 4 attempts"
    );
}

#[tokio::test]
async fn a_transport_without_the_classifier_still_sees_header_errors() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let transport = Transport::builder("voltha", "tenant-1")
        .base_url(lab.sim.url(Service::Voltha))
        .allow_insecure_http(true)
        .auth(Arc::new(BearerAuth::new(FixedSecret::shared(
            lab.tokens[0].clone(),
        ))))
        .build()
        .unwrap();
    let voltha = Client::builder().transport(transport).build().unwrap();
    let olt = voltha.devices().list().await.unwrap().remove(0);
    let err = voltha.devices().enable(&olt.id).await.unwrap_err();
    assert_eq!(err.grpc_code(), Some(GrpcCode::FailedPrecondition));
    assert_eq!(err.context().unwrap().operation, "enable_device");
    assert!(Client::builder().build().is_err());
}

#[tokio::test]
async fn a_wrong_token_is_an_auth_error_and_secrets_never_show() {
    let lab = lab(1, 1, FAST_RETRY).await;
    let secret = "not-the-token-0123456789";
    let transport = Transport::builder("voltha", "tenant-1")
        .base_url(lab.sim.url(Service::Voltha))
        .allow_insecure_http(true)
        .auth(Arc::new(BearerAuth::new(FixedSecret::shared(secret))));
    let voltha = Client::builder()
        .transport_builder(transport)
        .build()
        .unwrap();
    let err = voltha.devices().list().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    for shown in [format!("{err}"), format!("{err:?}"), format!("{voltha:?}")] {
        assert!(!shown.contains(secret), "{shown}");
    }
    let good = lab.client("tenant-1");
    let debug = format!("{good:?}");
    assert!(!debug.contains(&lab.tokens[0]), "{debug}");
    let err = good.devices().get("missing").await.unwrap_err();
    assert!(!format!("{err:?}").contains(&lab.tokens[0]));
}
