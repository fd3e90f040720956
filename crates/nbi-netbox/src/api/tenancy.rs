//! [`TenancyApi`]: tenants.

use nbi_core::Mode;

use super::Endpoint;
use crate::client::Client;
use crate::models::Tenant;

/// The tenancy area (`client.tenancy()`).
#[derive(Debug, Clone)]
pub struct TenancyApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> TenancyApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        TenancyApi { client }
    }

    /// `/api/tenancy/tenants/`.
    pub fn tenants(&self) -> Endpoint<M, Tenant> {
        self.client.endpoint_as("tenancy/tenants")
    }
}
