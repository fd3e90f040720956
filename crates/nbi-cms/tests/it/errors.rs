//! rpc-errors become typed errors; bad input is refused before anything is sent; hostile
//! replies are refused without expanding anything.

use nbi_cms::{ErrorKind, NewOnt, OntId, OntUpdate, RpcErrorExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{client, node, sim};

#[tokio::test]
async fn rpc_errors_carry_type_tag_severity_and_message() {
    let sim = sim(1, 2, 1).await;
    let client = client(&sim, 0);
    let onts = client.ont(node("olt-1"));
    let e = onts
        .create(NewOnt::new(1).id(OntId::new(1).unwrap()))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Status);
    let rpc = e.rpc_error().unwrap();
    assert_eq!(rpc.error_type, "application");
    assert_eq!(rpc.tag, "data-exists");
    assert_eq!(rpc.severity, "error");
    assert_eq!(rpc.message, "Ont 1 already exists");
    assert!(
        e.to_string().contains("create_ont: rpc-error data-exists"),
        "{e}"
    );

    let e = client
        .ont(node("nowhere"))
        .get(OntId::new(1).unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Validation);
    assert!(e.rpc_error().unwrap().message.contains("NTWK-nowhere"));
    client.close().await.unwrap();
}

#[tokio::test]
async fn invalid_input_names_the_field_and_the_rule() {
    let sim = sim(1, 1, 1).await;
    let client = client(&sim, 0);
    let onts = client.ont(node("olt-1"));
    let cases = [
        (
            NewOnt::new(1).serial("12345"),
            "serial: must be \"0\" (none yet) or exactly 6 hex digits",
        ),
        (
            NewOnt::new(1).description("x".repeat(65)),
            "description: at most 64 characters",
        ),
        (
            NewOnt::new(1).reg_id("r".repeat(33)),
            "reg_id: at most 32 characters",
        ),
        (
            NewOnt::new(1).subscriber_id("s".repeat(33)),
            "subscriber_id: at most 32 characters",
        ),
        (
            NewOnt::new(0),
            "ont_profile: a profile id is a number from 1",
        ),
    ];
    for (ont, message) in cases {
        let e = onts.create(ont).await.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert_eq!(e.message(), message);
    }
    assert!(OntId::new(64_000_001).is_err());
    let e = onts.get(OntId::AUTO).await.unwrap_err();
    assert!(e.message().starts_with("ont id: 0"), "{e}");
    let e = onts
        .update(OntId::new(1).unwrap(), OntUpdate::default())
        .await
        .unwrap_err();
    assert_eq!(e.message(), "update: no field to change was given");
    assert_eq!(sim.stats().requests, 0, "nothing was sent");
}

/// Serves one fixed body to every request on a raw socket.
async fn serve(body: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let _ = socket.read(&mut buf).await;
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(response.as_bytes()).await;
            });
        }
    });
    format!("http://{addr}")
}

const BOMB: &str = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><auth-reply><ResultCode>0</ResultCode><SessionId>&lol3;</SessionId></auth-reply>"#;
const EXTERNAL: &str = r#"<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><auth-reply><ResultCode>0</ResultCode><SessionId>&x;</SessionId></auth-reply>"#;

#[tokio::test]
async fn an_xml_bomb_and_an_external_entity_are_refused() {
    for body in [BOMB, EXTERNAL] {
        let url = serve(body).await;
        let client = nbi_cms::Client::builder()
            .url(url)
            .credentials("u", nbi_core::FixedSecret::shared("p"))
            .allow_insecure_http(true)
            .build()
            .unwrap();
        let e = client
            .ont(node("olt-1"))
            .get(OntId::new(1).unwrap())
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
        assert!(e.to_string().contains("DOCTYPE"), "{e}");
        assert!(
            !e.to_string().contains("root:"),
            "nothing was read from disk"
        );
    }
}
