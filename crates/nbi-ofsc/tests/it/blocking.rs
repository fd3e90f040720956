//! One scenario table through both modes: the same operations, the same answers.

use nbi_ofsc::{ActivitySearch, CapacityQuery};
use serde_json::{Value, json};

use crate::support::lab;

/// (name, what the async client answers, what the blocking one answers), as JSON.
type Step = (&'static str, Value);

async fn async_steps(client: &nbi_ofsc::Client) -> Vec<Step> {
    use futures::TryStreamExt;
    let search = ActivitySearch::new(["tech-001"]).dates("2025-06-24", "2025-06-26");
    vec![
        (
            "capacity",
            json!(
                client
                    .capacity()
                    .get(&CapacityQuery::new(["2025-06-25"]).areas(["FLUSA"]))
                    .send()
                    .await
                    .unwrap()
            ),
        ),
        (
            "activity",
            json!(client.activities().get(4225001).send().await.unwrap()),
        ),
        (
            "search",
            json!(
                client
                    .activities()
                    .search(&search)
                    .limit(4)
                    .all()
                    .try_collect::<Vec<_>>()
                    .await
                    .unwrap()
            ),
        ),
        (
            "resource",
            json!(client.resources().get("tech-002").send().await.unwrap()),
        ),
        (
            "users",
            json!(
                client
                    .users()
                    .list()
                    .limit(2)
                    .all()
                    .try_collect::<Vec<_>>()
                    .await
                    .unwrap()
            ),
        ),
        (
            "work_zones",
            json!(
                client
                    .metadata()
                    .work_zones()
                    .all()
                    .try_collect::<Vec<_>>()
                    .await
                    .unwrap()
            ),
        ),
        (
            "missing",
            json!(
                client
                    .resources()
                    .get("nobody")
                    .send()
                    .await
                    .unwrap_err()
                    .status()
                    .map(|s| s.as_u16())
            ),
        ),
        (
            "invalid",
            json!(
                client
                    .users()
                    .list()
                    .limit(0)
                    .send()
                    .await
                    .unwrap_err()
                    .kind()
                    .as_str()
            ),
        ),
    ]
}

fn blocking_steps(client: &nbi_ofsc::blocking::Client) -> Vec<Step> {
    let search = ActivitySearch::new(["tech-001"]).dates("2025-06-24", "2025-06-26");
    vec![
        (
            "capacity",
            json!(
                client
                    .capacity()
                    .get(&CapacityQuery::new(["2025-06-25"]).areas(["FLUSA"]))
                    .send()
                    .unwrap()
            ),
        ),
        (
            "activity",
            json!(client.activities().get(4225001).send().unwrap()),
        ),
        (
            "search",
            json!(
                client
                    .activities()
                    .search(&search)
                    .limit(4)
                    .all()
                    .collect::<Result<Vec<_>, _>>()
                    .unwrap()
            ),
        ),
        (
            "resource",
            json!(client.resources().get("tech-002").send().unwrap()),
        ),
        (
            "users",
            json!(
                client
                    .users()
                    .list()
                    .limit(2)
                    .all()
                    .collect::<Result<Vec<_>, _>>()
                    .unwrap()
            ),
        ),
        (
            "work_zones",
            json!(
                client
                    .metadata()
                    .work_zones()
                    .all()
                    .collect::<Result<Vec<_>, _>>()
                    .unwrap()
            ),
        ),
        (
            "missing",
            json!(
                client
                    .resources()
                    .get("nobody")
                    .send()
                    .unwrap_err()
                    .status()
                    .map(|s| s.as_u16())
            ),
        ),
        (
            "invalid",
            json!(
                client
                    .users()
                    .list()
                    .limit(0)
                    .send()
                    .unwrap_err()
                    .kind()
                    .as_str()
            ),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn both_modes_answer_the_same() {
    let lab = lab("").await;
    for tenant in ["tenant-1", "tenant-2"] {
        let client = lab.client(tenant);
        let expected = async_steps(&client).await;
        let blocking = client.clone();
        // A plain thread: a blocking client refuses to run inside a runtime's context.
        let got = std::thread::spawn(move || {
            let blocking = blocking.into_blocking(nbi_core::Blocking::new().unwrap());
            blocking_steps(&blocking)
        })
        .join()
        .unwrap();
        assert_eq!(got, expected, "{tenant}");
    }
}
