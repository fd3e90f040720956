//! Lists the OLTs of the simulated VOLTHA with their ports and ONUs, then takes one ONU out of
//! service and back, showing what VOLTHA answers when an action does not fit the device's state.
//!
//! ```text
//! cargo run -p nbi-voltha --example olt_ports
//! ```

use std::sync::Arc;

use nbi_core::auth::BearerAuth;
use nbi_core::{FixedSecret, Transport};
use nbi_sim::{Credentials, Service, SimConfig};
use nbi_voltha::{Client, GrpcErrorExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Voltha],
        devices: 2,
        ..SimConfig::default()
    })
    .await?;
    let endpoint = &sim.endpoints()[0];
    let Credentials::Bearer { token } = &endpoint.credentials else {
        return Err("the simulated VOLTHA hands out a bearer token".into());
    };
    // From an nbi.toml, `Client::from_transports(&transports, "tenant-1", "voltha")` does the
    // same, `grpc-status` classifier included.
    let transport = Transport::builder("voltha", &endpoint.tenant)
        .base_url(&endpoint.url)
        .allow_insecure_http(true)
        .auth(Arc::new(BearerAuth::new(FixedSecret::shared(
            token.as_str(),
        ))))
        .build()?;
    let voltha = Client::builder().transport(transport).build()?;

    println!("VOLTHA is {}", voltha.health().await?.state);
    let devices = voltha.devices().list().await?;
    for olt in devices.iter().filter(|d| d.root) {
        println!(
            "OLT {} ({}, {} {}), {}",
            olt.id, olt.device_type, olt.admin_state, olt.oper_status, olt.serial_number
        );
        for port in voltha.devices().ports(olt.id.as_str()).await? {
            println!(
                "  port {:>10} {:<10} {:?} {}",
                port.port_no, port.label, port.port_type, port.oper_status
            );
        }
        for onu in devices.iter().filter(|d| d.parent_id == olt.id.as_str()) {
            println!(
                "  ONU {} serial {} on PON port {}: {}",
                onu.id, onu.serial_number, onu.parent_port_no, onu.oper_status
            );
        }
    }

    let onu = devices
        .iter()
        .find(|d| d.is_onu())
        .ok_or("no ONU in VOLTHA")?;
    voltha.onu().disable(onu.id.as_str()).await?;
    let after = voltha.devices().get(onu.id.as_str()).await?;
    println!("disabled ONU {}: now {}", onu.id, after.admin_state);

    // Disabling it twice does not fit its state: VOLTHA says FAILED_PRECONDITION.
    if let Err(e) = voltha.onu().disable(onu.id.as_str()).await {
        println!(
            "disabling it again: {e} (gRPC {:?}: {})",
            e.grpc_code(),
            e.grpc_message().unwrap_or("")
        );
    }

    voltha.onu().enable(onu.id.as_str()).await?;
    let after = voltha.devices().get(onu.id.as_str()).await?;
    println!("enabled ONU {}: now {}", onu.id, after.admin_state);
    Ok(())
}
