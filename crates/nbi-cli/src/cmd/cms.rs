//! `nbi cms …`: every nbi-cms operation, JSON out. The session is logged out when the command
//! ends, and when it is interrupted (SIGINT/SIGTERM, exit 130).

use std::path::Path;

use anyhow::Context as _;
use clap::{Args as ClapArgs, Subcommand};
use futures::TryStreamExt;
use nbi_cms::{
    Client, EthSvcId, NewEthSvc, NewOnt, NewVlan, NodeName, OntId, OntUpdate, RpcErrorExt, Serial,
};
use nbi_core::{Settings, Transports};
use nbi_sim::{Credentials, Endpoint};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Context;
use super::signal::{runtime, wait_for_stop_signal};
use crate::exit::{Outcome, UsageError};

/// `nbi cms [--tenant T] <area> <verb> …`
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  nbi cms ont list --node olt1\n  nbi cms ont create --node NTWK-olt1 --data '{\"ont_profile\":5,\"serial\":\"1A2B3C\"}'\n  nbi cms rest devices --device-type e7"
)]
pub(crate) struct Args {
    /// The tenant (may be left out when one tenant alone has a CMS).
    #[arg(long)]
    tenant: Option<String>,
    /// The service table (default: the tenant's `cms`, or its one table of kind cms).
    #[arg(long)]
    service: Option<String>,
    #[command(subcommand)]
    area: Area,
}

#[derive(Debug, Subcommand)]
enum Area {
    /// ONTs of a node.
    #[command(subcommand)]
    Ont(OntCommand),
    /// VLANs of a node.
    #[command(subcommand)]
    Vlan(VlanCommand),
    /// Ethernet services on ONT ports.
    #[command(subcommand)]
    EthSvc(EthSvcCommand),
    /// The REST NBI.
    #[command(subcommand)]
    Rest(RestCommand),
}

#[derive(Debug, ClapArgs)]
struct NodeArg {
    /// The node, `NTWK-x` or `x`.
    #[arg(long)]
    node: String,
}

#[derive(Debug, Subcommand)]
enum OntCommand {
    /// Create an ONT from JSON (`ont_profile` required; `id` 0 or absent = first free).
    Create {
        #[command(flatten)]
        node: NodeArg,
        /// The ONT, e.g. {"ont_profile":5,"serial":"1A2B3C","description":"Flat 4"}.
        #[arg(long)]
        data: String,
    },
    /// Create many ONTs from a JSON array, with bounded concurrency.
    BulkCreate {
        #[command(flatten)]
        node: NodeArg,
        /// A JSON array of ONTs.
        #[arg(long)]
        data: String,
        /// Creates in flight at most.
        #[arg(long, default_value_t = 10)]
        concurrency: usize,
    },
    /// One ONT's configuration.
    Get {
        #[command(flatten)]
        node: NodeArg,
        /// The ONT id.
        id: String,
    },
    /// Every ONT of the node (all pages).
    List {
        #[command(flatten)]
        node: NodeArg,
    },
    /// Change only the given fields (JSON), e.g. {"admin":"disabled"}.
    Update {
        #[command(flatten)]
        node: NodeArg,
        /// The ONT id.
        id: String,
        /// The fields to change.
        #[arg(long)]
        data: String,
    },
    /// Delete an ONT.
    Delete {
        #[command(flatten)]
        node: NodeArg,
        /// The ONT id.
        id: String,
    },
    /// Put a new serial number on an ONT.
    Swap {
        #[command(flatten)]
        node: NodeArg,
        /// The ONT id.
        id: String,
        /// The new serial: 6 hex digits.
        #[arg(long)]
        serial: String,
    },
    /// The ONT's operational status (show-ont).
    Show {
        #[command(flatten)]
        node: NodeArg,
        /// The ONT id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
enum VlanCommand {
    /// Create a VLAN from JSON, e.g. {"id":200,"name":"voice"}.
    Create {
        #[command(flatten)]
        node: NodeArg,
        /// The VLAN.
        #[arg(long)]
        data: String,
    },
    /// Delete a VLAN.
    Delete {
        #[command(flatten)]
        node: NodeArg,
        /// The VLAN id.
        id: u16,
    },
}

#[derive(Debug, Subcommand)]
enum EthSvcCommand {
    /// Create a service from JSON (id {ont, port, service}, tag_action, bw_profile, out_tag …).
    Create {
        #[command(flatten)]
        node: NodeArg,
        /// The service.
        #[arg(long)]
        data: String,
    },
    /// Delete a service named by JSON {ont, port, service[, slot]}.
    Delete {
        #[command(flatten)]
        node: NodeArg,
        /// The service's id.
        #[arg(long)]
        data: String,
    },
}

#[derive(Debug, Subcommand)]
enum RestCommand {
    /// Managed devices.
    Devices {
        /// Only this device type (e7).
        #[arg(long)]
        device_type: Option<String>,
        /// At most this many.
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Regions.
    Regions,
    /// Topology links.
    Toplinks,
    /// Profiles of one type (OntProf, BwProf, …).
    Profiles {
        /// The profile type.
        #[arg(long)]
        profile_type: String,
    },
}

/// Runs one `nbi cms` command.
pub(crate) fn run(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = ctx.settings()?.settings.clone();
    let (tenant, service) = pick(&settings, args.tenant.as_deref(), args.service.as_deref())?;
    let rt = runtime()?;
    rt.block_on(async {
        let transports = Transports::new(settings);
        let client = Client::from_transports(&transports, &tenant, &service)?;
        let outcome = tokio::select! {
            result = call(&client, args.area) => Some(result),
            stopped = wait_for_stop_signal() => { stopped?; None }
        };
        // Log out whatever happened, so an interrupted command leaves no session behind.
        if let Err(e) = client.close().await {
            tracing::warn!(target: "nbi::cms", error = %e, "logout failed");
        }
        match outcome {
            None => Ok(Outcome::Interrupted),
            Some(Ok(value)) => {
                ctx.output.json(&value)?;
                Ok(Outcome::Success)
            }
            Some(Err(e)) => Err(explain(e)),
        }
    })
}

/// Adds the server's rpc-error message to an API failure.
fn explain(e: anyhow::Error) -> anyhow::Error {
    let message = e
        .downcast_ref::<nbi_core::Error>()
        .and_then(|core| core.rpc_error())
        .map(|rpc| rpc.message);
    match message {
        Some(m) => e.context(format!("CMS answered: {m}")),
        None => e,
    }
}

/// The (tenant, service) to use.
fn pick(
    settings: &Settings,
    tenant: Option<&str>,
    service: Option<&str>,
) -> anyhow::Result<(String, String)> {
    let mut found = Vec::new();
    for (t, services) in &settings.tenants {
        if tenant.is_some_and(|want| want != t) {
            continue;
        }
        for (name, s) in services {
            let matches = match service {
                Some(want) => want == name,
                None => s.kind_or(name) == "cms",
            };
            if matches {
                found.push((t.clone(), name.clone()));
            }
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(UsageError(match tenant {
            Some(t) => format!("tenant {t:?} has no CMS in the settings"),
            None => "no tenant has a CMS in the settings ([tenants.T.cms])".into(),
        })
        .into()),
        _ => {
            let names: Vec<String> = found.iter().map(|(t, s)| format!("{t}/{s}")).collect();
            Err(UsageError(format!(
                "several CMS are configured ({}); choose one with --tenant (and --service)",
                names.join(", ")
            ))
            .into())
        }
    }
}

fn node(arg: &NodeArg) -> anyhow::Result<NodeName> {
    arg.node
        .parse()
        .map_err(|e: nbi_core::Error| UsageError(e.message().to_owned()).into())
}

fn ont_id(text: &str) -> anyhow::Result<OntId> {
    text.parse()
        .map_err(|e: nbi_core::Error| UsageError(e.message().to_owned()).into())
}

fn data<T: DeserializeOwned>(text: &str) -> anyhow::Result<T> {
    serde_json::from_str(text).map_err(|e| UsageError(format!("--data: {e}")).into())
}

fn json<T: Serialize>(value: T) -> anyhow::Result<serde_json::Value> {
    Ok(serde_json::to_value(value)?)
}

async fn call(client: &Client, area: Area) -> anyhow::Result<serde_json::Value> {
    match area {
        Area::Ont(command) => ont(client, command).await,
        Area::Vlan(VlanCommand::Create { node: n, data: d }) => {
            let vlan: NewVlan = data(&d)?;
            client.vlan(node(&n)?).create(vlan).await?;
            Ok(serde_json::json!({ "ok": true }))
        }
        Area::Vlan(VlanCommand::Delete { node: n, id }) => {
            client.vlan(node(&n)?).delete(id).await?;
            Ok(serde_json::json!({ "ok": true }))
        }
        Area::EthSvc(EthSvcCommand::Create { node: n, data: d }) => {
            let svc: NewEthSvc = data(&d)?;
            json(client.eth_svc(node(&n)?).create(svc).await?)
        }
        Area::EthSvc(EthSvcCommand::Delete { node: n, data: d }) => {
            let id: EthSvcId = data(&d)?;
            client.eth_svc(node(&n)?).delete(id).await?;
            Ok(serde_json::json!({ "ok": true }))
        }
        Area::Rest(RestCommand::Devices { device_type, limit }) => {
            let mut list = client.rest().devices();
            if let Some(kind) = device_type {
                list = list.device_type(kind);
            }
            if let Some(n) = limit {
                list = list.limit(n);
            }
            json(list.send().await?)
        }
        Area::Rest(RestCommand::Regions) => json(client.rest().regions().await?),
        Area::Rest(RestCommand::Toplinks) => json(client.rest().toplinks().await?),
        Area::Rest(RestCommand::Profiles { profile_type }) => {
            json(client.rest().profiles(&profile_type).await?)
        }
    }
}

async fn ont(client: &Client, command: OntCommand) -> anyhow::Result<serde_json::Value> {
    match command {
        OntCommand::Create { node: n, data: d } => {
            let ont: NewOnt = data(&d)?;
            json(client.ont(node(&n)?).create(ont).await?)
        }
        OntCommand::BulkCreate {
            node: n,
            data: d,
            concurrency,
        } => {
            let onts: Vec<NewOnt> = data(&d)?;
            let outcomes = client
                .ont(node(&n)?)
                .bulk_create(onts)
                .concurrency(concurrency)
                .send()
                .await?;
            let rows: Vec<serde_json::Value> = outcomes
                .into_iter()
                .map(|o| match o.result {
                    Ok(ont) => serde_json::json!({ "index": o.index, "ont": ont }),
                    Err(e) => serde_json::json!({
                        "index": o.index,
                        "error": { "kind": e.kind().as_str(), "message": e.to_string(),
                                   "rpc_error": e.rpc_error() },
                    }),
                })
                .collect();
            Ok(serde_json::Value::Array(rows))
        }
        OntCommand::Get { node: n, id } => json(client.ont(node(&n)?).get(ont_id(&id)?).await?),
        OntCommand::List { node: n } => {
            let all: Vec<nbi_cms::Ont> = client.ont(node(&n)?).list().try_collect().await?;
            json(all)
        }
        OntCommand::Update {
            node: n,
            id,
            data: d,
        } => {
            let update: OntUpdate = data(&d)?;
            json(client.ont(node(&n)?).update(ont_id(&id)?, update).await?)
        }
        OntCommand::Delete { node: n, id } => {
            client.ont(node(&n)?).delete(ont_id(&id)?).await?;
            Ok(serde_json::json!({ "ok": true }))
        }
        OntCommand::Swap {
            node: n,
            id,
            serial,
        } => {
            let serial = Serial::new(&serial).map_err(|e| UsageError(e.message().to_owned()))?;
            json(
                client
                    .ont(node(&n)?)
                    .swap_serial(ont_id(&id)?, serial)
                    .await?,
            )
        }
        OntCommand::Show { node: n, id } => json(client.ont(node(&n)?).show(ont_id(&id)?).await?),
    }
}

/// `nbi sim --write-config`: the `[tenants.T.cms]` table of a simulated CMS.
pub(crate) fn sim_table(
    dir: &Path,
    endpoint: &Endpoint,
    write_secret: impl Fn(&Path, &str) -> anyhow::Result<()>,
) -> anyhow::Result<String> {
    let quoted = |s: &str| serde_json::Value::from(s).to_string();
    let Credentials::Basic { username, password } = &endpoint.credentials else {
        // `--auth none`: any user name logs in.
        return Ok(format!(
            "\n[tenants.{t}.cms]\nurl = {u}\nrest_url = {u}\nnode_type = \"e7\"\nauth = {{ scheme = \"session\", username = \"nbi\", password = {{ env = \"CMS_PASSWORD\" }} }}\n",
            t = endpoint.tenant,
            u = quoted(&endpoint.url)
        ));
    };
    let relative = Path::new("secrets").join(format!("{}-cms.password", endpoint.tenant));
    write_secret(&dir.join(&relative), password)?;
    Ok(format!(
        "\n[tenants.{t}.cms]\nurl = {u}\nrest_url = {u}\nnode_type = \"e7\"\nauth = {{ scheme = \"session\", username = {user}, password = {{ file = {f} }} }}\n",
        t = endpoint.tenant,
        u = quoted(&endpoint.url),
        user = quoted(username),
        f = quoted(&relative.to_string_lossy())
    ))
}

/// The fleet device ids of a simulated CMS tenant (`NTWK-olt-1:<id>`), listed through the
/// written settings, so they are proven to work.
pub(crate) async fn sim_device_ids(
    transports: &Transports,
    tenant: &str,
) -> anyhow::Result<Vec<String>> {
    let client = Client::from_transports(transports, tenant, "cms")?;
    let node: NodeName = "NTWK-olt-1".parse()?;
    let onts: Vec<nbi_cms::Ont> = client
        .ont(node.clone())
        .list()
        .try_collect()
        .await
        .context("listing the simulated ONTs")?;
    client.close().await?;
    Ok(onts.iter().map(|o| format!("{node}:{}", o.id)).collect())
}
