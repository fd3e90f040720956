//! [`StatusApi`]: `GET /api/status/`.

use nbi_core::{Mode, RequestSpec};

use crate::client::Client;
use crate::endpoint::{GET_STATUS, STATUS_PATH};
use crate::models::SystemStatus;

/// The server's own status (`client.status()`).
#[derive(Debug, Clone)]
pub struct StatusApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> StatusApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        StatusApi { client }
    }

    /// The NetBox, Django and Python releases, plugins and workers.
    pub fn get(&self) -> M::Output<SystemStatus> {
        self.client.json(RequestSpec::get(GET_STATUS, STATUS_PATH))
    }
}
