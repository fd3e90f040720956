//! [`O2Api`]: O2 DMS deployment managers, NF descriptors and NF deployments.

use nbi_core::{Mode, RequestSpec};

use super::list::List;
use crate::client::Client;
use crate::endpoint::*;
use crate::models::{DeploymentManager, DeploymentRequest, NfDeployment, NfDescriptor};
use crate::validate::validated;

/// `/o2-client/deployment-managers`.
#[derive(Debug, Clone)]
pub struct O2Api<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> O2Api<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        O2Api { client }
    }

    /// `GET /o2-client/deployment-managers`.
    pub fn deployment_managers(&self) -> List<M, DeploymentManager> {
        List::new(
            self.client.clone(),
            LIST_MANAGERS,
            MANAGERS,
            "deployment_managers",
        )
    }

    /// `GET …/{dm}/nf-descriptors`.
    pub fn nf_descriptors(&self, dm_id: &str) -> List<M, NfDescriptor> {
        List::new(
            self.client.clone(),
            LIST_DESCRIPTORS,
            DESCRIPTORS,
            "descriptors",
        )
        .path_param("dmId", dm_id)
    }

    /// `GET …/{dm}/deployments`.
    pub fn deployments(&self, dm_id: &str) -> List<M, NfDeployment> {
        List::new(
            self.client.clone(),
            LIST_NF_DEPLOYMENTS,
            NF_DEPLOYMENTS,
            "deployments",
        )
        .path_param("dmId", dm_id)
    }

    /// `POST …/{dm}/deployments`, after local validation.
    pub fn create_deployment(
        &self,
        dm_id: &str,
        request: &DeploymentRequest,
    ) -> M::Output<NfDeployment> {
        if let Err(e) = validated(request) {
            return self.client.fail(e);
        }
        self.client.json(
            RequestSpec::post(CREATE_NF_DEPLOYMENT, NF_DEPLOYMENTS)
                .path_param("dmId", dm_id)
                .json(request),
        )
    }

    /// `GET …/{dm}/deployments/{id}`.
    pub fn deployment(&self, dm_id: &str, id: &str) -> M::Output<NfDeployment> {
        self.client.json(
            RequestSpec::get(GET_NF_DEPLOYMENT, NF_DEPLOYMENT)
                .path_param("dmId", dm_id)
                .path_param("deploymentId", id),
        )
    }

    /// `DELETE …/{dm}/deployments/{id}`.
    pub fn delete_deployment(&self, dm_id: &str, id: &str) -> M::Output<()> {
        self.client.empty(
            RequestSpec::delete(DELETE_NF_DEPLOYMENT, NF_DEPLOYMENT)
                .path_param("dmId", dm_id)
                .path_param("deploymentId", id),
        )
    }
}
