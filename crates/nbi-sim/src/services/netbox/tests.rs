//! The NetBox routes through the router itself, no socket.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower_service::Service as _;

use super::router;
use crate::config::{Service, SimConfig};
use crate::credentials::Credentials;
use crate::shared::Shared;

struct Api {
    router: axum::Router,
    token: String,
}

fn api(devices: usize) -> Api {
    let shared = Arc::new(Shared::new(&SimConfig {
        services: vec![Service::Netbox],
        tenants: 2,
        devices,
        ..SimConfig::default()
    }));
    let Credentials::Token { token } = shared.auth(Service::Netbox).credentials(0, "") else {
        panic!("tenant-1 has a token")
    };
    let (router, _) = router(shared, "http://nb.test".into());
    Api { router, token }
}

impl Api {
    async fn call(
        &mut self,
        method: &str,
        uri: &str,
        body: Option<Value>,
    ) -> (StatusCode, HeaderMap, Value) {
        let auth = format!("Token {}", self.token);
        self.raw(method, uri, body, &[("authorization", &auth)])
            .await
    }

    async fn raw(
        &mut self,
        method: &str,
        uri: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, HeaderMap, Value) {
        let mut request = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let request = request
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
            .unwrap();
        let response = self.router.call(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            headers,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}

#[tokio::test]
async fn tokens_are_checked_and_failures_are_403_not_401() {
    let mut api = api(2);
    let (status, _, body) = api.raw("GET", "/api/dcim/devices/", None, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["detail"],
        "Authentication credentials were not provided."
    );
    let bad = [(
        "authorization",
        "Token 0000000000000000000000000000000000000000",
    )];
    let (status, _, body) = api.raw("GET", "/api/dcim/devices/", None, &bad).await;
    assert_eq!(
        (status, body["detail"].as_str()),
        (StatusCode::FORBIDDEN, Some("Invalid v1 token"))
    );
    let bad = [("authorization", "Bearer nbt_abc.def")];
    let (_, _, body) = api.raw("GET", "/api/status/", None, &bad).await;
    assert_eq!(body["detail"], "Invalid v2 token");
    let (status, _, body) = api.call("GET", "/api/status/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["netbox-version"], "4.5.0");
}

#[tokio::test]
async fn lists_filter_and_page_by_offset_and_by_cursor() {
    let mut api = api(10);
    let (_, _, page) = api
        .call("GET", "/api/dcim/devices/?role=router&limit=4", None)
        .await;
    assert_eq!(page["count"], 6);
    assert_eq!(page["results"].as_array().unwrap().len(), 4);
    assert_eq!(page["results"][0]["name"], "r0001");
    assert_eq!(page["results"][0]["role"]["slug"], "router");
    assert_eq!(page["previous"], Value::Null);
    let next = page["next"].as_str().unwrap();
    assert!(
        next.starts_with("http://nb.test/api/dcim/devices/?role=router&limit=4&offset=4"),
        "{next}"
    );

    let (_, _, cursor) = api
        .call("GET", "/api/dcim/devices/?start=0&limit=6", None)
        .await;
    assert_eq!(cursor["count"], Value::Null);
    assert_eq!(cursor["previous"], Value::Null);
    let last_id = cursor["results"][5]["id"].as_u64().unwrap();
    assert!(
        cursor["next"]
            .as_str()
            .unwrap()
            .contains(&format!("start={}", last_id + 1))
    );

    let (_, _, named) = api
        .call("GET", "/api/dcim/devices/?name=r0003&name=r0004", None)
        .await;
    assert_eq!(named["count"], 2);
    let (_, _, q) = api.call("GET", "/api/dcim/devices/?q=R001", None).await;
    assert_eq!(q["count"], 1, "only r0010 holds r001, in any case: {q}");
    let (status, _, body) = api.call("GET", "/api/dcim/devices/?site_id=x", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["site_id"][0], "Enter a number.");
}

#[tokio::test]
async fn writes_validate_fields_and_bulk_writes_are_all_or_nothing() {
    let mut api = api(1);
    let (status, _, body) = api
        .call(
            "POST",
            "/api/dcim/sites/",
            Some(json!({"name": "x", "status": "bogus"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["slug"][0], "This field is required.");
    assert_eq!(body["status"][0], "\"bogus\" is not a valid choice.");

    let items = json!([{"name": "a", "slug": "a"}, {"name": "b"}]);
    let (status, _, body) = api.call("POST", "/api/dcim/sites/", Some(items)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body[0], json!({}));
    assert_eq!(body[1]["slug"][0], "This field is required.");
    let (_, _, page) = api.call("GET", "/api/dcim/sites/?slug=a", None).await;
    assert_eq!(page["count"], 0, "the good item was rolled back");

    let (status, _, created) = api
        .call(
            "POST",
            "/api/dcim/sites/",
            Some(json!([{"name": "a", "slug": "a"}, {"name": "b", "slug": "b"}])),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (a, b) = (
        created[0]["id"].as_u64().unwrap(),
        created[1]["id"].as_u64().unwrap(),
    );
    let (status, _, updated) = api
        .call(
            "PATCH",
            "/api/dcim/sites/",
            Some(json!([{"id": a, "description": "x"}, {"id": b, "status": "planned"}])),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(updated[1]["status"]["value"], "planned");
    let (status, _, _) = api
        .call(
            "DELETE",
            "/api/dcim/sites/",
            Some(json!([{"id": a}, {"id": b}])),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // A site with devices is protected.
    let (status, _, body) = api.call("DELETE", "/api/dcim/sites/1/", None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("dependent objects")
    );
}

#[tokio::test]
async fn etags_guard_updates() {
    let mut api = api(1);
    let (_, headers, device) = api.call("GET", "/api/dcim/devices/1/", None).await;
    let etag = headers[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(device["name"], "r0001");
    let auth = format!("Token {}", api.token);
    let stale = [("authorization", auth.as_str()), ("if-match", "\"0000\"")];
    let (status, _, _) = api
        .raw(
            "PATCH",
            "/api/dcim/devices/1/",
            Some(json!({"serial": "X"})),
            &stale,
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    let fresh = [
        ("authorization", auth.as_str()),
        ("if-match", etag.as_str()),
    ];
    let (status, headers, body) = api
        .raw(
            "PATCH",
            "/api/dcim/devices/1/",
            Some(json!({"serial": "X"})),
            &fresh,
        )
        .await;
    assert_eq!(
        (status, body["serial"].as_str()),
        (StatusCode::OK, Some("X"))
    );
    assert_ne!(headers[header::ETAG].to_str().unwrap(), etag);
    let (status, _, body) = api.call("GET", "/api/dcim/devices/999/", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["detail"], "No Device matches the given query.");
}

#[tokio::test]
async fn pools_allocate_until_exhausted() {
    let mut api = api(1);
    let (_, _, prefixes) = api.call("GET", "/api/ipam/prefixes/?q=/29", None).await;
    let prefix = prefixes["results"][0]["id"].as_u64().unwrap();
    let uri = format!("/api/ipam/prefixes/{prefix}/available-ips/");
    let (_, _, free) = api.call("GET", &uri, None).await;
    assert_eq!(free.as_array().unwrap().len(), 4);
    assert_eq!(free[0]["address"], "10.1.2.3/29");
    let (status, _, one) = api
        .call("POST", &uri, Some(json!({"description": "gw"})))
        .await;
    assert_eq!(
        (status, one["address"].as_str()),
        (StatusCode::CREATED, Some("10.1.2.3/29"))
    );
    let (status, _, many) = api.call("POST", &uri, Some(json!([{}, {}]))).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(many.as_array().unwrap().len(), 2);
    let (status, _, body) = api.call("POST", &uri, Some(json!([{}, {}]))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["detail"],
        "An insufficient number of IP addresses are available within 10.1.2.0/29 (2 requested, 1 available)"
    );

    let (status, _, vlans) = api
        .call(
            "POST",
            "/api/ipam/vlan-groups/1/available-vlans/",
            Some(json!({"name": "iptv"})),
        )
        .await;
    assert_eq!(
        (status, vlans["vid"].as_u64()),
        (StatusCode::CREATED, Some(102))
    );
    let (status, _, child) = api
        .call(
            "POST",
            "/api/ipam/prefixes/1/available-prefixes/",
            Some(json!({"prefix_length": 24})),
        )
        .await;
    assert_eq!(
        (status, child["prefix"].as_str()),
        (StatusCode::CREATED, Some("10.1.0.0/24"))
    );
}

#[tokio::test]
async fn configs_render_from_device_data() {
    let mut api = api(2);
    let (status, _, rendered) = api
        .call("POST", "/api/dcim/devices/1/render-config/", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rendered["configtemplate"]["name"], "router-base");
    let content = rendered["content"].as_str().unwrap();
    assert!(
        content.contains("hostname r0001\n") && content.contains(" ip address 10.1.1.1/24\n"),
        "{content}"
    );
    let (_, _, again) = api
        .call("POST", "/api/dcim/devices/1/render-config/", None)
        .await;
    assert_eq!(again["content"], rendered["content"], "deterministic");
    let (status, _, _) = api
        .call("GET", "/api/dcim/devices/1/render-config/", None)
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);

    api.call(
        "PATCH",
        "/api/dcim/devices/1/",
        Some(json!({"config_template": 4})),
    )
    .await;
    let (status, _, error) = api
        .call("POST", "/api/dcim/devices/1/render-config/", None)
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(error["exception"], "TemplateSyntaxError");
    assert_eq!(error["netbox_version"], "4.5.0");
}

#[tokio::test]
async fn a_missing_slash_redirects_like_django() {
    let mut api = api(1);
    let (status, headers, _) = api.call("GET", "/api/dcim/devices?limit=1", None).await;
    assert_eq!(status, StatusCode::MOVED_PERMANENTLY);
    assert_eq!(headers[header::LOCATION], "/api/dcim/devices/?limit=1");
    let (status, headers, _) = api.call("GET", "/api/nothing/", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let (status, _, _) = api.call("GET", "/api/dcim/cables/", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
