//! Validation before any request, OFSC's error bodies, and secrets kept out of output.

use nbi_core::ErrorKind;
use nbi_ofsc::{ActivitySearch, CapacityQuery, EventsQuery, OfscErrorExt};

use crate::support::lab;

#[tokio::test]
async fn parameters_are_checked_before_any_request() {
    let lab = lab("").await;
    let client = lab.basic();
    let before = lab.sim.stats().requests;
    let cases = [
        (
            client
                .capacity()
                .get(&CapacityQuery::new(Vec::<String>::new()))
                .send()
                .await
                .unwrap_err(),
            "dates",
        ),
        (
            client
                .capacity()
                .get(&CapacityQuery::new(["25/06/2025"]))
                .send()
                .await
                .unwrap_err(),
            "dates",
        ),
        (
            client
                .activities()
                .search(&ActivitySearch::new(["r"]).dates("2025-06-26", "2025-06-25"))
                .send()
                .await
                .unwrap_err(),
            "dateFrom",
        ),
        (
            client
                .activities()
                .search(&ActivitySearch::default())
                .send()
                .await
                .unwrap_err(),
            "resources",
        ),
        (
            client
                .resources()
                .list(&Default::default())
                .limit(0)
                .send()
                .await
                .unwrap_err(),
            "limit",
        ),
        (
            client.users().list().limit(101).send().await.unwrap_err(),
            "limit",
        ),
        (
            client.activities().get("").send().await.unwrap_err(),
            "activityId",
        ),
        (client.users().get(" ").send().await.unwrap_err(), "login"),
        (
            client.metadata().work_zone("").send().await.unwrap_err(),
            "label",
        ),
        (
            client
                .events()
                .poll(&EventsQuery::default())
                .send()
                .await
                .unwrap_err(),
            "subscriptionId",
        ),
        (
            client
                .activities()
                .find_by("apptNumber", "")
                .send()
                .await
                .unwrap_err(),
            "searchForValue",
        ),
    ];
    for (error, parameter) in cases {
        assert_eq!(error.kind(), ErrorKind::Validation, "{error}");
        assert!(
            error.to_string().contains(parameter),
            "{error} names {parameter}"
        );
    }
    assert_eq!(lab.sim.stats().requests, before, "nothing was sent");
}

#[tokio::test]
async fn ofsc_error_bodies_become_problem_details() {
    let lab = lab("").await;
    let error = lab
        .basic()
        .resources()
        .get("nobody")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Status);
    assert!(error.is_not_found());
    assert_eq!(error.error_code(), Some("OFS-000404"));
    let problem = error.problem().unwrap();
    assert_eq!(problem.status.as_ref().and_then(|s| s.as_u16()), Some(404));
    assert!(error.to_string().contains("get_resource"), "{error}");
    let raw = lab
        .basic()
        .resources()
        .get("tech-001")
        .send_raw()
        .await
        .unwrap();
    assert_eq!(raw.status(), 200);
    assert!(raw.header("content-type").unwrap().contains("json"));
}

#[tokio::test]
async fn a_wrong_secret_is_an_auth_error_that_shows_no_secret() {
    let lab = lab("").await;
    let endpoint = &lab.sim.endpoints()[0];
    let client = nbi_ofsc::Client::builder()
        .base_url(&endpoint.url)
        .instance("sim-1")
        .allow_insecure_http(true)
        .client_credentials(
            "ofsc-client1",
            nbi_ofsc::FixedSecret::shared("hunter2-wrong"),
        )
        .build()
        .unwrap();
    let error = client.users().get("user-001").send().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Auth, "{error}");
    for shown in [
        format!("{error}"),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    for client in [lab.basic(), lab.oauth2()] {
        client.users().get("user-001").send().await.unwrap();
        let shown = format!("{client:?}");
        for secret in &lab.secrets {
            assert!(!shown.contains(secret.as_str()), "{shown}");
        }
    }
}
