//! Every error mapping: validation (single and bulk), NetBox's 403, 404, 409, 500, and a bad
//! model path that is never sent.

use nbi_core::ErrorKind;
use nbi_netbox::NetboxErrorExt;
use serde_json::json;

use crate::support::lab;

const NO_RETRY: &str = "retry = { max_attempts = 1 }";

#[tokio::test]
async fn field_errors_become_validation_errors() {
    let lab = lab(1, NO_RETRY).await;
    let sites = lab.client("tenant-1").endpoint("dcim/sites");
    let err = sites
        .create(&json!({"name": "x", "status": "bogus"}))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let fields: Vec<&str> = err
        .problem()
        .unwrap()
        .field_errors
        .iter()
        .map(|f| f.field.as_str())
        .collect();
    assert_eq!(fields, ["slug", "status"]);

    let err = sites
        .create_many(&[
            json!({"name": "a", "slug": "a"}),
            json!({"name": "b", "slug": "bad slug!"}),
        ])
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let items = err.item_errors();
    assert_eq!(items.len(), 1);
    assert_eq!((items[0].0, items[0].1.field.as_str()), (1, "slug"));
    assert!(
        err.to_string()
            .starts_with("netbox[tenant-1] create_sites: HTTP 400"),
        "{err}"
    );
}

#[tokio::test]
async fn a_bad_token_is_netbox_403_and_no_renewal() {
    let lab = lab(1, NO_RETRY).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("token");
    std::fs::write(&file, "0000000000000000000000000000000000000000").unwrap();
    let toml = format!(
        "[settings]\nallow_insecure_http = true\n[tenants.acme.inventory]\nkind = \"netbox\"\nurl = {:?}\nauth = {{ scheme = \"token\", token = {{ file = {:?} }} }}\n",
        lab.sim.url(nbi_sim::Service::Netbox),
        file.to_str().unwrap()
    );
    let transports =
        nbi_core::Transports::new(nbi_core::Settings::from_toml_str(&toml, dir.path()).unwrap());
    let netbox = nbi_netbox::Client::from_transports(&transports, "acme", "inventory").unwrap();
    let err = netbox.status().get().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(
        err.problem().unwrap().detail.as_deref(),
        Some("Invalid v1 token")
    );
    assert_eq!(
        netbox.transport().auth_renewals(),
        1,
        "the first login only: a 403 renews nothing"
    );
    assert_eq!(err.context().unwrap().attempts, 1);
}

#[tokio::test]
async fn missing_objects_conflicts_and_server_errors() {
    let lab = lab(2, NO_RETRY).await;
    let netbox = lab.client("tenant-1");
    let err = netbox
        .endpoint("dcim/cables")
        .list()
        .send()
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(err.kind(), ErrorKind::Status);

    let err = netbox.dcim().sites().delete(1u64).send().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    assert!(!err.is_pool_exhausted(), "a protected delete is no pool");

    netbox
        .dcim()
        .devices()
        .patch(2u64, &json!({"config_template": 4}))
        .send()
        .await
        .unwrap();
    let err = netbox.dcim().render_config(2u64).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    let server = err.server_error().unwrap();
    assert_eq!(server.exception, "TemplateSyntaxError");
    assert_eq!(server.netbox_version.as_deref(), Some("4.5.0"));

    let err = netbox
        .endpoint("dcim/../../secrets")
        .get(1u64)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Build);
    let err = netbox.endpoint("nope").list().send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Build);
    let unsent = lab
        .sim
        .stats()
        .by_route
        .keys()
        .filter(|r| r.contains("secrets"))
        .count();
    assert_eq!(unsent, 0);
}
