//! [`DcimApi`]: devices, interfaces, sites and rendered device configurations.

use nbi_core::{Mode, RequestSpec, Response};
use serde::Serialize;

use super::Endpoint;
use crate::client::Client;
use crate::endpoint::{RENDER_CONFIG, RENDER_CONFIG_PATH};
use crate::models::{Device, Id, Interface, RenderedConfig, Site};

/// The DCIM area (`client.dcim()`).
#[derive(Debug, Clone)]
pub struct DcimApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> DcimApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        DcimApi { client }
    }

    /// `/api/dcim/devices/`.
    pub fn devices(&self) -> Endpoint<M, Device> {
        self.client.endpoint_as("dcim/devices")
    }

    /// `/api/dcim/interfaces/`.
    pub fn interfaces(&self) -> Endpoint<M, Interface> {
        self.client.endpoint_as("dcim/interfaces")
    }

    /// `/api/dcim/sites/`.
    pub fn sites(&self) -> Endpoint<M, Site> {
        self.client.endpoint_as("dcim/sites")
    }

    /// Renders device `id`'s config template (`POST …/render-config/`). A device without a
    /// template is a 400; a template that fails to render a 500 whose
    /// [`server_error`](crate::NetboxErrorExt::server_error) names the exception.
    pub fn render_config(&self, id: impl Into<Id>) -> M::Output<RenderedConfig> {
        self.client.json(render_spec(id.into()))
    }

    /// Renders device `id`'s config template and hands back the raw response (status,
    /// headers, body, [`attempts`](nbi_core::Response::attempts)); decode it with
    /// `response.json::<RenderedConfig>()`.
    pub fn render_config_raw(&self, id: impl Into<Id>) -> M::Output<Response> {
        let transport = self.client.transport().clone();
        let spec = render_spec(id.into());
        self.client.run(Box::pin(async move {
            transport.send(spec).await.map_err(crate::error::remap)
        }))
    }

    /// Renders device `id`'s config template with extra context data.
    pub fn render_config_with(
        &self,
        id: impl Into<Id>,
        context: &impl Serialize,
    ) -> M::Output<RenderedConfig> {
        self.client.json(render_spec(id.into()).json(context))
    }
}

fn render_spec(id: Id) -> RequestSpec {
    // Rendering changes nothing on the server: safe to replay.
    RequestSpec::post(RENDER_CONFIG, RENDER_CONFIG_PATH)
        .path_param("id", id)
        .idempotent(true)
}
