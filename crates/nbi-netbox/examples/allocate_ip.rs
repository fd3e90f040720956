//! Adds an uplink interface to a router and gives it the next free address of a prefix,
//! against the simulated NetBox. Then asks the nearly full prefix for more addresses than it
//! has, to show how a pool running dry reads.
//!
//! ```text
//! cargo run -p nbi-netbox --example allocate_ip
//! ```

use std::sync::Arc;

use futures::TryStreamExt;
use nbi_core::auth::TokenAuth;
use nbi_core::{FixedSecret, Transport};
use nbi_netbox::{Client, Device, Interface, IpAddress, NetboxErrorExt, Prefix};
use nbi_sim::{Credentials, Service, SimConfig};
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Netbox],
        devices: 4,
        ..SimConfig::default()
    })
    .await?;
    let endpoint = &sim.endpoints()[0];
    let Credentials::Token { token } = &endpoint.credentials else {
        return Err("the simulated NetBox hands out an API token".into());
    };
    // From an nbi.toml, `Client::from_transports(&transports, "tenant-1", "netbox")` does the same.
    let transport = Transport::builder("netbox", &endpoint.tenant)
        .base_url(&endpoint.url)
        .allow_insecure_http(true)
        .auth(Arc::new(TokenAuth::new(FixedSecret::shared(
            token.as_str(),
        ))))
        .build()?;
    let netbox = Client::builder().transport(transport).build()?;

    let routers: Vec<Device> = netbox
        .dcim()
        .devices()
        .list()
        .filter("role", "router")
        .all()
        .try_collect()
        .await?;
    let router = routers.first().ok_or("no router in NetBox")?;
    let router_name = router.name.as_deref().unwrap_or("?");

    // The /29 point-to-point pool: the smallest prefix NetBox holds.
    let prefixes: Vec<Prefix> = netbox.ipam().prefixes().list().all().try_collect().await?;
    let pool = prefixes
        .iter()
        .find(|p| p.prefix.ends_with("/29"))
        .ok_or("no /29 prefix in NetBox")?;
    let free_before = netbox.ipam().available_ips(pool.id).list().await?;

    let interface: Interface = netbox
        .dcim()
        .interfaces()
        .create(&json!({
            "device": router.id,
            "name": "xe-0/0/9",
            "type": "10gbase-x-sfpp",
            "description": "uplink to pop-2",
        }))
        .await?;
    let address: IpAddress = netbox
        .ipam()
        .available_ips(pool.id)
        .allocate(&json!({
            "assigned_object_type": "dcim.interface",
            "assigned_object_id": interface.id,
            "description": format!("{router_name} {}", interface.name),
        }))
        .await?;
    println!(
        "{router_name}: created interface {} (id {}) with address {} from {} ({} free before, {} now)",
        interface.name,
        interface.id,
        address.address,
        pool.prefix,
        free_before.len(),
        free_before.len() - 1,
    );

    // Ten more addresses than the pool holds: NetBox answers 409 and nothing is allocated.
    let too_many = vec![json!({ "description": "bulk" }); 10];
    match netbox
        .ipam()
        .available_ips(pool.id)
        .allocate_many(&too_many)
        .await
    {
        Ok(taken) => println!("unexpectedly allocated {} addresses", taken.len()),
        Err(e) if e.is_pool_exhausted() => {
            println!("asking {} for 10 more: pool exhausted ({e})", pool.prefix)
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
