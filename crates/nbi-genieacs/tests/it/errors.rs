//! Error mapping: plain-text bodies, bad queries, rejected credentials, and no secret in
//! any output.

use std::sync::Arc;

use nbi_core::FixedSecret;
use nbi_core::auth::BasicAuth;
use nbi_genieacs::{Client, ErrorKind, GenieacsErrorExt, Query};

use crate::support::{client, password, sim, transport};

#[tokio::test]
async fn a_bad_query_is_a_400_with_the_server_text() {
    let sim = sim(2).await;
    let acs = client(&sim, 0);
    let q = Query::from_json(serde_json::json!({"_id": {"$where": "1"}})).unwrap();
    let counted = acs
        .devices()
        .list()
        .query(q.clone())
        .count()
        .await
        .unwrap_err();
    assert_eq!(
        counted.status().map(|s| s.as_u16()),
        Some(400),
        "HEAD: no body"
    );
    let err = acs.devices().list().query(q).page().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.kind(), ErrorKind::Status);
    assert!(err.server_message().unwrap().contains("$where"));
    assert_eq!(err.problem().unwrap().title.as_deref(), Some("Bad Request"));
}

#[tokio::test]
async fn wrong_credentials_are_an_auth_error_that_never_shows_them() {
    let sim = sim(2).await;
    let secret = "not-the-password-s3cr3t";
    let transport = transport(&sim, 0)
        .auth(Arc::new(BasicAuth::new(
            "acs1",
            FixedSecret::shared(secret),
        )))
        .build()
        .unwrap();
    let acs = Client::builder().transport(transport).build().unwrap();
    let err = acs.devices().list().count().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    let shown = format!("{err} {err:?} {acs:?}");
    assert!(!shown.contains(secret), "{shown}");

    let good = client(&sim, 0);
    let real = password(&sim, 0);
    let shown = format!("{good:?} {:?}", good.devices());
    assert!(!shown.contains(&real), "{shown}");
    let err = good.tasks().delete("missing").await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains(&real));
}

#[tokio::test]
async fn a_client_needs_a_transport() {
    let err = Client::builder().build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Build);
}
