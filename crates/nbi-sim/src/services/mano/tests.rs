//! The MANO simulator through HTTP.

use serde_json::{Value, json};

use crate::{Credentials, Service, SimConfig, spawn};

async fn login(client: &reqwest::Client, url: &str, creds: &Credentials) -> String {
    let Credentials::JwtLogin { username, password } = creds else {
        panic!("MANO tenants log in with a JWT");
    };
    let answer: Value = client
        .post(format!("{url}/auth/login"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    answer["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn tenants_see_their_own_intents_and_errors_have_the_spec_shape() {
    let sim = spawn(SimConfig {
        services: vec![Service::Mano],
        tenants: 2,
        ..Default::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let url = sim.url(Service::Mano).to_owned();
    let one = login(&client, &url, &sim.endpoints()[0].credentials).await;
    let two = login(&client, &url, &sim.endpoints()[1].credentials).await;
    let created = client
        .post(format!("{url}/orchestrator/intents"))
        .bearer_auth(&one)
        .json(&json!({"bandwidth": 100, "latency": 10, "slice_type": "uRLLC"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["api-version"], "1.0.0");
    assert_eq!(created.headers()["x-ratelimit-limit"], "1000");
    let list = |token: String| {
        let client = client.clone();
        let url = url.clone();
        async move {
            let v: Value = client
                .get(format!("{url}/orchestrator/intents"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            v["total"].as_u64().unwrap()
        }
    };
    assert_eq!(list(one.clone()).await, 4);
    assert_eq!(list(two).await, 3);
    let bad = client
        .post(format!("{url}/orchestrator/intents"))
        .bearer_auth(&one)
        .json(&json!({"bandwidth": 0, "latency": 10, "slice_type": "6G"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await.unwrap();
    assert_eq!(body["errors"][0]["field"], "bandwidth");
    assert_eq!(body["errors"][0]["code"], "RANGE_ERROR");
    assert_eq!(body["errors"][1]["field"], "slice_type");
    let missing = client
        .get(format!("{url}/vnf-operator/vnfs/nope"))
        .bearer_auth(&one)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert_eq!(body["instance"], "/vnf-operator/vnfs/nope");
    assert_eq!(body["title"], "Not Found");
}

#[tokio::test]
async fn a_spent_quota_answers_429_with_retry_after() {
    let sim = spawn(SimConfig {
        services: vec![Service::Mano],
        ..Default::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::new();
    let url = sim.url(Service::Mano).to_owned();
    let set = client
        .put(format!("{url}/_sim/mano/tenant-1/settings"))
        .json(
            &json!({"rate_limits": {"monitoring": 2}, "deprecation_date": "2025-12-31T23:59:59Z"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), 200);
    let token = login(&client, &url, &sim.endpoints()[0].credentials).await;
    let status = |n: u32| {
        let (client, url, token) = (client.clone(), url.clone(), token.clone());
        async move {
            let _ = n;
            client
                .get(format!("{url}/tn-manager/agents/tn-agent-004/status"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
        }
    };
    let first = status(1).await;
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["x-ratelimit-remaining"], "1");
    assert_eq!(
        first.headers()["api-deprecation-date"],
        "2025-12-31T23:59:59Z"
    );
    assert_eq!(status(2).await.status(), 200);
    let third = status(3).await;
    assert_eq!(third.status(), 429);
    assert!(third.headers().contains_key("retry-after"));
    assert_eq!(third.headers()["x-ratelimit-remaining"], "0");
}
