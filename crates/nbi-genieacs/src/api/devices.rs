//! `client.devices()`: list, get, delete, tag and untag CPEs.

use nbi_core::{Mode, RequestSpec};

use super::unit;
use crate::client::Client;
use crate::endpoint::{ADD_TAG, Collection, DEVICE_TAG, REMOVE_TAG};
use crate::list::List;
use crate::models::{Device, DeviceId};
use crate::query::Query;

/// The devices collection.
#[derive(Clone, Debug)]
pub struct DevicesApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> DevicesApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        DevicesApi { client }
    }

    /// Devices matching a query (every device by default).
    pub fn list(&self) -> List<M, Device> {
        List::new(self.client.clone(), Collection::Devices)
    }

    /// The device with `_id` `id`, or `None` when GenieACS has none.
    pub fn get(&self, id: impl Into<DeviceId>) -> M::Output<Option<Device>> {
        let id = id.into();
        let page = self
            .list()
            .query(Query::eq("_id", id.as_str()))
            .limit(1)
            .page_call();
        self.client
            .run(async move { Ok(page.await?.items.into_iter().next()) })
    }

    /// Deletes the device and its tasks and faults.
    pub fn delete(&self, id: impl Into<DeviceId>) -> M::Output<()> {
        super::delete(
            &self.client,
            Collection::Devices.delete_op(),
            Collection::Devices.item_path(),
            id.into().as_str(),
        )
    }

    /// Adds `tag` to the device's `_tags`.
    pub fn add_tag(&self, id: impl Into<DeviceId>, tag: impl Into<String>) -> M::Output<()> {
        let spec = RequestSpec::post(ADD_TAG, DEVICE_TAG)
            .path_param("id", id.into())
            .path_param("tag", tag.into())
            // `$addToSet`: sending it twice tags once.
            .idempotent(true);
        unit(&self.client, spec)
    }

    /// Removes `tag` from the device's `_tags`.
    pub fn remove_tag(&self, id: impl Into<DeviceId>, tag: impl Into<String>) -> M::Output<()> {
        let spec = RequestSpec::delete(REMOVE_TAG, DEVICE_TAG)
            .path_param("id", id.into())
            .path_param("tag", tag.into());
        unit(&self.client, spec)
    }
}
