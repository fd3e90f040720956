//! [`AdaptersApi`] and [`DeviceTypesApi`].

use nbi_core::Mode;

use crate::client::Client;
use crate::endpoint;
use crate::models::{Adapter, DeviceType};

/// `client.adapters()`: the adapters of the VOLTHA cluster.
#[derive(Debug, Clone)]
pub struct AdaptersApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> AdaptersApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        AdaptersApi { client }
    }

    /// Every adapter (`GET /api/v1/adapters`).
    pub fn list(&self) -> M::Output<Vec<Adapter>> {
        self.client.list(endpoint::LIST_ADAPTERS.spec())
    }
}

/// `client.device_types()`: the device types the adapters handle.
#[derive(Debug, Clone)]
pub struct DeviceTypesApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> DeviceTypesApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        DeviceTypesApi { client }
    }

    /// Every device type (`GET /api/v1/device_types`).
    pub fn list(&self) -> M::Output<Vec<DeviceType>> {
        self.client.list(endpoint::LIST_DEVICE_TYPES.spec())
    }

    /// One device type (`GET /api/v1/device_types/{id}`).
    pub fn get(&self, id: impl AsRef<str>) -> M::Output<DeviceType> {
        self.client.call(endpoint::GET_DEVICE_TYPE.on(id.as_ref()))
    }
}
