//! The CMS routes through `oneshot`.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower_service::Service as _;

use super::router;
use crate::config::SimConfig;
use crate::shared::Shared;

fn app(devices: usize, seed: u64) -> (axum::Router, Arc<Shared>) {
    let shared = Arc::new(Shared::new(&SimConfig {
        services: vec![crate::Service::Cms],
        tenants: 2,
        devices,
        seed,
        ..SimConfig::default()
    }));
    let (api, admin) = router(shared.clone(), "http://sim".into());
    (api.merge(admin), shared)
}

async fn post(app: &mut axum::Router, path: &str, body: String) -> (StatusCode, String) {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "text/xml;charset=ISO-8859-1")
        .body(Body::from(body))
        .unwrap();
    let response = app.call(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn login(user: &str, password: &str) -> String {
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><auth message-id=\"1\"><login><UserName>{user}</UserName><Password>{password}</Password></login></auth></soapenv:Body></soapenv:Envelope>"
    )
}

fn rpc(user: &str, session: &str, inner: &str) -> String {
    format!(
        "<soapenv:Envelope xmlns:soapenv=\"http://www.w3.org/2003/05/soap-envelope\"><soapenv:Body><rpc message-id=\"2\" nodename=\"NTWK-olt-1\" username=\"{user}\" sessionid=\"{session}\">{inner}</rpc></soapenv:Body></soapenv:Envelope>"
    )
}

fn session_of(reply: &str, tag: &str) -> String {
    let start = reply.find(&format!("<{tag}>")).unwrap() + tag.len() + 2;
    let end = reply.find(&format!("</{tag}>")).unwrap();
    reply[start..end].to_owned()
}

fn tenant_login(shared: &Shared, t: usize) -> (String, String) {
    match shared.auth(crate::Service::Cms).credentials(t, "") {
        crate::Credentials::Basic { username, password } => (username, password),
        _ => panic!("CMS tenants use a user name and password"),
    }
}

#[tokio::test]
async fn login_rpc_paging_and_tenant_isolation() {
    let (mut app, shared) = app(150, 2);
    let (user, password) = tenant_login(&shared, 0);
    let (status, reply) = post(&mut app, "/cmsexc/ex/netconf", login(&user, &password)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(reply.contains("<ResultCode>0</ResultCode>"), "{reply}");
    let session = session_of(&reply, "SessionID");
    let list = "<get-config><source><running/></source><filter type=\"subtree\"><top><object><type>System</type><id/><children><type>Ont</type></children></object></top></filter></get-config>";
    let (_, page) = post(&mut app, "/cmsweb/nc", rpc(&user, &session, list)).await;
    assert_eq!(page.matches("<type>Ont</type>").count(), 100);
    assert!(page.contains("<more/>"));
    // Tenant 2's node is its own: its seeded ONTs are there, tenant 1's creates are not.
    let create = "<edit-config><target><running/></target><config><top><object operation=\"create\"><type>Ont</type><id><ont>0</ont></id><ontprof><type>OntProf</type><id><ontprof>1</ontprof></id></ontprof></object></top></config></edit-config>";
    let (_, ok) = post(&mut app, "/cmsexc/ex/netconf", rpc(&user, &session, create)).await;
    assert!(ok.contains("<ok/>"), "{ok}");
    let (user2, password2) = tenant_login(&shared, 1);
    let (_, reply2) = post(&mut app, "/cmsexc/ex/netconf", login(&user2, &password2)).await;
    let session2 = session_of(&reply2, "SessionID");
    let get = "<get-config><source><running/></source><filter type=\"subtree\"><top><object><type>Ont</type><id><ont>151</ont></id></object></top></filter></get-config>";
    let (_, missing) = post(&mut app, "/cmsexc/ex/netconf", rpc(&user2, &session2, get)).await;
    assert!(
        missing.contains("<error-tag>data-missing</error-tag>"),
        "{missing}"
    );
    // Another user's session id is not accepted.
    let (_, stolen) = post(&mut app, "/cmsexc/ex/netconf", rpc(&user2, &session, get)).await;
    assert!(stolen.contains("session not exist"), "{stolen}");
}

#[tokio::test]
async fn bad_logins_bad_xml_and_rest_auth() {
    let (mut app, _) = app(1, 1);
    let (_, refused) = post(&mut app, "/cmsexc/ex/netconf", login("nobody", "x")).await;
    assert!(refused.contains("<ResultCode>6</ResultCode>"), "{refused}");
    let (status, _) = post(&mut app, "/cmsexc/ex/netconf", "<not-closed>".into()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let doctype = "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>".to_owned();
    let (status, _) = post(&mut app, "/cmsexc/ex/netconf", doctype).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let request = Request::get("/restnbi/devices")
        .body(Body::empty())
        .unwrap();
    let response = app.call(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}
