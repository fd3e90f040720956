use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};

use crate::config::{Service, SimConfig};
use crate::credentials::Credentials;
use crate::shared::Shared;

struct Voltha {
    api: Router,
    admin: Router,
    tokens: Vec<String>,
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    fn grpc_status(&self) -> Option<&str> {
        self.headers
            .get("grpc-status")
            .and_then(|v| v.to_str().ok())
    }
}

fn voltha(tenants: usize, olts: usize) -> Voltha {
    let shared = Arc::new(Shared::new(&SimConfig {
        services: vec![Service::Voltha],
        tenants,
        devices: olts,
        ..SimConfig::default()
    }));
    let tokens = (0..tenants)
        .map(
            |t| match shared.auth(Service::Voltha).credentials(t, "http://x") {
                Credentials::Bearer { token } => token,
                other => panic!("VOLTHA tenants use bearer tokens, not {other:?}"),
            },
        )
        .collect();
    let (api, admin) = super::router(shared, "http://x".into());
    Voltha { api, admin, tokens }
}

async fn call(
    router: &Router,
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if body.is_some() {
        request = request.header(header::CONTENT_TYPE, "application/json");
    }
    let body = body.map_or(Body::empty(), |b| Body::from(b.to_string()));
    let mut router = router.clone();
    let response = tower_service::Service::call(&mut router, request.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap()
    };
    Answer {
        status,
        headers,
        body,
    }
}

impl Voltha {
    async fn get(&self, tenant: usize, path: &str) -> Answer {
        call(
            &self.api,
            Some(&self.tokens[tenant]),
            Method::GET,
            path,
            None,
        )
        .await
    }

    async fn post(&self, tenant: usize, path: &str, body: Value) -> Answer {
        call(
            &self.api,
            Some(&self.tokens[tenant]),
            Method::POST,
            path,
            Some(body),
        )
        .await
    }

    async fn delete(&self, tenant: usize, path: &str) -> Answer {
        call(
            &self.api,
            Some(&self.tokens[tenant]),
            Method::DELETE,
            path,
            None,
        )
        .await
    }

    async fn devices(&self, tenant: usize) -> Vec<Value> {
        let answer = self.get(tenant, "/api/v1/devices").await;
        assert_eq!(answer.status, StatusCode::OK);
        answer.body["items"].as_array().unwrap().clone()
    }
}

#[tokio::test]
async fn a_missing_token_is_unauthenticated_in_the_gateway_shape() {
    let v = voltha(1, 1);
    let answer = call(&v.api, None, Method::GET, "/api/v1/devices", None).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.body["code"], 16);
    assert_eq!(answer.body["details"], json!([]));
    let answer = call(&v.api, Some("wrong"), Method::GET, "/health", None).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn tenants_start_with_olts_and_their_onus() {
    let v = voltha(2, 2);
    let devices = v.devices(0).await;
    assert_eq!(devices.len(), 2 * 3);
    let olts: Vec<_> = devices.iter().filter(|d| d["root"] == true).collect();
    assert_eq!(olts.len(), 2);
    assert_eq!(olts[0]["admin_state"], "ENABLED");
    assert_eq!(olts[0]["oper_status"], "ACTIVE");
    let onu = devices.iter().find(|d| d["root"] == false).unwrap();
    assert_eq!(onu["parent_id"], olts[0]["id"]);
    let serial = onu["serial_number"].as_str().unwrap();
    assert!(serial.starts_with("BRCM") && serial.len() == 12, "{serial}");
    // Same seed, same state; another tenant, other ids.
    assert_eq!(voltha(2, 2).devices(0).await, devices);
    assert_ne!(v.devices(1).await[0]["id"], devices[0]["id"]);
    let ports = v
        .get(
            0,
            &format!("/api/v1/devices/{}/ports", olts[0]["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(ports.body["items"].as_array().unwrap().len(), 5);
    let logical = v.get(0, "/api/v1/logical_devices").await;
    assert_eq!(logical.body["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn unknown_devices_are_not_found_in_both_forms() {
    let v = voltha(1, 1);
    let answer = v.get(0, "/api/v1/devices/nope").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.body["code"], 5);
    let answer = v.post(0, "/api/v1/devices/nope/enable", json!({})).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.grpc_status(), Some("5"));
    let answer = v.get(0, "/api/v1/no_such_rpc").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.body["code"], 5);
}

#[tokio::test]
async fn the_device_lifecycle_follows_the_core_state_machine() {
    let v = voltha(1, 0);
    let created = v
        .post(
            0,
            "/api/v1/devices",
            json!({"type": "openolt", "host_and_port": "10.1.1.1:9191"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{:?}", created.body);
    assert_eq!(created.body["admin_state"], "PREPROVISIONED");
    let id = created.body["id"].as_str().unwrap().to_owned();
    let again = v
        .post(
            0,
            "/api/v1/devices",
            json!({"type": "openolt", "hostAndPort": "10.1.1.1:9191"}),
        )
        .await;
    assert_eq!(
        (again.status, again.body["code"].clone()),
        (StatusCode::CONFLICT, json!(6))
    );
    let bad = v
        .post(0, "/api/v1/devices", json!({"type": "openolt"}))
        .await;
    assert_eq!(
        (bad.status, bad.body["code"].clone()),
        (StatusCode::BAD_REQUEST, json!(3))
    );

    let path = |verb: &str| format!("/api/v1/devices/{id}/{verb}");
    assert_eq!(
        v.post(0, &path("reboot"), json!({})).await.grpc_status(),
        Some("9")
    );
    assert_eq!(
        v.post(0, &path("enable"), json!({})).await.grpc_status(),
        None
    );
    let device = format!("/api/v1/devices/{id}");
    assert_eq!(v.get(0, &device).await.body["oper_status"], "ACTIVATING");
    assert_eq!(v.get(0, &device).await.body["oper_status"], "ACTIVE");
    assert_eq!(
        v.get(0, "/api/v1/logical_devices").await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        v.post(0, &path("enable"), json!({})).await.grpc_status(),
        Some("9")
    );
    assert_eq!(v.delete(0, &path("delete")).await.grpc_status(), Some("9"));
    assert_eq!(
        v.post(0, &path("disable"), json!({})).await.grpc_status(),
        None
    );
    assert_eq!(v.get(0, &device).await.body["admin_state"], "DISABLED");
    assert_eq!(
        v.get(0, "/api/v1/logical_devices").await.body["items"],
        json!([])
    );
    assert_eq!(v.delete(0, &path("delete")).await.grpc_status(), None);
    assert_eq!(v.get(0, &device).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn enabling_a_serial_number_brings_up_an_onu() {
    let v = voltha(1, 1);
    let olt = v.devices(0).await[0]["id"].as_str().unwrap().to_owned();
    let request = |serial: &str, port: u32| json!({"olt_device_id": {"id": olt}, "port": {"port_no": port}, "serial_number": serial});
    let enable = "/api/v1/devices/enable_onu_serial_number";
    assert_eq!(
        v.post(0, enable, request("BRCM0000beef", 7))
            .await
            .grpc_status(),
        Some("3")
    );
    assert_eq!(
        v.post(0, enable, request("bad", 536_870_914))
            .await
            .grpc_status(),
        Some("3")
    );
    assert_eq!(
        v.post(0, enable, request("BRCM0000beef", 536_870_914))
            .await
            .grpc_status(),
        None
    );
    let find = |devices: Vec<Value>| {
        devices
            .into_iter()
            .find(|d| d["serial_number"] == "BRCM0000beef")
            .unwrap()
    };
    let onu = find(v.devices(0).await);
    assert_eq!(onu["oper_status"], "ACTIVATING");
    assert_eq!(onu["parent_port_no"], 536_870_914);
    assert_eq!(find(v.devices(0).await)["oper_status"], "ACTIVE");

    let disable = "/api/v1/devices/disable_onu_serial_number";
    assert_eq!(
        v.post(0, disable, request("BRCM0000beef", 536_870_914))
            .await
            .grpc_status(),
        None
    );
    assert_eq!(find(v.devices(0).await)["admin_state"], "DISABLED");
    assert_eq!(
        v.post(0, disable, request("BRCM0000cafe", 536_870_914))
            .await
            .grpc_status(),
        Some("5")
    );
    let onu_id = onu["id"].as_str().unwrap();
    let enable_onu = format!("/api/v1/devices/{onu_id}/enable_onu_device");
    assert_eq!(v.post(0, &enable_onu, json!({})).await.grpc_status(), None);
    assert_eq!(
        v.post(0, &enable_onu, json!({})).await.grpc_status(),
        Some("9")
    );
    let olt_as_onu = format!("/api/v1/devices/{olt}/disable_onu_device");
    assert_eq!(
        v.post(0, &olt_as_onu, json!({})).await.grpc_status(),
        Some("3")
    );
}

#[tokio::test]
async fn pm_configs_are_read_and_replaced() {
    let v = voltha(1, 1);
    let olt = v.devices(0).await[0]["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/devices/{olt}/pm_configs");
    let mut pm = v.get(0, &path).await.body;
    assert_eq!(pm["default_freq"], 150);
    pm["default_freq"] = json!(300);
    assert_eq!(v.post(0, &path, pm).await.grpc_status(), None);
    assert_eq!(v.get(0, &path).await.body["default_freq"], 300);
    let wrong = json!({"id": "other", "default_freq": 1});
    assert_eq!(v.post(0, &path, wrong).await.grpc_status(), Some("3"));
}

#[tokio::test]
async fn an_injected_outage_is_unavailable_then_clears() {
    let v = voltha(1, 1);
    let outage = call(
        &v.admin,
        None,
        Method::POST,
        "/_sim/voltha/tenant-1/unavailable",
        Some(json!({"count": 2})),
    )
    .await;
    assert_eq!(outage.status, StatusCode::OK);
    let answer = v.get(0, "/api/v1/devices").await;
    assert_eq!(
        (answer.status, answer.body["code"].clone()),
        (StatusCode::SERVICE_UNAVAILABLE, json!(14))
    );
    assert_eq!(
        v.post(0, "/api/v1/devices/x/reboot", json!({}))
            .await
            .grpc_status(),
        Some("14")
    );
    assert_eq!(v.get(0, "/health").await.body, json!({"state": "HEALTHY"}));
}
