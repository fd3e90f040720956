//! [`IpamApi`]: prefixes, IP addresses and ranges, VLANs and their groups, and the pools of
//! free addresses, prefixes and VLAN ids.

use nbi_core::Mode;
use serde_json::Value;

use super::{Available, Endpoint};
use crate::client::Client;
use crate::endpoint::{
    AVAILABLE_PREFIXES, AVAILABLE_VLANS, PREFIX_AVAILABLE_IPS, RANGE_AVAILABLE_IPS,
};
use crate::models::{AvailableIp, AvailablePrefix, AvailableVlan, Id, IpAddress, Prefix, Vlan};

/// The IPAM area (`client.ipam()`).
#[derive(Debug, Clone)]
pub struct IpamApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> IpamApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        IpamApi { client }
    }

    /// `/api/ipam/prefixes/`.
    pub fn prefixes(&self) -> Endpoint<M, Prefix> {
        self.client.endpoint_as("ipam/prefixes")
    }

    /// `/api/ipam/ip-addresses/`.
    pub fn ip_addresses(&self) -> Endpoint<M, IpAddress> {
        self.client.endpoint_as("ipam/ip-addresses")
    }

    /// `/api/ipam/ip-ranges/`.
    pub fn ip_ranges(&self) -> Endpoint<M, Value> {
        self.client.endpoint("ipam/ip-ranges")
    }

    /// `/api/ipam/vlans/`.
    pub fn vlans(&self) -> Endpoint<M, Vlan> {
        self.client.endpoint_as("ipam/vlans")
    }

    /// `/api/ipam/vlan-groups/`.
    pub fn vlan_groups(&self) -> Endpoint<M, Value> {
        self.client.endpoint("ipam/vlan-groups")
    }

    /// The free addresses of prefix `prefix`.
    pub fn available_ips(&self, prefix: impl Into<Id>) -> Available<M, AvailableIp, IpAddress> {
        Available::new(self.client.clone(), PREFIX_AVAILABLE_IPS, prefix.into())
    }

    /// The free addresses of IP range `range`.
    pub fn range_available_ips(
        &self,
        range: impl Into<Id>,
    ) -> Available<M, AvailableIp, IpAddress> {
        Available::new(self.client.clone(), RANGE_AVAILABLE_IPS, range.into())
    }

    /// The free blocks of prefix `prefix` (allocate with `{"prefix_length": N}`).
    pub fn available_prefixes(
        &self,
        prefix: impl Into<Id>,
    ) -> Available<M, AvailablePrefix, Prefix> {
        Available::new(self.client.clone(), AVAILABLE_PREFIXES, prefix.into())
    }

    /// The free VLAN ids of VLAN group `group` (allocate with `{"name": …}`).
    pub fn available_vlans(&self, group: impl Into<Id>) -> Available<M, AvailableVlan, Vlan> {
        Available::new(self.client.clone(), AVAILABLE_VLANS, group.into())
    }
}
