//! The NMS service: paging, envelopes, volatile lines and content changes.

use nbi_sim::{AuthMode, FaultConfig, Service, SimConfig};
use serde_json::Value;

use crate::support::{config_url, fresh_client, open_sim};

#[tokio::test]
async fn devices_are_listed_in_pages() {
    let sim = nbi_sim::spawn(SimConfig {
        auth: AuthMode::None,
        devices: 12,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let client = fresh_client();
    let url = format!("{}/api/v1/devices?limit=5&offset=5", sim.url(Service::Nms));
    let page: Value = client.get(url).send().await.unwrap().json().await.unwrap();
    assert_eq!(page["count"], 12);
    assert_eq!(page["results"].as_array().unwrap().len(), 5);
    assert_eq!(page["results"][0]["id"], "r0006");
    assert!(
        page["next"]
            .as_str()
            .unwrap()
            .ends_with("/api/v1/devices?limit=5&offset=10")
    );
    assert!(
        page["previous"]
            .as_str()
            .unwrap()
            .ends_with("/api/v1/devices?limit=5&offset=0")
    );
    let last: Value = client
        .get(page["next"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(last["results"].as_array().unwrap().len(), 2);
    assert!(last["next"].is_null());
}

/// The config without its volatile values.
fn stable(envelope: &Value) -> String {
    let data = &envelope["data"];
    let text = match data.get("running_config") {
        Some(text) => text.as_str().unwrap().to_owned(),
        None => {
            let mut config = data["configuration"].clone();
            config.as_object_mut().unwrap().remove("@");
            config.to_string()
        }
    };
    text.lines()
        .filter(|l| {
            !l.starts_with("! Last")
                && !l.starts_with("! NVRAM")
                && !l.starts_with("ntp clock-period")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn configs_are_envelopes_with_volatile_lines_and_change_on_demand() {
    let sim = open_sim(FaultConfig::default()).await;
    let client = fresh_client();
    let mut flavors = std::collections::BTreeSet::new();
    for index in 1..=10 {
        let id = format!("r{index:04}");
        let first = client
            .get(config_url(&sim, &id))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let second = client
            .get(config_url(&sim, &id))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_ne!(first, second, "volatile values change on every fetch");
        assert!((2_000..=40_000).contains(&first.len()));
        let (first, second): (Value, Value) = (
            serde_json::from_str(&first).unwrap(),
            serde_json::from_str(&second).unwrap(),
        );
        assert_eq!(first["api_version"], "v2");
        assert_eq!(stable(&first), stable(&second));
        flavors.insert(
            first["json_metadata"]["flavor"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert!(flavors.len() >= 2, "{flavors:?}");

    let before: Value = client
        .get(config_url(&sim, "r0003"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let change = format!(
        "{}/_sim/devices/tenant-1/r0003/change",
        sim.url(Service::Nms)
    );
    assert_eq!(client.post(change).send().await.unwrap().status(), 200);
    let after: Value = client
        .get(config_url(&sim, "r0003"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_ne!(stable(&before), stable(&after));
    assert_eq!(sim.stats().by_device["tenant-1/r0003"], 4);

    let missing = client.get(config_url(&sim, "r9999")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}
