//! Finds the CPEs tagged `lab` in the simulated GenieACS and asks each to refresh its
//! `DeviceInfo` object now, through a connection request; then shows what a task for an unknown
//! device reads like.
//!
//! ```text
//! cargo run -p nbi-genieacs --example refresh_lab
//! ```

use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt;
use nbi_core::auth::BasicAuth;
use nbi_core::{FixedSecret, Transport};
use nbi_genieacs::{Client, Device, GenieacsErrorExt, Query, Sort, Task, TaskOutcome};
use nbi_sim::{Credentials, Service, SimConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Genieacs],
        devices: 8,
        ..SimConfig::default()
    })
    .await?;
    let endpoint = &sim.endpoints()[0];
    let Credentials::Basic { username, password } = &endpoint.credentials else {
        return Err("the simulated GenieACS hands out basic credentials".into());
    };
    // From an nbi.toml, `Client::from_transports(&transports, "tenant-1", "genieacs")` does the
    // same, classifier included.
    let transport = Transport::builder("genieacs", &endpoint.tenant)
        .base_url(&endpoint.url)
        .allow_insecure_http(true)
        .auth(Arc::new(BasicAuth::new(
            username.clone(),
            FixedSecret::shared(password.as_str()),
        )))
        .classifier(nbi_genieacs::classifier())
        .build()?;
    let acs = Client::builder().transport(transport).build()?;

    let lab: Vec<Device> = acs
        .devices()
        .list()
        .query(Query::eq("_tags", "lab"))
        .sort(Sort::desc("_lastInform"))
        .send()
        .try_collect()
        .await?;
    println!("{} CPEs tagged lab", lab.len());
    for device in &lab {
        let Some(id) = device.id() else { continue };
        // TR-098 trees start at InternetGatewayDevice., TR-181 trees at Device.
        let root = if device
            .value("InternetGatewayDevice.DeviceInfo.SoftwareVersion")
            .is_some()
        {
            "InternetGatewayDevice"
        } else {
            "Device"
        };
        let task = Task::refresh_object(format!("{root}.DeviceInfo."));
        let outcome = acs
            .tasks()
            .create(&id, task)
            .connection_request(true)
            .timeout(Duration::from_secs(3))
            .send()
            .await?;
        let what = match &outcome {
            TaskOutcome::Executed { .. } => "refreshed".to_string(),
            TaskOutcome::Queued { .. } => "queued for the next inform".to_string(),
            TaskOutcome::Faulted { fault, .. } => format!("faulted: {fault:?}"),
            TaskOutcome::ConnectionRequestFailed { reason } => {
                format!("offline, task stays queued ({reason})")
            }
            other => format!("{other:?}"),
        };
        println!("  {id}: {what}");
    }

    match acs
        .tasks()
        .create("000000-Nothing-000000", Task::reboot())
        .send()
        .await
    {
        Ok(outcome) => println!("unexpected: {outcome:?}"),
        Err(e) => println!(
            "reboot of an unknown CPE: {} (server says {:?})",
            e,
            e.server_message().unwrap_or("")
        ),
    }
    Ok(())
}
