//! Handler tests through the router, no socket.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::response::Response;
use base64::Engine;
use http_body_util::BodyExt;
use serde_json::{Value, json};

use super::router;
use crate::config::{Service, SimConfig};
use crate::credentials::Credentials;
use crate::shared::Shared;

struct Acs {
    api: Router,
    admin: Router,
    auth: Vec<String>,
}

fn acs(devices: usize) -> Acs {
    let shared = Arc::new(Shared::new(&SimConfig {
        services: vec![Service::Genieacs],
        tenants: 2,
        devices,
        ..SimConfig::default()
    }));
    let auth = (0..2)
        .map(
            |t| match shared.auth(Service::Genieacs).credentials(t, "http://x") {
                Credentials::Basic { username, password } => format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD
                        .encode(format!("{username}:{password}"))
                ),
                _ => panic!("GenieACS tenants use basic auth"),
            },
        )
        .collect();
    let (api, admin) = router(shared, "http://x".into());
    Acs { api, admin, auth }
}

impl Acs {
    async fn call(&self, tenant: usize, method: Method, uri: &str, body: &str) -> Response {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", &self.auth[tenant])
            .body(Body::from(body.to_owned()))
            .unwrap();
        let mut api = self.api.clone();
        tower_service::Service::call(&mut api, request)
            .await
            .unwrap()
    }

    async fn get(&self, tenant: usize, uri: &str) -> (Response, Value) {
        let response = self.call(tenant, Method::GET, uri, "").await;
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (Response::from_parts(parts, Body::empty()), value)
    }
}

async fn text_of(response: Response) -> String {
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}

fn reason(response: &Response) -> Option<String> {
    response
        .extensions()
        .get::<hyper::ext::ReasonPhrase>()
        .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned())
}

fn q(value: Value) -> String {
    url_encode(&value.to_string())
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn wrong_credentials_get_the_proxy_plain_401() {
    let acs = acs(4);
    let request = Request::get("/devices/").body(Body::empty()).unwrap();
    let mut api = acs.api.clone();
    let response = tower_service::Service::call(&mut api, request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(
        response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Basic")
    );
    assert_eq!(text_of(response).await, "Unauthorized");
}

#[tokio::test]
async fn listings_filter_project_sort_and_count() {
    let acs = acs(8);
    let (all, devices) = acs.get(0, "/devices/").await;
    assert_eq!(all.headers()["total"], "8");
    assert_eq!(all.headers()["genieacs-version"], super::VERSION);
    let first = &devices[0];
    assert_eq!(first["_id"], "202BC1-BM632w-000001");
    assert!(first["InternetGatewayDevice"]["DeviceInfo"]["SoftwareVersion"]["_value"].is_string());
    assert_eq!(devices[2]["_id"], "A4B1E9-FAST%205670-000003");
    assert!(
        devices[1]["Device"]["DeviceInfo"]["_object"]
            .as_bool()
            .unwrap()
    );

    let uri = format!(
        "/devices/?query={}&projection=_tags,_deviceId._SerialNumber&sort={}&skip=1&limit=2",
        q(json!({"_tags": "lab"})),
        q(json!({"_id": -1}))
    );
    let (page, lab) = acs.get(0, &uri).await;
    assert_eq!(
        page.headers()["total"],
        "3",
        "devices 0, 3 and 6 are in the lab"
    );
    let ids: Vec<_> = lab
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids[0] > ids[1], "descending");
    assert!(
        lab[0].get("InternetGatewayDevice").is_none(),
        "projected away"
    );
    assert!(lab[0]["_deviceId"]["_SerialNumber"].is_string());

    let version_query = q(json!({"InternetGatewayDevice.DeviceInfo.ManufacturerOUI": "202BC1"}));
    let (by_value, _) = acs
        .get(0, &format!("/devices/?query={version_query}"))
        .await;
    assert_eq!(by_value.headers()["total"], "2");

    let head = acs.call(0, Method::HEAD, "/presets/", "").await;
    assert_eq!(head.headers()["total"], "3");
    assert!(text_of(head).await.is_empty());

    let bad = acs
        .call(0, Method::GET, "/devices/?query=%7Bnope", "")
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(text_of(bad).await.starts_with("SyntaxError"));
    let (faults, list) = acs.get(0, "/faults/").await;
    assert_eq!(faults.headers()["total"], "2");
    assert_eq!(list[0]["code"], "cwmp.9005");
}

#[tokio::test]
async fn tasks_run_on_online_devices_and_wait_on_offline_ones() {
    let acs = acs(4);
    let online = "/devices/202BC1-BM632w-000001/tasks?connection_request";
    let set = json!({"name": "setParameterValues", "parameterValues": [
        ["InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID", "lab-net", "xsd:string"]]});
    let ok = acs.call(0, Method::POST, online, &set.to_string()).await;
    assert_eq!(ok.status(), StatusCode::OK);
    let task: Value = serde_json::from_str(&text_of(ok).await).unwrap();
    assert_eq!(task["device"], "202BC1-BM632w-000001");
    assert_eq!(task["_id"].as_str().unwrap().len(), 24);
    let (_, device) = acs
        .get(
            0,
            &format!(
                "/devices/?query={}",
                q(json!({"_id": "202BC1-BM632w-000001"}))
            ),
        )
        .await;
    let ssid =
        &device[0]["InternetGatewayDevice"]["LANDevice"]["1"]["WLANConfiguration"]["1"]["SSID"];
    assert_eq!(ssid["_value"], "lab-net");

    let bad =
        json!({"name": "getParameterValues", "parameterNames": ["InternetGatewayDevice.Nope"]});
    let faulted = acs.call(0, Method::POST, online, &bad.to_string()).await;
    assert_eq!(faulted.status(), StatusCode::ACCEPTED);
    assert_eq!(reason(&faulted).as_deref(), Some("Task faulted"));
    let task: Value = serde_json::from_str(&text_of(faulted).await).unwrap();
    let task_id = task["_id"].as_str().unwrap();
    let fault_id = format!("202BC1-BM632w-000001:task_{task_id}");
    let (_, faults) = acs
        .get(
            0,
            &format!("/faults/?query={}", q(json!({"_id": fault_id}))),
        )
        .await;
    assert_eq!(faults[0]["code"], "cwmp.9005");

    // Retry clears the fault (the task stays queued); delete removes both.
    let retry = acs
        .call(0, Method::POST, &format!("/tasks/{task_id}/retry"), "")
        .await;
    assert_eq!(retry.status(), StatusCode::OK);
    let (count, _) = acs
        .get(
            0,
            &format!("/faults/?query={}", q(json!({"_id": fault_id}))),
        )
        .await;
    assert_eq!(count.headers()["total"], "0");
    let delete = acs
        .call(0, Method::DELETE, &format!("/tasks/{task_id}"), "")
        .await;
    assert_eq!(delete.status(), StatusCode::OK);
    let again = acs
        .call(0, Method::DELETE, &format!("/tasks/{task_id}"), "")
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(text_of(again).await, "Task not found");

    let offline = "/devices/00259E-HG8245Q2-000004/tasks";
    let reboot = json!({"name": "reboot"}).to_string();
    let queued = acs.call(0, Method::POST, offline, &reboot).await;
    assert_eq!(queued.status(), StatusCode::ACCEPTED);
    let unreachable = acs
        .call(
            0,
            Method::POST,
            &format!("{offline}?connection_request"),
            &reboot,
        )
        .await;
    assert_eq!(unreachable.status(), StatusCode::GATEWAY_TIMEOUT);
    assert!(
        text_of(unreachable)
            .await
            .starts_with("Connection request error")
    );

    let missing = acs
        .call(0, Method::POST, "/devices/nope/tasks", &reboot)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(text_of(missing).await, "No such device");
    let garbage = acs.call(0, Method::POST, offline, "{").await;
    assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_earlier_faulted_task_leaves_a_new_one_queued_reason() {
    let acs = acs(4);
    // Take the offline CPE online: its seeded faulted task stays blocked, the new one runs.
    let mut admin = acs.admin.clone();
    let request = Request::put("/_sim/genieacs/tenant-1/devices/00259E-HG8245Q2-000004/online")
        .body(Body::from("true"))
        .unwrap();
    let response = tower_service::Service::call(&mut admin, request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let refresh =
        json!({"name": "refreshObject", "objectName": "InternetGatewayDevice.DeviceInfo"});
    let ran = acs
        .call(
            0,
            Method::POST,
            "/devices/00259E-HG8245Q2-000004/tasks?connection_request&timeout=3000",
            &refresh.to_string(),
        )
        .await;
    assert_eq!(ran.status(), StatusCode::OK);
    let (tasks, _) = acs.get(0, "/tasks/").await;
    assert_eq!(
        tasks.headers()["total"],
        "1",
        "the faulted seed task is still queued"
    );
}

#[tokio::test]
async fn tags_presets_scripts_files_and_ping() {
    let acs = acs(2);
    let id = "202BC1-BM632w-000001";
    assert_eq!(
        acs.call(0, Method::POST, &format!("/devices/{id}/tags/gold"), "")
            .await
            .status(),
        StatusCode::OK
    );
    let tagged = q(json!({"_tags": "gold"}));
    let (page, _) = acs.get(0, &format!("/devices/?query={tagged}")).await;
    assert_eq!(page.headers()["total"], "1");
    let (other_tenant, _) = acs.get(1, &format!("/devices/?query={tagged}")).await;
    assert_eq!(other_tenant.headers()["total"], "0", "tenants are isolated");
    acs.call(0, Method::DELETE, &format!("/devices/{id}/tags/gold"), "")
        .await;
    let (page, _) = acs.get(0, &format!("/devices/?query={tagged}")).await;
    assert_eq!(page.headers()["total"], "0");

    let put = acs
        .call(
            0,
            Method::PUT,
            "/presets/wifi",
            r#"{"weight": 1, "provision": "wifi"}"#,
        )
        .await;
    assert_eq!(put.status(), StatusCode::OK);
    let (_, presets) = acs
        .get(0, &format!("/presets/?query={}", q(json!({"_id": "wifi"}))))
        .await;
    assert_eq!(presets[0]["provision"], "wifi");
    let bad = acs
        .call(
            0,
            Method::PUT,
            "/provisions/wifi",
            "declare(\"x\", {value: 1};",
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(text_of(bad).await.starts_with("SyntaxError"));
    let good = acs
        .call(
            0,
            Method::PUT,
            "/provisions/wifi",
            "declare(\"x\", {value: 1}); // ok",
        )
        .await;
    assert_eq!(good.status(), StatusCode::OK);
    assert_eq!(
        acs.call(0, Method::DELETE, "/presets/wifi", "")
            .await
            .status(),
        StatusCode::OK
    );

    let request = Request::put("/files/fw.bin")
        .header("authorization", &acs.auth[0])
        .header("fileType", "1 Firmware Upgrade Image")
        .header("version", "9.9")
        .body(Body::from("firmware"))
        .unwrap();
    let mut api = acs.api.clone();
    let created = tower_service::Service::call(&mut api, request)
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let (_, files) = acs
        .get(0, &format!("/files/?query={}", q(json!({"_id": "fw.bin"}))))
        .await;
    assert_eq!(files[0]["length"], 8);
    assert_eq!(files[0]["metadata"]["version"], "9.9");
    assert_eq!(
        acs.call(0, Method::DELETE, "/files/fw.bin", "")
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        acs.call(0, Method::DELETE, "/files/fw.bin", "")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let ping = acs.call(0, Method::GET, "/ping/10.0.0.1", "").await;
    assert_eq!(ping.status(), StatusCode::OK);
    assert!(text_of(ping).await.contains("3 packets transmitted"));
    let nowhere = acs.call(0, Method::GET, "/ping/cpe.invalid", "").await;
    assert_eq!(nowhere.status(), StatusCode::NOT_FOUND);

    assert_eq!(
        acs.call(0, Method::DELETE, &format!("/devices/{id}"), "")
            .await
            .status(),
        StatusCode::OK
    );
    let (after, _) = acs.get(0, "/devices/").await;
    assert_eq!(after.headers()["total"], "1");
}

#[test]
fn scripts_are_checked_for_balance() {
    use super::writes::check_script;
    assert!(check_script("let a = [1, (2)]; /* } */ const s = \"}\";").is_ok());
    assert!(check_script("if (x) {").is_err());
    assert!(check_script("a)").is_err());
    assert!(check_script("let s = 'open").is_err());
}
