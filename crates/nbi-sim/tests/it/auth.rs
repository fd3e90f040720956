//! Per-tenant schemes, wrong credentials, token expiry by TTL and by uses.

use std::time::Duration;

use nbi_sim::{Credentials, FaultConfig, Service, SimConfig, SimHandle};
use serde_json::{Value, json};

use crate::support::{config_url, fresh_client};

async fn four_tenants(faults: FaultConfig) -> SimHandle {
    nbi_sim::spawn(SimConfig {
        tenants: 4,
        devices: 3,
        faults,
        ..SimConfig::default()
    })
    .await
    .unwrap()
}

fn credentials(sim: &SimHandle, tenant: usize) -> Credentials {
    sim.endpoints()[tenant].credentials.clone()
}

async fn oauth_token(client: &reqwest::Client, sim: &SimHandle) -> String {
    let Credentials::OAuth2 {
        token_url,
        client_id,
        client_secret,
    } = credentials(sim, 1)
    else {
        panic!()
    };
    let answer: Value = client
        .post(token_url)
        .basic_auth(client_id, Some(client_secret))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["token_type"], "Bearer");
    answer["access_token"].as_str().unwrap().to_owned()
}

async fn login(client: &reqwest::Client, sim: &SimHandle) -> Value {
    let Credentials::JwtLogin { username, password } = credentials(sim, 2) else {
        panic!()
    };
    let url = format!("{}/auth/login", sim.url(Service::Nms));
    client
        .post(url)
        .json(&json!({"username": username, "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn status_with_bearer(client: &reqwest::Client, sim: &SimHandle, token: &str) -> u16 {
    client
        .get(config_url(sim, "r0001"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn every_scheme_reaches_its_own_tenant() {
    let sim = four_tenants(FaultConfig::default()).await;
    let client = fresh_client();
    let Credentials::Bearer { token } = credentials(&sim, 0) else {
        panic!()
    };
    assert_eq!(status_with_bearer(&client, &sim, &token).await, 200);
    assert_eq!(
        status_with_bearer(&client, &sim, &oauth_token(&client, &sim).await).await,
        200
    );
    let jwt = login(&client, &sim).await;
    assert_eq!(jwt["access_token"].as_str().unwrap().split('.').count(), 3);
    assert_eq!(
        status_with_bearer(&client, &sim, jwt["access_token"].as_str().unwrap()).await,
        200
    );
    let Credentials::Basic { username, password } = credentials(&sim, 3) else {
        panic!()
    };
    let response = client
        .get(config_url(&sim, "r0002"))
        .basic_auth(&username, Some(&password))
        .send()
        .await
        .unwrap();
    let envelope: Value = response.json().await.unwrap();
    assert_eq!(envelope["json_metadata"]["tenant"], "tenant-4");
    let stats = sim.stats();
    assert_eq!((stats.auth.token, stats.auth.login), (1, 1));
    assert_eq!(stats.by_device["tenant-4/r0002"], 1);
}

#[tokio::test]
async fn wrong_or_missing_credentials_get_401_problems() {
    let sim = four_tenants(FaultConfig::default()).await;
    let client = fresh_client();
    for request in [
        client.get(config_url(&sim, "r0001")),
        client.get(config_url(&sim, "r0001")).bearer_auth("nope"),
        client
            .get(config_url(&sim, "r0001"))
            .basic_auth("netops4", Some("wrong")),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        assert!(response.headers().contains_key("www-authenticate"));
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["status"], 401);
    }
    let token_url = format!("{}/oauth/token", sim.url(Service::Nms));
    let response = client
        .post(token_url)
        .basic_auth("x", Some("y"))
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(sim.stats().auth.rejected, 4);
}

#[tokio::test]
async fn issued_tokens_expire_after_their_ttl() {
    let sim = four_tenants(FaultConfig {
        token_ttl_s: Some(1),
        ..FaultConfig::default()
    })
    .await;
    let client = fresh_client();
    let token = oauth_token(&client, &sim).await;
    assert_eq!(status_with_bearer(&client, &sim, &token).await, 200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(status_with_bearer(&client, &sim, &token).await, 401);
    let fresh = oauth_token(&client, &sim).await;
    assert_eq!(status_with_bearer(&client, &sim, &fresh).await, 200);
}

#[tokio::test]
async fn issued_tokens_expire_after_their_uses_and_refresh_works() {
    let sim = four_tenants(FaultConfig {
        token_uses: Some(2),
        ..FaultConfig::default()
    })
    .await;
    let client = fresh_client();
    let tokens = login(&client, &sim).await;
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(status_with_bearer(&client, &sim, access).await, 200);
    assert_eq!(status_with_bearer(&client, &sim, access).await, 200);
    assert_eq!(status_with_bearer(&client, &sim, access).await, 401);
    assert_eq!(status_with_bearer(&client, &sim, access).await, 401);
    // One token, refused twice: one expiry.
    assert_eq!(sim.stats().auth.expired, 1);
    let refresh_url = format!("{}/auth/refresh", sim.url(Service::Nms));
    let refreshed: Value = client
        .post(refresh_url)
        .json(&json!({"refresh_token": tokens["refresh_token"]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        status_with_bearer(&client, &sim, refreshed["access_token"].as_str().unwrap()).await,
        200
    );
    assert_eq!(sim.stats().auth.refresh, 1);
}
