//! `nbi mano [--tenant T] <area> <verb> …`: every O-RAN Intent-MANO operation, JSON out.

mod deployments;
mod intents;
mod monitoring;
mod o2;
mod tn;
mod vnfs;
mod webhooks;

use clap::{Args as ClapArgs, Subcommand};
use nbi_core::{Blocking, Settings, Transports};
use nbi_mano::blocking::Client;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Context;
use crate::exit::{Outcome, UsageError};

/// `nbi mano [--tenant T] <area> <verb> …`
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  nbi mano intents create --data '{\"bandwidth\":100,\"latency\":10,\"slice_type\":\"uRLLC\"}'\n  nbi mano plans create --intents intent-004\n  nbi mano deployments deploy plan-005\n  nbi mano deployments wait deploy-006 --timeout-s 600"
)]
pub(crate) struct Args {
    /// The tenant (may be left out when one tenant alone has a MANO service).
    #[arg(long, global = true)]
    pub(crate) tenant: Option<String>,
    /// The settings table of the MANO service, when the tenant has more than one.
    #[arg(long, global = true)]
    pub(crate) service: Option<String>,
    #[command(subcommand)]
    pub(crate) area: Area,
}

/// The API areas.
#[derive(Debug, Subcommand)]
pub(crate) enum Area {
    /// QoS intents: list, get, create, create-many, update, delete.
    #[command(subcommand)]
    Intents(intents::Verb),
    /// Orchestration plans: create.
    #[command(subcommand)]
    Plans(intents::PlanVerb),
    /// Orchestrator deployments: deploy, get, wait, events.
    #[command(subcommand)]
    Deployments(deployments::Verb),
    /// VNFs: list, get, create, update, delete, scale.
    #[command(subcommand)]
    Vnfs(vnfs::Verb),
    /// Transport network: agents, register-agent, configure-slice, performance, status.
    #[command(subcommand)]
    Tn(tn::Verb),
    /// O2 DMS: managers, descriptors, deployments, create-deployment, get-deployment,
    /// delete-deployment.
    #[command(subcommand)]
    O2(o2::Verb),
    /// Monitoring: health, metrics, slice-metrics.
    #[command(subcommand)]
    Monitoring(monitoring::Verb),
    /// Webhook subscriptions: list, subscribe, unsubscribe.
    #[command(subcommand)]
    Webhooks(webhooks::Verb),
}

/// Runs one `nbi mano` command.
pub(crate) fn run(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = ctx.settings()?.settings.clone();
    let (tenant, service) =
        pick_service(&settings, args.tenant.as_deref(), args.service.as_deref())?;
    let transports = Transports::new(settings);
    let client = nbi_mano::Client::from_transports(&transports, &tenant, &service)?
        .into_blocking(Blocking::new()?);
    let (doc, outcome) = match args.area {
        Area::Intents(verb) => intents::run(&client, verb)?,
        Area::Plans(verb) => intents::plan(&client, verb)?,
        Area::Deployments(verb) => deployments::run(&client, verb)?,
        Area::Vnfs(verb) => vnfs::run(&client, verb)?,
        Area::Tn(verb) => tn::run(&client, verb)?,
        Area::O2(verb) => o2::run(&client, verb)?,
        Area::Monitoring(monitoring::Verb::Metrics) if !ctx.output.is_json() => {
            ctx.output.raw(&client.monitoring().metrics()?)?;
            return Ok(Outcome::Success);
        }
        Area::Monitoring(verb) => monitoring::run(&client, verb)?,
        Area::Webhooks(verb) => webhooks::run(&client, verb)?,
    };
    ctx.output.json(&doc)?;
    Ok(outcome)
}

/// What a verb prints and how the command ended.
pub(super) type Done = anyhow::Result<(Value, Outcome)>;

/// `value` as the document to print, the command having succeeded.
pub(super) fn ok<T: Serialize>(value: &T) -> Done {
    Ok((serde_json::to_value(value)?, Outcome::Success))
}

/// `--data JSON` as a request model; a bad one is a usage error naming the flag.
pub(super) fn data<T: DeserializeOwned>(json: &str) -> anyhow::Result<T> {
    serde_json::from_str(json).map_err(|e| UsageError(format!("--data: {e}")).into())
}

/// The blocking client every verb gets.
pub(super) type Mano = Client;

/// The (tenant, service) to talk to: every service of kind `mano` (or a table named so) the
/// flags allow; exactly one must be left.
fn pick_service(
    settings: &Settings,
    tenant: Option<&str>,
    service: Option<&str>,
) -> anyhow::Result<(String, String)> {
    if let Some(t) = tenant
        && !settings.tenants.contains_key(t)
    {
        return Err(UsageError(format!("--tenant: no tenant {t:?} in the settings")).into());
    }
    let choices: Vec<(String, String)> = settings
        .tenants
        .iter()
        .filter(|(name, _)| tenant.is_none_or(|t| t == name.as_str()))
        .flat_map(|(name, services)| {
            services
                .iter()
                .filter(|(table, s)| s.kind_or(table) == "mano")
                .filter(|(table, _)| service.is_none_or(|s| s == table.as_str()))
                .map(move |(table, _)| (name.clone(), table.clone()))
        })
        .collect();
    match choices.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(UsageError(
            "no MANO service in the settings matches (a [tenants.T.mano] table, or kind = \"mano\")".into(),
        )
        .into()),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|(t, s)| format!("--tenant {t} --service {s}"))
                .collect();
            Err(UsageError(format!(
                "several MANO services match; choose one of: {}",
                names.join(", ")
            ))
            .into())
        }
    }
}
