//! [`VlanApi`] and [`EthSvcApi`]: VLANs of a node and Ethernet services on ONT ports.

use nbi_core::Mode;

use super::ont::invalidate;
use crate::client::Client;
use crate::endpoint;
use crate::models::node::NodeName;
use crate::models::service::{EthSvc, EthSvcId, NewEthSvc, NewVlan, check_vlan};
use crate::wire::{reply, request};

/// The VLANs of one node: `client.vlan(node)`.
#[derive(Debug, Clone)]
pub struct VlanApi<M: Mode> {
    client: Client<M>,
    node: NodeName,
}

impl<M: Mode> VlanApi<M> {
    pub(crate) fn new(client: Client<M>, node: NodeName) -> Self {
        VlanApi { client, node }
    }

    /// Creates a VLAN.
    pub fn create(&self, vlan: NewVlan) -> M::Output<()> {
        let inner = self.client.inner.clone();
        let node = self.node.clone();
        self.client.mode.run(Box::pin(async move {
            vlan.validate()?;
            let root = inner
                .rpc(
                    endpoint::CREATE_VLAN,
                    &node,
                    request::create_vlan(&vlan),
                    false,
                )
                .await?;
            reply::expect_ok(reply::rpc_reply(&root)?)
        }))
    }

    /// Deletes a VLAN (refused while services use it).
    pub fn delete(&self, id: u16) -> M::Output<()> {
        let inner = self.client.inner.clone();
        let node = self.node.clone();
        self.client.mode.run(Box::pin(async move {
            check_vlan("vlan id", id)?;
            let root = inner
                .rpc(
                    endpoint::DELETE_VLAN,
                    &node,
                    request::delete_vlan(id),
                    false,
                )
                .await?;
            reply::expect_ok(reply::rpc_reply(&root)?)
        }))
    }
}

/// The Ethernet services of one node: `client.eth_svc(node)`.
#[derive(Debug, Clone)]
pub struct EthSvcApi<M: Mode> {
    client: Client<M>,
    node: NodeName,
}

impl<M: Mode> EthSvcApi<M> {
    pub(crate) fn new(client: Client<M>, node: NodeName) -> Self {
        EthSvcApi { client, node }
    }

    /// Creates a service and returns it as the node stored it.
    pub fn create(&self, svc: NewEthSvc) -> M::Output<EthSvc> {
        let inner = self.client.inner.clone();
        let node = self.node.clone();
        self.client.mode.run(Box::pin(async move {
            svc.validate()?;
            let outcome = inner
                .rpc(
                    endpoint::CREATE_ETH_SVC,
                    &node,
                    request::create_eth_svc(&svc),
                    false,
                )
                .await;
            invalidate(&inner, &node, svc.id.ont);
            reply::eth_svc(reply::data_object(reply::rpc_reply(&outcome?)?)?)
        }))
    }

    /// Deletes a service.
    pub fn delete(&self, id: EthSvcId) -> M::Output<()> {
        let inner = self.client.inner.clone();
        let node = self.node.clone();
        self.client.mode.run(Box::pin(async move {
            id.validate()?;
            let outcome = inner
                .rpc(
                    endpoint::DELETE_ETH_SVC,
                    &node,
                    request::delete_eth_svc(&id),
                    false,
                )
                .await;
            invalidate(&inner, &node, id.ont);
            reply::expect_ok(reply::rpc_reply(&outcome?)?)
        }))
    }
}
