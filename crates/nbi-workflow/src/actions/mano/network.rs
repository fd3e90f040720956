//! `mano.deploy_vnfs`, `mano.tn_agents`, `mano.configure_tn` and `mano.slice_metrics`.

use async_trait::async_trait;
use nbi_mano::{Client, Timeframe, TnSliceConfig, VnfRequest};
use serde_json::{Map, Value, json};

use super::check::{self, body, decode, id};
use super::{ManoCall, failed, input, result};
use crate::{ActionError, StepContext};

/// The numeric fields of a VNF request.
const VNF_NUMBERS: &[&str] = &[
    "qos.bandwidth",
    "qos.latency",
    "qos.jitter",
    "qos.packet_loss",
    "qos.reliability",
    "resources.cpu_cores",
    "resources.memory_gb",
    "resources.storage_gb",
    "resources.gpu.count",
];

/// The numeric fields of a TN slice.
const SLICE_NUMBERS: &[&str] = &["bandwidth_mbps", "vlan_id", "priority", "latency_budget_ms"];

/// The most VNFs one step creates.
const MAX_VNFS: usize = 100;

/// `mano.deploy_vnfs`: creates VNFs in order, each scaled to its `replicas` when given.
pub(crate) struct DeployVnfs;

/// One VNF of the input: its request body and the replicas wanted.
type VnfItem = (Value, Option<u32>);

/// The VNFs of the input (`None` while they are one unresolved reference).
fn vnfs(map: &Map<String, Value>) -> Result<Option<Vec<VnfItem>>, String> {
    let items = match map.get("vnfs") {
        Some(Value::Array(items)) if items.is_empty() => {
            return Err("`vnfs` must list at least one VNF".to_owned());
        }
        Some(Value::Array(items)) if items.len() > MAX_VNFS => {
            return Err(format!(
                "`vnfs` lists {} VNFs; at most {MAX_VNFS}",
                items.len()
            ));
        }
        Some(Value::Array(items)) => items,
        Some(v) if input::is_reference(v) => return Ok(None),
        Some(other) => return Err(format!("`vnfs` must be a list, not {other}")),
        None => return Err("`vnfs` is missing".to_owned()),
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Some(object) = item.as_object() else {
            return Err(format!("`vnfs[{i}]` must be an object, not {item}"));
        };
        let replicas = match object.get("replicas") {
            None => None,
            Some(v) if input::is_reference(v) => Some(1),
            Some(v) => Some(
                v.as_u64()
                    .filter(|n| *n <= 100)
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| {
                        format!("vnfs[{i}].replicas must be between 0 and 100, not {v}")
                    })?,
            ),
        };
        out.push((body(object, &["replicas"]), replicas));
    }
    Ok(Some(out))
}

#[async_trait]
impl ManoCall for DeployVnfs {
    const KEYS: &'static [&'static str] = &["vnfs"];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        for (i, (request, _)) in vnfs(map)?.into_iter().flatten().enumerate() {
            check::model(
                &request,
                VNF_NUMBERS,
                &format!("vnfs[{i}]."),
                VnfRequest::validate,
            )?;
        }
        Ok(())
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let items = vnfs(map)
            .map_err(ActionError::permanent)?
            .ok_or_else(|| ActionError::permanent("`vnfs` is not a list"))?;
        let requests = items
            .into_iter()
            .enumerate()
            .map(|(i, (v, replicas))| {
                Ok((decode::<VnfRequest>(v, &format!("vnfs[{i}]"))?, replicas))
            })
            .collect::<Result<Vec<_>, ActionError>>()?;
        let mut created = Vec::new();
        for (i, (request, replicas)) in requests.iter().enumerate() {
            let step = async {
                let vnf = client.vnfs().create(request).await?;
                if let Some(replicas) = replicas {
                    client.vnfs().scale(&vnf.id, *replicas).await?;
                }
                client.vnfs().get(&vnf.id).await
            };
            match step.await {
                Ok(vnf) => created.push(vnf),
                // Nothing was made yet: trying again is as safe as the first try.
                Err(e) if created.is_empty() => return Err(failed(e)),
                Err(e) => {
                    let ids: Vec<&str> = created.iter().map(|v| v.id.as_str()).collect();
                    return Err(ActionError::permanent(format!(
                        "vnfs[{i}]: {}; created: [{}]",
                        failed(e).message(),
                        ids.join(", ")
                    )));
                }
            }
        }
        let ids: Vec<&str> = created.iter().map(|v| v.id.as_str()).collect();
        Ok(json!({ "vnfs": result(&created)?, "ids": ids }))
    }
}

/// `mano.tn_agents`: the TN agents, to pick one for `mano.configure_tn`.
pub(crate) struct TnAgents;

#[async_trait]
impl ManoCall for TnAgents {
    const KEYS: &'static [&'static str] = &[];

    fn check(_map: &Map<String, Value>) -> Result<(), String> {
        Ok(())
    }

    async fn call(
        client: &Client,
        _map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let agents = client.tn().agents().await.map_err(failed)?;
        Ok(json!({ "agents": result(&agents)? }))
    }
}

/// `mano.configure_tn`: configures a slice on a TN agent.
pub(crate) struct ConfigureTn;

#[async_trait]
impl ManoCall for ConfigureTn {
    const KEYS: &'static [&'static str] = &[
        "agent",
        "slice_id",
        "bandwidth_mbps",
        "vlan_id",
        "qos_class",
        "priority",
        "latency_budget_ms",
    ];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        id(map, "agent")?;
        check::model(
            &body(map, &["agent"]),
            SLICE_NUMBERS,
            "",
            TnSliceConfig::validate,
        )
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let agent = id(map, "agent").map_err(ActionError::permanent)?;
        let slice: TnSliceConfig = decode(body(map, &["agent"]), "slice")?;
        let configured = client
            .tn()
            .configure_slice(agent, &slice)
            .await
            .map_err(failed)?;
        if configured.status.as_deref() == Some("failed") {
            return Err(ActionError::permanent(format!(
                "agent {agent} could not configure slice {}: {}",
                configured.slice_id,
                configured.message.as_deref().unwrap_or("no reason given")
            )));
        }
        result(&configured)
    }
}

/// `mano.slice_metrics`: a slice's metrics.
pub(crate) struct SliceMetrics;

fn timeframe(map: &Map<String, Value>) -> Result<Option<Timeframe>, String> {
    match map.get("timeframe") {
        None => Ok(None),
        Some(v) if input::is_reference(v) => Ok(None),
        Some(Value::String(s)) if Timeframe::known().contains(&s.as_str()) => {
            Ok(Some(Timeframe::from(s.as_str())))
        }
        Some(other) => Err(format!(
            "`timeframe` must be one of {}, not {other}",
            Timeframe::known().join(", ")
        )),
    }
}

#[async_trait]
impl ManoCall for SliceMetrics {
    const KEYS: &'static [&'static str] = &["slice", "timeframe"];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        id(map, "slice")?;
        timeframe(map).map(drop)
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let slice = id(map, "slice").map_err(ActionError::permanent)?;
        let timeframe = timeframe(map).map_err(ActionError::permanent)?;
        result(
            &client
                .monitoring()
                .slice_metrics(slice, timeframe)
                .await
                .map_err(failed)?,
        )
    }
}
