//! Creates 1,000 ONTs at concurrency 50 against the simulated CMS and reports the time and the
//! logins used. Run it in release mode:
//!
//! ```text
//! cargo run --release -p nbi-cms --example bulk_create
//! ```

use std::time::Instant;

use nbi_cms::{Client, NewOnt, NodeName};
use nbi_core::FixedSecret;
use nbi_sim::{Credentials, Service, SimConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Cms],
        devices: 0,
        ..SimConfig::default()
    })
    .await?;
    let Credentials::Basic { username, password } = &sim.endpoints()[0].credentials else {
        return Err("the simulated CMS hands out a user name and password".into());
    };
    let client = Client::builder()
        .url(sim.url(Service::Cms))
        .credentials(username.clone(), FixedSecret::shared(password.clone()))
        .allow_insecure_http(true)
        // All 50 bulk workers in flight at once (the default bulkhead allows 20).
        .max_concurrency(50)
        .build()?;
    let node: NodeName = "olt-2".parse()?;
    let onts: Vec<NewOnt> = (0..1_000u32)
        .map(|i| NewOnt::new(i % 8 + 1).serial(&format!("{:06X}", 0x10_0000 + i)))
        .collect();
    let started = Instant::now();
    let outcomes = client
        .ont(node)
        .bulk_create(onts)
        .concurrency(50)
        .send()
        .await?;
    let elapsed = started.elapsed();
    let failed = outcomes.iter().filter(|o| o.result.is_err()).count();
    println!(
        "created {} ONTs ({} failed) at concurrency 50 in {:.3} s ({:.0} creates/s); logins used: {}",
        outcomes.len() - failed,
        failed,
        elapsed.as_secs_f64(),
        outcomes.len() as f64 / elapsed.as_secs_f64(),
        client.logins()
    );
    client.close().await?;
    Ok(())
}
