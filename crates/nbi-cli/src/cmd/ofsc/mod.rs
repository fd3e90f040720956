//! `nbi ofsc [--tenant T] <area> <verb> …`: every operation of the OFSC client, its answer
//! printed as JSON (the response model, unknown fields kept; `{"deleted": …}` for deletes).

mod activities;
mod capacity;
mod events;
mod metadata;
mod resources;
mod users;

use clap::{Args as ClapArgs, Subcommand};
use nbi_core::{Blocking, Settings, Transports};
use serde::Serialize;
use serde_json::Value;

use super::Context;
use crate::exit::{Outcome, UsageError};

/// `nbi ofsc [--tenant T] <area> <verb> …`
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  nbi ofsc capacity get --dates 2025-06-25 --areas FLUSA,CAUSA\n  nbi ofsc activities search --resources FLUSA --include-children all --date-from 2025-06-25 --date-to 2025-06-26\n  nbi ofsc activities action 4225001 start\n  nbi ofsc resources work-skills tech-001\n  nbi ofsc work-zones list"
)]
pub(crate) struct Args {
    /// The tenant (may be left out when one tenant alone has an OFSC service).
    #[arg(long, global = true)]
    pub(crate) tenant: Option<String>,
    /// The settings table of the OFSC service, when the tenant has more than one.
    #[arg(long, global = true)]
    pub(crate) service: Option<String>,
    #[command(subcommand)]
    pub(crate) area: Area,
}

/// The API areas: Core, Capacity, and each Metadata collection.
#[derive(Debug, Subcommand)]
pub(crate) enum Area {
    /// Activities: search, get, create, update, delete, custom actions, sub-resources.
    #[command(subcommand)]
    Activities(activities::Verb),
    /// Resources and their children, work skills, zones, schedules and locations.
    #[command(subcommand)]
    Resources(resources::Verb),
    /// Users: list, get, create, update, delete.
    #[command(subcommand)]
    Users(users::Verb),
    /// Event subscriptions and event polling.
    #[command(subcommand)]
    Events(events::Verb),
    /// Capacity, quota, booking options, closing schedule, booking statuses, booking grid.
    #[command(subcommand)]
    Capacity(capacity::Verb),
    /// Metadata collections.
    #[command(flatten)]
    Metadata(metadata::Collection),
}

/// Runs one `nbi ofsc` command.
pub(crate) fn run(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = ctx.settings()?.settings.clone();
    let (tenant, service) = target(&settings, args.tenant.as_deref(), args.service.as_deref())?;
    let transports = Transports::new(settings);
    let client = nbi_ofsc::Client::from_transports(&transports, &tenant, &service)?
        .into_blocking(Blocking::new()?);
    let answer = call(&client, args.area).map_err(|e| {
        // A parameter OFSC would refuse, caught before sending: bad usage (exit 2).
        match e.downcast_ref::<nbi_core::Error>() {
            Some(core) if core.kind() == nbi_core::ErrorKind::Validation => {
                UsageError(core.to_string()).into()
            }
            _ => e,
        }
    })?;
    ctx.output.json(&answer)?;
    Ok(Outcome::Success)
}

fn call(client: &nbi_ofsc::blocking::Client, area: Area) -> anyhow::Result<Value> {
    Ok(match area {
        Area::Activities(verb) => activities::run(client, verb)?,
        Area::Resources(verb) => resources::run(client, verb)?,
        Area::Users(verb) => users::run(client, verb)?,
        Area::Events(verb) => events::run(client, verb)?,
        Area::Capacity(verb) => capacity::run(client, verb)?,
        Area::Metadata(collection) => metadata::run(client, collection)?,
    })
}

/// The (tenant, settings table) to talk to: every table of kind `ofsc` the flags allow;
/// exactly one must be left.
fn target(
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
                .filter(|(table, s)| s.kind_or(table) == "ofsc")
                .filter(|(table, _)| service.is_none_or(|s| s == table.as_str()))
                .map(move |(table, _)| (name.clone(), table.clone()))
        })
        .collect();
    match choices.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(UsageError(
            "no OFSC service in the settings matches (a [tenants.T.ofsc] table, or kind = \"ofsc\")"
                .into(),
        )
        .into()),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|(t, s)| format!("--tenant {t} --service {s}"))
                .collect();
            Err(UsageError(format!(
                "several OFSC services match; choose one of: {}",
                names.join(", ")
            ))
            .into())
        }
    }
}

/// `--data JSON`.
fn data(text: &str) -> anyhow::Result<Value> {
    serde_json::from_str(text)
        .map_err(|e| UsageError(format!("--data: not a valid JSON document: {e}")).into())
}

/// `--data JSON` as a model.
fn data_as<T: serde::de::DeserializeOwned>(text: &str) -> anyhow::Result<T> {
    Ok(serde_json::from_value(data(text)?).map_err(|e| UsageError(format!("--data: {e}")))?)
}

/// Any answer as JSON.
fn json(value: impl Serialize) -> anyhow::Result<Value> {
    Ok(serde_json::to_value(value)?)
}

/// Every item of a listing, one JSON array.
fn all<T: Serialize>(items: impl Iterator<Item = nbi_ofsc::Result<T>>) -> anyhow::Result<Value> {
    let items = items.collect::<nbi_ofsc::Result<Vec<T>>>()?;
    json(items)
}

/// `{"deleted": what}`.
fn deleted(what: impl Serialize) -> Value {
    serde_json::json!({ "deleted": what })
}

/// Paging flags of a listing.
#[derive(Debug, Clone, Copy, ClapArgs)]
pub(crate) struct Paging {
    /// The page size (every page is fetched).
    #[arg(long)]
    limit: Option<u32>,
    /// The first item's offset.
    #[arg(long, default_value_t = 0)]
    offset: u64,
}

impl Paging {
    fn apply<T>(self, list: nbi_ofsc::List<Blocking, T>) -> nbi_ofsc::List<Blocking, T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        let list = list.offset(self.offset);
        match self.limit {
            Some(limit) => list.limit(limit),
            None => list,
        }
    }
}

/// Every page of `list`, one JSON array.
fn pages<T>(list: nbi_ofsc::List<Blocking, T>, paging: Paging) -> anyhow::Result<Value>
where
    T: Serialize + serde::de::DeserializeOwned + Send + 'static,
{
    all(paging.apply(list).all())
}

/// The `[tenants.T.ofsc]` table `nbi sim --write-config` writes for a simulated OFSC tenant:
/// its instance, the simulator's URL, and basic or OAuth 2 auth with the secret in a file.
pub(crate) fn sim_table(
    dir: &std::path::Path,
    endpoint: &nbi_sim::Endpoint,
    write_private: fn(&std::path::Path, &str) -> anyhow::Result<()>,
) -> anyhow::Result<String> {
    let nbi_sim::Credentials::Ofsc {
        instance,
        client_id,
        client_secret,
        token_url,
    } = &endpoint.credentials
    else {
        return Err(anyhow::anyhow!(
            "{} has no OFSC credentials",
            endpoint.tenant
        ));
    };
    let relative =
        std::path::PathBuf::from("secrets").join(format!("{}-ofsc.client-secret", endpoint.tenant));
    write_private(&dir.join(&relative), client_secret)?;
    let quoted = |t: &str| Value::from(t).to_string();
    let scheme = if token_url.is_some() {
        "oauth2"
    } else {
        "basic"
    };
    Ok(format!(
        "\n[tenants.{}.ofsc]\ninstance = {}\nurl = {}\nauth = {{ scheme = \"{scheme}\", client_id = {}, client_secret = {{ file = {} }} }}\n",
        endpoint.tenant,
        quoted(instance),
        quoted(&endpoint.url),
        quoted(client_id),
        quoted(&relative.to_string_lossy()),
    ))
}
