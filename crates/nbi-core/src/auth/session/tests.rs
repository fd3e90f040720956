//! A small CMS-like XML session, against wiremock, proves the login / logout / refresh flow.

use std::sync::Mutex;

use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::auth::test_support::context;
use crate::error::Error;
use crate::secret::{ExposeSecret, SecretString};

const NETCONF: &str = "/cmsexc/ex/netconf";

/// Logs in and out with CMS-shaped XML; remembers the sessions it logged out.
#[derive(Debug, Default)]
struct XmlSession {
    logged_out: Mutex<Vec<String>>,
}

impl XmlSession {
    async fn post(&self, ctx: &AuthContext, xml: String) -> Result<String> {
        let url = ctx.base_url.join(NETCONF).unwrap();
        let response = ctx.http.post(url).body(xml).send().await.unwrap();
        if !response.status().is_success() {
            return Err(Error::auth(format!("HTTP {}", response.status().as_u16())));
        }
        Ok(response.text().await.unwrap())
    }
}

#[async_trait]
impl SessionHooks for XmlSession {
    async fn login(&self, ctx: &AuthContext) -> Result<Credential> {
        let reply = self
            .post(
                ctx,
                "<auth message-id=\"1\"><login><UserName>nbi</UserName>\
                 <Password>pw</Password></login></auth>"
                    .into(),
            )
            .await?;
        let id = reply
            .split_once("<SessionId>")
            .and_then(|(_, rest)| rest.split_once("</SessionId>"))
            .map(|(id, _)| id.to_owned())
            .ok_or_else(|| Error::auth("no session id"))?;
        Ok(Credential::new(SecretString::from(id)))
    }

    async fn logout(&self, ctx: &AuthContext, session: &Credential) -> Result<()> {
        let id = session.secret().expose_secret().to_owned();
        self.logged_out.lock().unwrap().push(id.clone());
        let xml = format!(
            "<auth message-id=\"2\"><logout><UserName>nbi</UserName>\
             <SessionId>{id}</SessionId></logout></auth>"
        );
        self.post(ctx, xml).await.map(|_| ())
    }
}

fn login_reply(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(format!(
        "<auth-reply><ResultCode>0</ResultCode><SessionId>{id}</SessionId></auth-reply>"
    ))
}

async fn mount_logins(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path(NETCONF))
        .and(body_string_contains("<login>"))
        .respond_with(login_reply("S1"))
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path(NETCONF))
        .and(body_string_contains("<login>"))
        .respond_with(login_reply("S2"))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn refresh_logs_the_stale_session_out_before_logging_in() {
    let server = MockServer::start().await;
    mount_logins(&server).await;
    Mock::given(method("POST"))
        .and(path(NETCONF))
        .and(body_string_contains("<SessionId>S1</SessionId></logout>"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<auth-reply/>"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(NETCONF))
        .and(body_string_contains("<SessionId>S2</SessionId></logout>"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<auth-reply/>"))
        .expect(1)
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let hooks = Arc::new(XmlSession::default());
    let auth = SessionAuth::new(hooks.clone());

    let first = auth.login(&ctx).await.unwrap();
    assert_eq!(first.secret().expose_secret(), "S1");
    let second = auth.refresh(&ctx, &first).await.unwrap();
    assert_eq!(second.secret().expose_secret(), "S2");
    auth.logout(&ctx, &second).await.unwrap();
    assert_eq!(*hooks.logged_out.lock().unwrap(), ["S1", "S2"]);

    // The logout of S1 reached the server before the second login.
    let bodies: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert_eq!(bodies.len(), 4);
    assert!(bodies[0].contains("<login>"));
    assert!(bodies[1].contains("<logout>") && bodies[1].contains("S1"));
    assert!(bodies[2].contains("<login>"));
    assert!(bodies[3].contains("<logout>") && bodies[3].contains("S2"));
}

#[tokio::test]
async fn a_failed_logout_does_not_stop_the_renewal() {
    let server = MockServer::start().await;
    mount_logins(&server).await;
    Mock::given(method("POST"))
        .and(body_string_contains("<logout>"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let ctx = context(&server.uri());
    let auth = SessionAuth::new(Arc::new(XmlSession::default()));
    let first = auth.login(&ctx).await.unwrap();
    let second = auth.refresh(&ctx, &first).await.unwrap();
    assert_eq!(second.secret().expose_secret(), "S2");
}

#[tokio::test]
async fn apply_adds_no_header_by_default() {
    let auth = SessionAuth::new(Arc::new(XmlSession::default()));
    let mut headers = HeaderMap::new();
    let session = Credential::new(SecretString::from("S9".to_owned()));
    auth.apply(&session, &mut headers).unwrap();
    assert!(headers.is_empty());
}
