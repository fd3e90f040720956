//! [`VnfApi`]: VNF create, read, update, delete and scale.

use nbi_core::{Mode, RequestSpec};
use serde_json::json;

use super::list::List;
use crate::client::Client;
use crate::endpoint::*;
use crate::models::{OperationStatus, Vnf, VnfRequest, VnfStatus, VnfType};
use crate::validate::{replicas, validated};

/// `/vnf-operator/vnfs`.
#[derive(Debug, Clone)]
pub struct VnfApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> List<M, Vnf> {
    /// Only VNFs of this type.
    pub fn vnf_type(self, vnf_type: VnfType) -> Self {
        self.filter("type", vnf_type)
    }

    /// Only VNFs in this state.
    pub fn status(self, status: VnfStatus) -> Self {
        self.filter("status", status)
    }
}

impl<M: Mode> VnfApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        VnfApi { client }
    }

    /// `GET /vnf-operator/vnfs`.
    pub fn list(&self) -> List<M, Vnf> {
        List::new(self.client.clone(), LIST_VNFS, VNFS, "vnfs")
    }

    /// `GET /vnf-operator/vnfs/{id}`.
    pub fn get(&self, id: &str) -> M::Output<Vnf> {
        self.client
            .json(RequestSpec::get(GET_VNF, VNF).path_param("vnfId", id))
    }

    /// `POST /vnf-operator/vnfs`, after local validation.
    pub fn create(&self, vnf: &VnfRequest) -> M::Output<Vnf> {
        if let Err(e) = validated(vnf) {
            return self.client.fail(e);
        }
        self.client
            .json(RequestSpec::post(CREATE_VNF, VNFS).json(vnf))
    }

    /// `PUT /vnf-operator/vnfs/{id}`, after local validation.
    pub fn update(&self, id: &str, vnf: &VnfRequest) -> M::Output<Vnf> {
        if let Err(e) = validated(vnf) {
            return self.client.fail(e);
        }
        self.client.json(
            RequestSpec::put(UPDATE_VNF, VNF)
                .path_param("vnfId", id)
                .json(vnf),
        )
    }

    /// `DELETE /vnf-operator/vnfs/{id}`.
    pub fn delete(&self, id: &str) -> M::Output<()> {
        self.client
            .empty(RequestSpec::delete(DELETE_VNF, VNF).path_param("vnfId", id))
    }

    /// `POST /vnf-operator/vnfs/{id}/scale` to `replicas` (0–100).
    pub fn scale(&self, id: &str, replicas_wanted: u32) -> M::Output<OperationStatus> {
        if let Err(e) = replicas(replicas_wanted) {
            return self.client.fail(e);
        }
        // Scaling to a count is idempotent: the same request twice leaves the same count.
        self.client.json(
            RequestSpec::post(SCALE_VNF, VNF_SCALE)
                .path_param("vnfId", id)
                .json(&json!({ "replicas": replicas_wanted }))
                .idempotent(true),
        )
    }
}
