//! `nbi genieacs [--tenant T] <area> <verb> …`: every GenieACS NBI operation, JSON out.

mod args;
mod list;
mod tasks;

use anyhow::Context as _;
use nbi_core::{Blocking, Settings, Transports};
use nbi_genieacs::{FileMetadata, GenieacsErrorExt, ObjectDefinition, Preset, blocking::Client};
use serde_json::{Value, json};

pub(crate) use self::args::Args;
use self::args::{Area, DevicesVerb, DocumentVerb, FaultsVerb, FilesVerb, ScriptVerb};
use super::Context;
use crate::exit::{Outcome, UsageError};

/// Runs one `nbi genieacs` command; a failure shows what GenieACS said, if anything.
pub(crate) fn run(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    run_command(args, ctx).map_err(|e| {
        let said = e
            .downcast_ref::<nbi_core::Error>()
            .and_then(|core| core.server_message())
            .map(str::to_owned);
        match said {
            Some(message) => e.context(format!("GenieACS says {message:?}")),
            None => e,
        }
    })
}

fn run_command(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = ctx.settings()?.settings.clone();
    let (tenant, service) =
        pick_service(&settings, args.tenant.as_deref(), args.service.as_deref())?;
    let transports = Transports::new(settings);
    let client = nbi_genieacs::Client::from_transports(&transports, &tenant, &service)?
        .into_blocking(Blocking::new()?);
    let (doc, outcome) = match args.area {
        Area::Devices(verb) => (devices(&client, verb)?, Outcome::Success),
        Area::Tasks(verb) => tasks::run(&client, verb)?,
        Area::Faults(FaultsVerb::List(list)) => {
            (list::run(client.faults().list(), &list)?, Outcome::Success)
        }
        Area::Faults(FaultsVerb::Delete { id }) => {
            client.faults().delete(id.as_str())?;
            (json!({ "deleted": id }), Outcome::Success)
        }
        Area::Presets(verb) => (presets(&client, verb)?, Outcome::Success),
        Area::Objects(verb) => (objects(&client, verb)?, Outcome::Success),
        Area::Provisions(verb) => (scripts(&client.provisions(), verb)?, Outcome::Success),
        Area::VirtualParameters(verb) => (
            scripts(&client.virtual_parameters(), verb)?,
            Outcome::Success,
        ),
        Area::Files(verb) => (files(&client, verb)?, Outcome::Success),
        Area::Ping { host } => {
            let output = client.ping(host.as_str())?;
            if !ctx.output.is_json() {
                ctx.output.raw(&output)?;
                return Ok(Outcome::Success);
            }
            (json!({ "host": host, "output": output }), Outcome::Success)
        }
    };
    ctx.output.json(&doc)?;
    Ok(outcome)
}

/// The (tenant, service) to talk to: every service of kind `genieacs` (or a table named so)
/// the flags allow; exactly one must be left.
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
                .filter(|(table, s)| s.kind_or(table) == "genieacs")
                .filter(|(table, _)| service.is_none_or(|s| s == table.as_str()))
                .map(move |(table, _)| (name.clone(), table.clone()))
        })
        .collect();
    match choices.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(UsageError(
            "no GenieACS service in the settings matches (a [tenants.T.genieacs] table, or kind = \"genieacs\")".into(),
        )
        .into()),
        many => {
            let names: Vec<String> = many.iter().map(|(t, s)| format!("--tenant {t} --service {s}")).collect();
            Err(UsageError(format!(
                "several GenieACS services match; choose one of: {}",
                names.join(", ")
            ))
            .into())
        }
    }
}

fn devices(client: &Client, verb: DevicesVerb) -> anyhow::Result<Value> {
    Ok(match verb {
        DevicesVerb::List(args) => list::run(client.devices().list(), &args)?,
        DevicesVerb::Get { id, projection } => {
            let device = if projection.is_empty() {
                client.devices().get(id.as_str())?
            } else {
                let page = client
                    .devices()
                    .list()
                    .query(nbi_genieacs::Query::eq("_id", id.as_str()))
                    .projection(nbi_genieacs::Projection::new(projection))
                    .limit(1)
                    .page()?;
                page.items.into_iter().next()
            };
            let device =
                device.with_context(|| format!("GenieACS has no device with _id {id:?}"))?;
            serde_json::to_value(device)?
        }
        DevicesVerb::Delete { id } => {
            client.devices().delete(id.as_str())?;
            json!({ "deleted": id })
        }
        DevicesVerb::Tag { id, tag } => {
            client.devices().add_tag(id.as_str(), tag.as_str())?;
            json!({ "device": id, "tagged": tag })
        }
        DevicesVerb::Untag { id, tag } => {
            client.devices().remove_tag(id.as_str(), tag.as_str())?;
            json!({ "device": id, "untagged": tag })
        }
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(flag: &str, text: &str) -> anyhow::Result<T> {
    serde_json::from_str(text)
        .map_err(|e| UsageError(format!("{flag}: not a valid JSON document: {e}")).into())
}

fn presets(client: &Client, verb: DocumentVerb) -> anyhow::Result<Value> {
    Ok(match verb {
        DocumentVerb::List(args) => list::run(client.presets().list(), &args)?,
        DocumentVerb::Put { name, data } => {
            let preset: Preset = parse_json("--data", &data)?;
            client.presets().put(name.as_str(), &preset)?;
            json!({ "put": name })
        }
        DocumentVerb::Delete { name } => {
            client.presets().delete(name.as_str())?;
            json!({ "deleted": name })
        }
    })
}

fn objects(client: &Client, verb: DocumentVerb) -> anyhow::Result<Value> {
    Ok(match verb {
        DocumentVerb::List(args) => list::run(client.objects().list(), &args)?,
        DocumentVerb::Put { name, data } => {
            let mut fields: serde_json::Map<String, Value> = parse_json("--data", &data)?;
            fields.insert("_id".into(), Value::from(name.as_str()));
            let object: ObjectDefinition = serde_json::from_value(Value::Object(fields))?;
            client.objects().put(name.as_str(), &object)?;
            json!({ "put": name })
        }
        DocumentVerb::Delete { name } => {
            client.objects().delete(name.as_str())?;
            json!({ "deleted": name })
        }
    })
}

fn scripts<T>(
    api: &nbi_genieacs::ScriptsApi<Blocking, T>,
    verb: ScriptVerb,
) -> anyhow::Result<Value>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + 'static,
{
    Ok(match verb {
        ScriptVerb::List(args) => list::run(api.list(), &args)?,
        ScriptVerb::Put { name, script, file } => {
            let script = match (script, file) {
                (Some(script), _) => script,
                (None, Some(path)) => std::fs::read_to_string(&path)
                    .with_context(|| format!("--file: cannot read {}", path.display()))?,
                (None, None) => return Err(UsageError("give --script or --file".into()).into()),
            };
            api.put(name.as_str(), script)?;
            json!({ "put": name })
        }
        ScriptVerb::Delete { name } => {
            api.delete(name.as_str())?;
            json!({ "deleted": name })
        }
    })
}

fn files(client: &Client, verb: FilesVerb) -> anyhow::Result<Value> {
    Ok(match verb {
        FilesVerb::List(args) => list::run(client.files().list(), &args)?,
        FilesVerb::Put {
            name,
            file,
            file_type,
            oui,
            product_class,
            version,
        } => {
            let contents = std::fs::read(&file)
                .with_context(|| format!("--file: cannot read {}", file.display()))?;
            let mut metadata = FileMetadata::new(file_type);
            metadata.oui = oui;
            metadata.product_class = product_class;
            metadata.version = version;
            let length = contents.len();
            client.files().put(name.as_str(), &metadata, contents)?;
            json!({ "put": name, "length": length })
        }
        FilesVerb::Delete { name } => {
            client.files().delete(name.as_str())?;
            json!({ "deleted": name })
        }
    })
}
