//! JWT login, refresh when the token expires mid-run, and secrets kept out of output.

use std::time::Duration;

use nbi_mano::{ManoErrorExt, ManoErrorKind};
use nbi_sim::FaultConfig;

use crate::support::{builder_with_password, client, credentials, sim};

#[tokio::test(start_paused = true)]
async fn an_expired_token_is_refreshed_and_the_call_replayed() {
    let sim = sim(1).await;
    sim.set_faults(
        Some("tenant-1"),
        FaultConfig {
            token_ttl_s: Some(600),
            ..Default::default()
        },
    );
    let mano = client(&sim, 0);
    mano.orchestrator().intents().send().await.unwrap();
    assert_eq!(mano.transport().auth_renewals(), 1, "one login");
    // The simulator's clock moves past the token's life; the client's wall clock does not,
    // so the server's 401 is what triggers the refresh.
    tokio::time::advance(Duration::from_secs(601)).await;
    mano.orchestrator().intents().send().await.unwrap();
    assert_eq!(mano.transport().auth_renewals(), 2, "one refresh");
    let stats = sim.stats();
    assert_eq!(stats.auth.login, 1);
    assert_eq!(stats.auth.refresh, 1);
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_error_without_the_secret() {
    let sim = sim(1).await;
    let transport = builder_with_password(&sim, 0, "hunter2-wrong-password")
        .build()
        .unwrap();
    let mano = nbi_mano::Client::builder()
        .transport(transport)
        .build()
        .unwrap();
    let err = mano.orchestrator().intents().send().await.unwrap_err();
    assert_eq!(err.mano_kind(), ManoErrorKind::Auth);
    for text in [format!("{err}"), format!("{err:?}"), format!("{mano:?}")] {
        assert!(!text.contains("hunter2"), "{text}");
    }
}

#[tokio::test]
async fn debug_and_errors_never_show_the_password_or_token() {
    let sim = sim(1).await;
    let (_, password) = credentials(&sim, 0);
    let mano = client(&sim, 0);
    mano.orchestrator().intents().send().await.unwrap();
    let err = mano.orchestrator().intent("missing").await.unwrap_err();
    for text in [format!("{mano:?}"), format!("{err}"), format!("{err:?}")] {
        assert!(!text.contains(&password), "{text}");
        assert!(!text.contains("eyJ"), "a JWT leaked: {text}");
    }
}
