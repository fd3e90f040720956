//! [`RestApi`]: the CMS REST NBI — devices, regions, top links and profiles.

use nbi_core::{Error, Mode, RequestSpec, Result, Transport};
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::endpoint;
use crate::models::rest::{DataList, Profile, Region, RestDevice, TopLink};

/// The REST NBI: `client.rest()`.
#[derive(Debug, Clone)]
pub struct RestApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> RestApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        RestApi { client }
    }

    /// Lists devices; filter with [`ListDevices::device_type`] and [`ListDevices::limit`].
    pub fn devices(&self) -> ListDevices<M> {
        ListDevices {
            client: self.client.clone(),
            device_type: None,
            limit: None,
        }
    }

    /// Every region.
    pub fn regions(&self) -> M::Output<Vec<Region>> {
        self.fetch(RequestSpec::get(
            endpoint::LIST_REGIONS,
            endpoint::REGIONS_PATH,
        ))
    }

    /// Every topology link.
    pub fn toplinks(&self) -> M::Output<Vec<TopLink>> {
        self.fetch(RequestSpec::get(
            endpoint::LIST_TOPLINKS,
            endpoint::TOPLINKS_PATH,
        ))
    }

    /// The profiles of one type (`OntProf`, `BwProf`, …).
    pub fn profiles(&self, profile_type: &str) -> M::Output<Vec<Profile>> {
        self.fetch(
            RequestSpec::get(endpoint::LIST_PROFILES, endpoint::PROFILES_PATH)
                .query("profileType", profile_type),
        )
    }

    fn fetch<T: DeserializeOwned + Send + 'static>(&self, spec: RequestSpec) -> M::Output<Vec<T>> {
        let rest = self.client.inner.rest.clone();
        self.client
            .mode
            .run(Box::pin(async move { list(rest, spec).await }))
    }
}

async fn list<T: DeserializeOwned>(rest: Option<Transport>, spec: RequestSpec) -> Result<Vec<T>> {
    let rest = rest
        .ok_or_else(|| Error::config("rest_url", "is not set, so the REST NBI cannot be used"))?;
    let page: DataList<T> = rest.json(spec).await?;
    Ok(page.data)
}

/// `GET /restnbi/devices`, with optional filters.
#[derive(Debug)]
#[must_use]
pub struct ListDevices<M: Mode> {
    client: Client<M>,
    device_type: Option<String>,
    limit: Option<u32>,
}

impl<M: Mode> ListDevices<M> {
    /// Only devices of this type (`e7`).
    pub fn device_type(mut self, kind: impl Into<String>) -> Self {
        self.device_type = Some(kind.into());
        self
    }

    /// At most this many devices.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }

    /// Sends the request.
    pub fn send(self) -> M::Output<Vec<RestDevice>> {
        let spec = RequestSpec::get(endpoint::LIST_DEVICES, endpoint::DEVICES_PATH)
            .query_opt("deviceType", self.device_type)
            .query_opt("limit", self.limit);
        let rest = self.client.inner.rest.clone();
        self.client
            .mode
            .run(Box::pin(async move { list(rest, spec).await }))
    }
}
