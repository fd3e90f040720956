//! What each simulated E7 node holds: ONTs, VLANs and Ethernet services, per tenant.

use std::collections::BTreeMap;

use crate::fault::mix;

/// The nodes every tenant has.
pub(crate) const NODES: [&str; 2] = ["NTWK-olt-1", "NTWK-olt-2"];

/// Highest ONT id.
pub(crate) const MAX_ONT_ID: u32 = 64_000_000;

/// Plain ONT leaves in the order replies list them.
pub(crate) const ONT_LEAVES: [&str; 9] = [
    "admin",
    "serno",
    "reg-id",
    "subscr-id",
    "descr",
    "battery-present",
    "us-sdber-rate",
    "low-rx-opt-pwr-ne-thresh",
    "high-rx-opt-pwr-ne-thresh",
];

/// ONT profiles (id, name) every node has.
pub(crate) const ONT_PROFILES: [(u32, &str); 8] = [
    (1, "GP1100X"),
    (2, "GP4200XH"),
    (3, "GH3200X"),
    (4, "GS4220E"),
    (5, "700GE"),
    (6, "716GE-I"),
    (7, "801Gv2"),
    (8, "844G-1"),
];

/// PWE3 profiles (id, name).
pub(crate) const PWE3_PROFILES: [(u32, &str); 2] = [(1, "default"), (2, "t1-ces")];

/// Bandwidth profiles (id, name).
pub(crate) const BW_PROFILES: [(u32, &str); 3] = [(1, "100M"), (2, "500M"), (3, "1G")];

/// Tag actions (id, name).
pub(crate) const TAG_ACTIONS: [(u32, &str); 2] = [(1, "add-s-tag"), (2, "add-c-and-s-tag")];

/// One ONT.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ont {
    pub(crate) leaves: BTreeMap<&'static str, String>,
    pub(crate) pwe3prof: u32,
    pub(crate) ontprof: u32,
}

/// An Ethernet service's key: ONT, slot, port, service number.
pub(crate) type EthSvcKey = (u32, u32, u32, u32);

/// One Ethernet service on an ONT port.
#[derive(Debug, Clone, Default)]
pub(crate) struct EthSvc {
    pub(crate) admin: String,
    pub(crate) descr: String,
    pub(crate) tag_action: u32,
    pub(crate) bw_prof: u32,
    pub(crate) out_tag: u32,
    pub(crate) in_tag: Option<u32>,
}

/// One node of one tenant.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub(crate) onts: BTreeMap<u32, Ont>,
    pub(crate) vlans: BTreeMap<u32, String>,
    pub(crate) eth_svcs: BTreeMap<EthSvcKey, EthSvc>,
}

impl Node {
    /// The first free ONT id.
    pub(crate) fn free_ont_id(&self) -> Option<u32> {
        let mut expected = 1;
        for id in self.onts.keys() {
            if *id != expected {
                break;
            }
            expected += 1;
        }
        (expected <= MAX_ONT_ID).then_some(expected)
    }

    /// The ONT (other than `except`) using serial `serno`.
    pub(crate) fn serial_owner(&self, serno: &str, except: u32) -> Option<u32> {
        if serno == "0" {
            return None;
        }
        self.onts
            .iter()
            .find(|(id, o)| {
                **id != except
                    && o.leaves
                        .get("serno")
                        .is_some_and(|s| s.eq_ignore_ascii_case(serno))
            })
            .map(|(id, _)| *id)
    }
}

/// The nodes of one tenant, seeded: `devices` ONTs on the first node, VLAN 100 on both.
pub(crate) fn seeded(seed: u64, tenant: usize, devices: usize) -> Vec<Node> {
    NODES
        .iter()
        .enumerate()
        .map(|(n, _)| {
            let mut node = Node::default();
            node.vlans.insert(100, "data".to_owned());
            if n == 0 {
                for index in 0..devices {
                    let id = index as u32 + 1;
                    node.onts.insert(id, seeded_ont(seed, tenant, id));
                }
            }
            node
        })
        .collect()
}

fn seeded_ont(seed: u64, tenant: usize, id: u32) -> Ont {
    let mut rng =
        fastrand::Rng::with_seed(mix(seed ^ 0xC0_5E7, (tenant as u64) << 32 | u64::from(id)));
    let serno = format!("{:06X}", rng.u32(0x10_0000..0xFF_FFFF));
    let mut leaves = BTreeMap::new();
    leaves.insert("admin", "enabled".to_owned());
    leaves.insert("serno", serno);
    leaves.insert("reg-id", String::new());
    leaves.insert("subscr-id", format!("SUB{:06}", id));
    leaves.insert(
        "descr",
        format!("Subscriber {} of tenant-{}", id, tenant + 1),
    );
    leaves.insert("battery-present", id.is_multiple_of(3).to_string());
    Ont {
        leaves,
        pwe3prof: 1,
        ontprof: id % 8 + 1,
    }
}

/// A profile's name by id.
pub(crate) fn profile_name(table: &[(u32, &'static str)], id: u32) -> Option<&'static str> {
    table.iter().find(|(i, _)| *i == id).map(|(_, n)| *n)
}
