//! One session per (tenant, CMS), renewed when the server forgets it, logged out on close.

use futures::future::join_all;
use nbi_cms::{Client, OntId};

use crate::support::{client, expire_sessions, node, sessions, sim, transports};

#[tokio::test]
async fn a_hundred_calls_take_one_login_and_close_logs_out() {
    let sim = sim(1, 5, 1).await;
    let client = client(&sim, 0);
    let onts = client.ont(node("olt-1"));
    let calls = (0..100).map(|i| onts.get(OntId::new(i % 5 + 1).unwrap()));
    for result in join_all(calls).await {
        result.unwrap();
    }
    assert_eq!(client.logins(), 1);
    let counts = sessions(&sim).await;
    assert_eq!(counts["logins"]["tenant-1"], 1);
    assert_eq!(counts["active"], 1);
    client.close().await.unwrap();
    let counts = sessions(&sim).await;
    assert_eq!(counts["logouts"], 1);
    assert_eq!(counts["active"], 0);
}

#[tokio::test]
async fn an_expired_session_is_renewed_once_and_the_call_replayed() {
    let sim = sim(1, 3, 1).await;
    let client = client(&sim, 0);
    let onts = client.ont(node("NTWK-olt-1"));
    onts.get(OntId::new(1).unwrap()).await.unwrap();
    expire_sessions(&sim).await;
    let again = join_all((0..10).map(|_| onts.get(OntId::new(2).unwrap()))).await;
    assert!(again.iter().all(Result::is_ok));
    assert_eq!(client.logins(), 2, "one renewal shared by every caller");
    assert_eq!(sessions(&sim).await["logins"]["tenant-1"], 2);
    client.close().await.unwrap();
}

#[tokio::test]
async fn both_session_id_spellings_log_in() {
    // Even seeds make the simulator answer `SessionID`, odd ones `SessionId`.
    for seed in [1, 2] {
        let sim = sim(1, 1, seed).await;
        let client = client(&sim, 0);
        client
            .ont(node("olt-1"))
            .get(OntId::new(1).unwrap())
            .await
            .unwrap();
        client.close().await.unwrap();
    }
}

#[tokio::test]
async fn clients_from_settings_share_one_session_per_tenant() {
    let sim = sim(2, 2, 1).await;
    let dir = tempdir();
    let transports = transports(&sim, &dir);
    let a = Client::from_transports(&transports, "tenant-1", "cms").unwrap();
    let b = Client::from_transports(&transports, "tenant-1", "cms").unwrap();
    let c = Client::from_transports(&transports, "tenant-2", "cms").unwrap();
    for client in [&a, &b, &c] {
        client
            .ont(node("olt-1"))
            .get(OntId::new(1).unwrap())
            .await
            .unwrap();
    }
    let counts = sessions(&sim).await;
    assert_eq!(counts["logins"]["tenant-1"], 1);
    assert_eq!(counts["logins"]["tenant-2"], 1);
    transports.shutdown().await.unwrap();
    assert_eq!(sessions(&sim).await["active"], 0);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_error_without_the_password() {
    let sim = sim(1, 1, 1).await;
    let (user, _) = crate::support::credentials(&sim, 0);
    let client = Client::builder()
        .url(sim.url(nbi_sim::Service::Cms))
        .credentials(user, nbi_core::FixedSecret::shared("hunter2-wrong"))
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let e = client
        .ont(node("olt-1"))
        .get(OntId::new(1).unwrap())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), nbi_cms::ErrorKind::Auth);
    assert!(e.to_string().contains("ResultCode 6"), "{e}");
    for shown in [e.to_string(), format!("{e:?}"), format!("{client:?}")] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}

pub(crate) fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "nbi-cms-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
