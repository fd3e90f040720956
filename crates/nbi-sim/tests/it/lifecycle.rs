//! HTTPS, concurrency accounting and shutdown.

use nbi_sim::{FaultConfig, Service, SimConfig, Stats};

use crate::support::{config_url, fetch_many, open_sim};

#[tokio::test]
async fn https_works_with_the_generated_ca() {
    let sim = nbi_sim::spawn(SimConfig {
        https: true,
        bench: true,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    assert!(sim.url(Service::Nms).starts_with("https://127.0.0.1:"));
    let ca = reqwest::Certificate::from_pem(sim.ca_pem().unwrap().as_bytes()).unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(ca)
        .build()
        .unwrap();
    let response = client.get(config_url(&sim, "7")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let stats: Stats = client
        .get(format!("{}/_sim/stats", sim.url(Service::Nms)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats.requests, 1);
}

#[tokio::test]
async fn max_in_flight_counts_concurrent_requests() {
    let sim = open_sim(FaultConfig {
        latency_ms: 20,
        ..FaultConfig::default()
    })
    .await;
    let client = reqwest::Client::new();
    let statuses = fetch_many(&client, &config_url(&sim, "r0001"), 50).await;
    assert!(statuses.iter().all(|s| *s == Some(200)));
    let stats = sim.stats();
    assert!(
        (40..=50).contains(&stats.max_in_flight),
        "{}",
        stats.max_in_flight
    );
    assert_eq!(stats.in_flight, 0);
    assert_eq!(stats.requests, 50);
}

#[tokio::test]
async fn dropping_the_handle_stops_the_servers() {
    let sim = open_sim(FaultConfig::default()).await;
    let address = sim
        .url(Service::Nms)
        .trim_start_matches("http://")
        .to_owned();
    assert!(tokio::net::TcpStream::connect(&address).await.is_ok());
    drop(sim);
    let mut refused = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(&address).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(refused);
}

#[tokio::test]
async fn shutdown_cancels_stalled_requests() {
    let sim = open_sim(FaultConfig {
        stall_rate: 1.0,
        ..FaultConfig::default()
    })
    .await;
    let url = config_url(&sim, "r0001");
    let request = tokio::spawn(async move { reqwest::get(url).await.map(|r| r.status()) });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    tokio::time::timeout(std::time::Duration::from_secs(2), sim.shutdown())
        .await
        .unwrap();
    assert!(request.await.unwrap().is_err());
}

#[test]
fn service_names_parse() {
    assert_eq!("nms".parse::<Service>().unwrap(), Service::Nms);
    assert_eq!(Service::Nms.to_string(), "nms");
    assert_eq!("cms".parse::<Service>().unwrap(), Service::Cms);
    assert!("no-such-api".parse::<Service>().is_err());
    let endpoint_json = serde_json::to_value(Service::Nms).unwrap();
    assert_eq!(endpoint_json, "nms");
}
