//! [`LogicalDevicesApi`]: the OpenFlow view of each OLT and its ONUs.

use nbi_core::Mode;

use crate::client::Client;
use crate::endpoint;
use crate::models::{Flow, LogicalDevice, LogicalPort, Meter};

/// `client.logical_devices()`.
#[derive(Debug, Clone)]
pub struct LogicalDevicesApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> LogicalDevicesApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        LogicalDevicesApi { client }
    }

    /// Every logical device (`GET /api/v1/logical_devices`).
    pub fn list(&self) -> M::Output<Vec<LogicalDevice>> {
        self.client.list(endpoint::LIST_LOGICAL_DEVICES.spec())
    }

    /// One logical device (`GET /api/v1/logical_devices/{id}`).
    pub fn get(&self, id: impl AsRef<str>) -> M::Output<LogicalDevice> {
        self.client
            .call(endpoint::GET_LOGICAL_DEVICE.on(id.as_ref()))
    }

    /// Its ports: the OLT's NNI and the ONUs' UNIs (`GET …/ports`).
    pub fn ports(&self, id: impl AsRef<str>) -> M::Output<Vec<LogicalPort>> {
        self.client
            .list(endpoint::LIST_LOGICAL_DEVICE_PORTS.on(id.as_ref()))
    }

    /// Its flows (`GET …/flows`).
    pub fn flows(&self, id: impl AsRef<str>) -> M::Output<Vec<Flow>> {
        self.client
            .list(endpoint::LIST_LOGICAL_DEVICE_FLOWS.on(id.as_ref()))
    }

    /// Its meters (`GET …/meters`).
    pub fn meters(&self, id: impl AsRef<str>) -> M::Output<Vec<Meter>> {
        self.client
            .list(endpoint::LIST_LOGICAL_DEVICE_METERS.on(id.as_ref()))
    }
}
