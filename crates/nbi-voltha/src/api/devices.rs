//! [`DevicesApi`]: OLTs and ONUs, their state, ports, flows, PM configs and image downloads.

use nbi_core::{Error, Mode};

use crate::client::{Client, fetch_counted};
use crate::endpoint;
use crate::models::{
    Device, DeviceSnapshot, Flow, ImageDownload, Items, NewDevice, PmConfigs, Port,
};

/// `client.devices()`.
#[derive(Debug, Clone)]
pub struct DevicesApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> DevicesApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        DevicesApi { client }
    }

    /// Every device, OLTs and ONUs (`GET /api/v1/devices`; VOLTHA does not page).
    pub fn list(&self) -> M::Output<Vec<Device>> {
        self.client.list(endpoint::LIST_DEVICES.spec())
    }

    /// One device (`GET /api/v1/devices/{id}`).
    pub fn get(&self, id: impl AsRef<str>) -> M::Output<Device> {
        self.client.call(endpoint::GET_DEVICE.on(id.as_ref()))
    }

    /// Pre-provisions a device (`POST /api/v1/devices`): VOLTHA answers it with its new id,
    /// PREPROVISIONED. A device without a type or an address is refused before sending.
    pub fn preprovision(&self, device: &NewDevice) -> M::Output<Device> {
        if let Err(e) = device.validate() {
            return self.client.fail(e);
        }
        self.client
            .call(endpoint::PREPROVISION_DEVICE.spec().json(device))
    }

    /// Enables a PREPROVISIONED or DISABLED device (`POST …/enable`); FAILED_PRECONDITION
    /// otherwise.
    pub fn enable(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.client.act(endpoint::ENABLE_DEVICE.on(id.as_ref()))
    }

    /// Disables an ENABLED device (`POST …/disable`).
    pub fn disable(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.client.act(endpoint::DISABLE_DEVICE.on(id.as_ref()))
    }

    /// Reboots an ENABLED device (`POST …/reboot`).
    pub fn reboot(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.client.act(endpoint::REBOOT_DEVICE.on(id.as_ref()))
    }

    /// Deletes a device (`DELETE …/delete`, or `…/force_delete` with
    /// [`DeleteDevice::force`]); then `.send()`.
    pub fn delete(&self, id: impl Into<String>) -> DeleteDevice<M> {
        DeleteDevice {
            client: self.client.clone(),
            id: id.into(),
            force: false,
        }
    }

    /// The device, its ports and its flows, read one after the other — what a configuration
    /// backup keeps of a device.
    pub fn snapshot(&self, id: impl AsRef<str>) -> M::Output<DeviceSnapshot> {
        let transport = self.client.transport().clone();
        let id = id.as_ref().to_owned();
        self.client.run(Box::pin(async move {
            let (device, a) = fetch_counted(&transport, endpoint::GET_DEVICE.on(&id)).await?;
            let (ports, b): (Items<Port>, u32) =
                fetch_counted(&transport, endpoint::LIST_DEVICE_PORTS.on(&id)).await?;
            let (flows, c): (Items<Flow>, u32) =
                fetch_counted(&transport, endpoint::LIST_DEVICE_FLOWS.on(&id)).await?;
            Ok(DeviceSnapshot {
                device,
                ports: ports.items,
                flows: flows.items,
                requests: 3,
                attempts: a + b + c,
            })
        }))
    }

    /// The device's ports (`GET …/ports`).
    pub fn ports(&self, id: impl AsRef<str>) -> M::Output<Vec<Port>> {
        self.client
            .list(endpoint::LIST_DEVICE_PORTS.on(id.as_ref()))
    }

    /// The device's flows (`GET …/flows`).
    pub fn flows(&self, id: impl AsRef<str>) -> M::Output<Vec<Flow>> {
        self.client
            .list(endpoint::LIST_DEVICE_FLOWS.on(id.as_ref()))
    }

    /// The device's PM configuration (`GET …/pm_configs`).
    pub fn pm_configs(&self, id: impl AsRef<str>) -> M::Output<PmConfigs> {
        self.client.call(endpoint::GET_PM_CONFIGS.on(id.as_ref()))
    }

    /// Replaces the device's PM configuration (`POST …/pm_configs`).
    pub fn update_pm_configs(&self, id: impl AsRef<str>, configs: &PmConfigs) -> M::Output<()> {
        let id = id.as_ref();
        if !configs.id.is_empty() && configs.id != id {
            return self.client.fail(Error::validation(format!(
                "PM configs of device {} cannot be sent for device {id}",
                configs.id
            )));
        }
        self.client
            .act(endpoint::UPDATE_PM_CONFIGS.on(id).json(configs))
    }

    /// The device's image download records (`GET …/image_downloads`).
    pub fn image_downloads(&self, id: impl AsRef<str>) -> M::Output<Vec<ImageDownload>> {
        self.client
            .list(endpoint::LIST_IMAGE_DOWNLOADS.on(id.as_ref()))
    }
}

/// A device deletion; `.force(true)` deletes whatever the device's state.
#[derive(Debug, Clone)]
#[must_use]
pub struct DeleteDevice<M: Mode> {
    client: Client<M>,
    id: String,
    force: bool,
}

impl<M: Mode> DeleteDevice<M> {
    /// Deletes even an ENABLED device (`ForceDeleteDevice`).
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// Sends it. A plain delete of an ENABLED device is FAILED_PRECONDITION.
    pub fn send(self) -> M::Output<()> {
        let endpoint = if self.force {
            &endpoint::FORCE_DELETE_DEVICE
        } else {
            &endpoint::DELETE_DEVICE
        };
        self.client.act(endpoint.on(&self.id))
    }
}
