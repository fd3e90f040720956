//! One tenant's objects, seeded deterministically from the simulator's seed.

use serde_json::{Value, json};
use tokio::time::Instant;

use super::time;
use crate::fault::mix;

/// An orchestrator deployment: it runs for `duration` from `started`, then completes or fails.
#[derive(Debug, Clone)]
pub(super) struct Deployment {
    pub(super) id: String,
    pub(super) plan_id: String,
    pub(super) started: Instant,
    pub(super) started_wall: std::time::SystemTime,
    pub(super) duration: std::time::Duration,
    /// Why it will fail, if it will.
    pub(super) failure: Option<String>,
    pub(super) slices: Vec<String>,
}

/// A stored object with the instant it was created, for states that change over time.
#[derive(Debug, Clone)]
pub(super) struct Timed {
    pub(super) value: Value,
    pub(super) created: Instant,
}

/// A webhook subscription.
#[derive(Debug, Clone)]
pub(super) struct Subscription {
    pub(super) id: String,
    pub(super) url: String,
    pub(super) events: Vec<String>,
    pub(super) secret: String,
    pub(super) active: bool,
    pub(super) created_at: String,
}

/// Everything one tenant has.
#[derive(Debug, Default)]
pub(super) struct Store {
    next_id: u64,
    pub(super) intents: Vec<Value>,
    pub(super) plans: Vec<Value>,
    pub(super) deployments: Vec<Deployment>,
    pub(super) vnfs: Vec<Timed>,
    pub(super) agents: Vec<Value>,
    /// (agent id, slice status)
    pub(super) tn_slices: Vec<(String, Value)>,
    pub(super) managers: Vec<Value>,
    /// (deployment manager id, descriptor)
    pub(super) descriptors: Vec<(String, Value)>,
    /// (deployment manager id, deployment)
    pub(super) nf_deployments: Vec<(String, Timed)>,
    pub(super) subscriptions: Vec<Subscription>,
}

impl Store {
    /// Tenant index `tenant`'s starting objects: three intents (one deployed), two TN agents,
    /// two deployment managers with three descriptors each.
    pub(super) fn seeded(seed: u64, tenant: usize) -> Self {
        let mut rng = fastrand::Rng::with_seed(mix(seed ^ 0x3A_40, tenant as u64));
        let mut store = Store::default();
        let created = time::now();
        for (i, slice_type) in ["eMBB", "uRLLC", "mIoT"].iter().enumerate() {
            let id = store.id("intent");
            store.intents.push(json!({
                "id": id,
                "bandwidth": f64::from(rng.u32(10..=500) * 10),
                "latency": f64::from(rng.u32(5..=100)),
                "slice_type": slice_type,
                "jitter": f64::from(rng.u32(1..=10)),
                "packet_loss": 0.001,
                "reliability": 0.999,
                "status": if i == 0 { "deployed" } else { "planned" },
                "created_at": created,
                "updated_at": created,
            }));
        }
        for (i, site) in ["edge-site-1", "regional-site-1"].iter().enumerate() {
            let id = store.id("tn-agent");
            store.agents.push(json!({
                "id": id,
                "name": format!("tn-agent-{site}"),
                "endpoint": format!("http://tn-agent-{}.oran-mano.local:8080", i + 1),
                "status": "connected",
                "version": "1.2.0",
                "capabilities": ["vxlan", "tc", "bandwidth-shaping"],
                "last_seen": created,
                "created_at": created,
            }));
        }
        for (name, cloud) in [("dm-edge-01", "edge"), ("dm-regional-01", "regional")] {
            store.managers.push(json!({
                "id": name,
                "name": format!("O2 DMS {cloud}"),
                "description": format!("Kubernetes deployment manager at the {cloud} cloud"),
                "endpoint": format!("https://{name}.o2.oran-mano.local"),
                "status": "available",
                "capabilities": ["helm", "kubernetes"],
                "supported_nf_types": ["CU", "DU", "UPF"],
                "version": "2.0.0",
            }));
            for nf in ["CU", "DU", "UPF"] {
                let id = format!(
                    "nfd-{}-{}",
                    name.trim_start_matches("dm-"),
                    nf.to_lowercase()
                );
                store.descriptors.push((
                    name.to_owned(),
                    json!({
                        "id": id,
                        "name": format!("{nf} on {cloud}"),
                        "version": "1.0.0",
                        "nf_type": nf,
                        "vendor": "O-RAN SC",
                        "description": format!("Helm chart of the {nf}"),
                        "input_parameters": {"replicas": {"type": "integer"}},
                        "artifacts": [{
                            "name": format!("{}-chart", nf.to_lowercase()),
                            "type": "helm",
                            "url": format!("https://charts.oran-mano.local/{}", nf.to_lowercase()),
                        }],
                    }),
                ));
            }
        }
        store
    }

    /// A new id `prefix-NNN`, unique in this store.
    pub(super) fn id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}-{:03}", self.next_id)
    }
}

/// The position of the object whose `"id"` is `id`.
pub(super) fn position(items: &[Value], id: &str) -> Option<usize> {
    items
        .iter()
        .position(|v| v.get("id").and_then(Value::as_str) == Some(id))
}

/// A page of `items` by `limit` and `offset`.
pub(super) fn page<T: Clone>(items: &[T], limit: usize, offset: usize) -> Vec<T> {
    items.iter().skip(offset).take(limit).cloned().collect()
}
