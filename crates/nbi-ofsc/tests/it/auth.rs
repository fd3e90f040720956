//! Basic and OAuth 2 against the simulator, the token renewed when it runs out mid-stream,
//! and the builder's own transport (instance → client id, token path).

use futures::TryStreamExt;
use nbi_ofsc::models::Activity;
use nbi_ofsc::{ActivitySearch, Client, FixedSecret};
use nbi_sim::{Credentials, FaultConfig};

use crate::support::{lab, lab_with};

#[tokio::test]
async fn basic_and_oauth2_tenants_both_work_from_settings() {
    let lab = lab("").await;
    assert_eq!(
        lab.basic()
            .resources()
            .get("tech-001")
            .send()
            .await
            .unwrap()
            .resource_id
            .as_deref(),
        Some("tech-001")
    );
    let oauth = lab.oauth2();
    assert!(oauth.resources().get("tech-001").send().await.is_ok());
    assert!(oauth.users().get("user-001").send().await.is_ok());
    assert_eq!(lab.sim.stats().auth.token, 1, "one token for both calls");
}

#[tokio::test]
async fn an_expiring_token_is_renewed_mid_stream() {
    // Each token is good for two calls: a 12-item search in pages of 2 needs several.
    let faults = FaultConfig {
        token_uses: Some(2),
        ..FaultConfig::default()
    };
    let lab = lab_with(faults, "").await;
    let client = lab.oauth2();
    let search = ActivitySearch::new(["tech-001", "tech-002"]).dates("2025-06-24", "2025-06-26");
    let all: Vec<Activity> = client
        .activities()
        .search(&search)
        .limit(2)
        .all()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 12);
    assert!(
        client.transport().auth_renewals() >= 2,
        "renewed {}",
        client.transport().auth_renewals()
    );
    assert!(lab.sim.stats().auth.token >= 3);
}

#[tokio::test]
async fn the_builder_adds_the_instance_to_the_client_id() {
    let lab = lab("").await;
    for endpoint in lab.sim.endpoints() {
        let Credentials::Ofsc {
            instance,
            client_id,
            client_secret,
            token_url,
        } = &endpoint.credentials
        else {
            panic!("OFSC credentials")
        };
        let builder = Client::builder()
            .base_url(&endpoint.url)
            .instance(instance)
            .tenant(&endpoint.tenant)
            .allow_insecure_http(true)
            .client_credentials(client_id, FixedSecret::shared(client_secret.clone()));
        let builder = if token_url.is_some() {
            builder.oauth2(None)
        } else {
            builder.basic_auth()
        };
        let client = builder.build().unwrap();
        let answer = client
            .capacity()
            .get(&nbi_ofsc::CapacityQuery::new(["2025-06-25"]))
            .send()
            .await;
        assert!(answer.is_ok(), "{}: {answer:?}", endpoint.tenant);
    }
}

#[test]
fn the_instance_makes_the_url() {
    assert_eq!(
        nbi_ofsc::instance_url("acme-test").unwrap(),
        "https://acme-test.fs.ocs.oraclecloud.com"
    );
    assert!(nbi_ofsc::instance_url("acme.evil.example/").is_err());
    let client = Client::builder().instance("acme-test").build().unwrap();
    assert_eq!(
        client.transport().base_url().as_str(),
        "https://acme-test.fs.ocs.oraclecloud.com/"
    );
}
