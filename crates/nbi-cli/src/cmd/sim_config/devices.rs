//! The devices of each simulated service, listed through nbi's own clients for `devices.csv`.

use anyhow::Context as _;
use futures::TryStreamExt;
use nbi_core::{Operation, OperationClass, RequestSpec, Transports};
use nbi_sim::{Credentials, Endpoint, Service};
use serde::Deserialize;

const LIST_DEVICES: Operation = Operation::new("list_devices", OperationClass::LIST);
const PAGE: usize = 500;

/// The fleet device ids of one endpoint.
pub(super) async fn device_ids(
    transports: &Transports,
    endpoint: &Endpoint,
    devices: usize,
) -> anyhow::Result<Vec<String>> {
    let tenant = endpoint.tenant.as_str();
    match endpoint.service {
        // Benchmark mode serves any id; the anchors fetch 0..N-1.
        Service::Nms if matches!(endpoint.credentials, Credentials::None) => {
            Ok((0..devices).map(|i| i.to_string()).collect())
        }
        Service::Nms => nms_ids(transports, tenant).await,
        Service::Netbox => netbox_names(transports, tenant).await,
        Service::Genieacs => genieacs_ids(transports, tenant).await,
        Service::Voltha => voltha_ids(transports, tenant).await,
        Service::Cms => super::super::cms::sim_device_ids(transports, tenant).await,
        _ => Ok(Vec::new()),
    }
}

/// The NMS's devices, page by page.
async fn nms_ids(transports: &Transports, tenant: &str) -> anyhow::Result<Vec<String>> {
    #[derive(Deserialize)]
    struct Page {
        results: Vec<Device>,
    }
    #[derive(Deserialize)]
    struct Device {
        id: String,
    }
    let transport = transports.transport(tenant, "nms")?;
    let mut ids = Vec::new();
    loop {
        let spec = RequestSpec::get(LIST_DEVICES, "/api/v1/devices")
            .query("limit", PAGE)
            .query("offset", ids.len());
        let page: Page = transport
            .json(spec)
            .await
            .context("listing the simulated devices")?;
        let done = page.results.len() < PAGE;
        ids.extend(page.results.into_iter().map(|d| d.id));
        if done {
            return Ok(ids);
        }
    }
}

/// The names of a simulated NetBox's devices.
async fn netbox_names(transports: &Transports, tenant: &str) -> anyhow::Result<Vec<String>> {
    let client = nbi_netbox::Client::from_transports(transports, tenant, "netbox")?;
    let devices: Vec<nbi_netbox::Device> = client
        .dcim()
        .devices()
        .list()
        .limit(1000)
        .all()
        .try_collect()
        .await
        .context("listing the simulated NetBox devices")?;
    Ok(devices.into_iter().filter_map(|d| d.name).collect())
}

/// The id of every device of a simulated VOLTHA.
async fn voltha_ids(transports: &Transports, tenant: &str) -> anyhow::Result<Vec<String>> {
    let voltha = nbi_voltha::Client::from_transports(transports, tenant, "voltha")?;
    let devices = voltha
        .devices()
        .list()
        .await
        .context("listing the simulated VOLTHA devices")?;
    Ok(devices.into_iter().map(|d| d.id.0).collect())
}

/// The `_id` of every CPE of a simulated GenieACS that a fleet device id can name (GenieACS
/// escapes odd characters as `%XX`, which fleet ids do not allow).
async fn genieacs_ids(transports: &Transports, tenant: &str) -> anyhow::Result<Vec<String>> {
    let acs = nbi_genieacs::Client::from_transports(transports, tenant, "genieacs")?;
    let devices: Vec<nbi_genieacs::Device> = acs
        .devices()
        .list()
        .projection(nbi_genieacs::Projection::new(["_id"]))
        .page_size(PAGE as u64)
        .send()
        .try_collect()
        .await
        .context("listing the simulated CPEs")?;
    let mut ids = Vec::new();
    for id in devices.iter().filter_map(nbi_genieacs::Device::id) {
        if nbi_fleet::DeviceRef::new(tenant, "genieacs", id.as_str()).is_ok() {
            ids.push(id.to_string());
        } else {
            tracing::warn!(target: "nbi::sim", tenant = %tenant, id = %id, "left out of devices.csv: not a valid fleet device id");
        }
    }
    Ok(ids)
}
