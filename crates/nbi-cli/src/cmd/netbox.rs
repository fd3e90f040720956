//! `nbi netbox [--tenant T] <operation> …`: every NetBox client operation, JSON out.
//!
//! The generic endpoint API takes `<app>/<model>` (`dcim/devices`); `list` fetches every page
//! (`--limit` is the page size) and prints one JSON array.

use anyhow::Context as _;
use clap::{Args as ClapArgs, Subcommand};
use futures::TryStreamExt;
use nbi_core::{Settings, Transports};
use nbi_netbox::{Client, Id};
use serde::Serialize;
use serde_json::{Value, json};

use super::Context;
use super::signal::runtime;
use crate::exit::{Outcome, UsageError};

/// `nbi netbox …`
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  nbi netbox list dcim/devices --filter role=router --limit 200\n  nbi netbox --tenant acme get dcim/devices 7\n  nbi netbox create dcim/sites --data '{\"name\":\"dc-9\",\"slug\":\"dc-9\"}'\n  nbi netbox available-ips 3 --allocate 2\n  nbi netbox render-config 7"
)]
pub(crate) struct Args {
    /// The tenant whose NetBox to use (may be left out when one tenant alone has NetBox).
    #[arg(long, global = true)]
    tenant: Option<String>,
    #[command(subcommand)]
    command: Operation,
}

/// One NetBox operation.
#[derive(Debug, Subcommand)]
enum Operation {
    /// List every object of a model (all pages), as one JSON array.
    List {
        /// The model, `<app>/<model>` (e.g. dcim/devices).
        model: String,
        /// A NetBox filter, KEY=VALUE (repeatable; a key given twice matches either value).
        #[arg(long = "filter", value_name = "KEY=VALUE", value_parser = parse_filter)]
        filters: Vec<(String, String)>,
        /// The page size (every page is fetched).
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Get one object.
    Get {
        /// The model, `<app>/<model>`.
        model: String,
        /// The object's id.
        id: u64,
    },
    /// Create an object (`--data` an object) or several at once (`--data` a list).
    Create {
        /// The model, `<app>/<model>`.
        model: String,
        /// The JSON body.
        #[arg(long)]
        data: String,
    },
    /// Replace an object (PUT): every required field.
    Update {
        /// The model, `<app>/<model>`.
        model: String,
        /// The object's id.
        id: u64,
        /// The JSON body.
        #[arg(long)]
        data: String,
        /// Only if the object still has this ETag.
        #[arg(long, value_name = "ETAG")]
        if_match: Option<String>,
    },
    /// Change some fields of an object (PATCH).
    Patch {
        /// The model, `<app>/<model>`.
        model: String,
        /// The object's id.
        id: u64,
        /// The JSON body.
        #[arg(long)]
        data: String,
        /// Only if the object still has this ETag.
        #[arg(long, value_name = "ETAG")]
        if_match: Option<String>,
    },
    /// Delete an object.
    Delete {
        /// The model, `<app>/<model>`.
        model: String,
        /// The object's id.
        id: u64,
    },
    /// Replace (PUT) or, with --partial, change (PATCH) many objects: `--data` a list of
    /// objects each with its id.
    BulkUpdate {
        /// The model, `<app>/<model>`.
        model: String,
        /// The JSON list.
        #[arg(long)]
        data: String,
        /// PATCH instead of PUT.
        #[arg(long)]
        partial: bool,
    },
    /// Delete many objects.
    BulkDelete {
        /// The model, `<app>/<model>`.
        model: String,
        /// The objects' ids.
        #[arg(required = true)]
        ids: Vec<u64>,
    },
    /// The free addresses of a prefix; `--allocate N` takes N of them.
    AvailableIps {
        /// The prefix's id.
        prefix_id: u64,
        /// Allocate this many addresses.
        #[arg(long, value_name = "N")]
        allocate: Option<usize>,
        /// The id is an IP range's, not a prefix's.
        #[arg(long)]
        range: bool,
    },
    /// The free blocks of a prefix; `--allocate LENGTH` takes one of that prefix length.
    AvailablePrefixes {
        /// The prefix's id.
        prefix_id: u64,
        /// Allocate a block of this prefix length.
        #[arg(long, value_name = "LENGTH")]
        allocate: Option<u8>,
    },
    /// The free VLAN ids of a VLAN group; `--allocate NAME` creates a VLAN with the first one.
    AvailableVlans {
        /// The VLAN group's id.
        group_id: u64,
        /// Allocate a VLAN with this name.
        #[arg(long, value_name = "NAME")]
        allocate: Option<String>,
    },
    /// Render a device's config template (the device's id, or its name).
    RenderConfig {
        /// The device's id or name.
        device_id: String,
    },
    /// The server's status (NetBox, Django and Python releases, plugins).
    Status,
}

pub(crate) fn run(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = ctx.settings()?.settings.clone();
    let (tenant, service) = choose_netbox(&settings, args.tenant.as_deref())?;
    runtime()?.block_on(async {
        let transports = Transports::new(settings);
        let client = Client::from_transports(&transports, &tenant, &service)?;
        let result = operate(&client, args.command).await?;
        ctx.output.json(&result)?;
        Ok(Outcome::Success)
    })
}

async fn operate(client: &Client, operation: Operation) -> anyhow::Result<Value> {
    Ok(match operation {
        Operation::List {
            model,
            filters,
            limit,
        } => {
            let mut list = client.endpoint(&model).list().filters(filters);
            if let Some(limit) = limit {
                list = list.limit(limit);
            }
            Value::Array(list.all().try_collect().await?)
        }
        Operation::Get { model, id } => client.endpoint(&model).get(id).await?,
        Operation::Create { model, data } => match parse_data(&data)? {
            Value::Array(items) => to_json(client.endpoint(&model).create_many(&items).await?)?,
            object => client.endpoint(&model).create(&object).await?,
        },
        Operation::Update {
            model,
            id,
            data,
            if_match,
        } => {
            let mut write = client.endpoint(&model).update(id, &parse_data(&data)?);
            if let Some(etag) = &if_match {
                write = write.if_match(etag);
            }
            write.send().await?
        }
        Operation::Patch {
            model,
            id,
            data,
            if_match,
        } => {
            let mut write = client.endpoint(&model).patch(id, &parse_data(&data)?);
            if let Some(etag) = &if_match {
                write = write.if_match(etag);
            }
            write.send().await?
        }
        Operation::Delete { model, id } => {
            client.endpoint(&model).delete(id).send().await?;
            json!({ "deleted": { "model": model, "id": id } })
        }
        Operation::BulkUpdate {
            model,
            data,
            partial,
        } => {
            let Value::Array(items) = parse_data(&data)? else {
                return Err(
                    UsageError("--data: expected a JSON list of objects with ids".into()).into(),
                );
            };
            let endpoint = client.endpoint(&model);
            let updated = if partial {
                endpoint.bulk_patch(&items).await?
            } else {
                endpoint.bulk_update(&items).await?
            };
            Value::Array(updated)
        }
        Operation::BulkDelete { model, ids } => {
            client
                .endpoint(&model)
                .bulk_delete(ids.iter().copied().map(Id))
                .await?;
            json!({ "deleted": { "model": model, "ids": ids } })
        }
        Operation::AvailableIps {
            prefix_id,
            allocate,
            range,
        } => {
            let pool = if range {
                client.ipam().range_available_ips(prefix_id)
            } else {
                client.ipam().available_ips(prefix_id)
            };
            match allocate {
                Some(n) => to_json(pool.allocate_many(&vec![json!({}); n]).await?)?,
                None => to_json(pool.list().await?)?,
            }
        }
        Operation::AvailablePrefixes {
            prefix_id,
            allocate,
        } => {
            let pool = client.ipam().available_prefixes(prefix_id);
            match allocate {
                Some(length) => to_json(pool.allocate(&json!({ "prefix_length": length })).await?)?,
                None => to_json(pool.list().await?)?,
            }
        }
        Operation::AvailableVlans { group_id, allocate } => {
            let pool = client.ipam().available_vlans(group_id);
            match allocate {
                Some(name) => to_json(pool.allocate(&json!({ "name": name })).await?)?,
                None => to_json(pool.list().await?)?,
            }
        }
        Operation::RenderConfig { device_id } => {
            let id = device_key(client, &device_id).await?;
            to_json(client.dcim().render_config(id).await?)?
        }
        Operation::Status => to_json(client.status().get().await?)?,
    })
}

/// A device's key: the id as given, or the one device with that name.
async fn device_key(client: &Client, device: &str) -> anyhow::Result<Id> {
    if let Ok(id) = device.parse::<Id>() {
        return Ok(id);
    }
    let page = client
        .dcim()
        .devices()
        .list()
        .filter("name", device)
        .limit(2)
        .send()
        .await?;
    match page.items.as_slice() {
        [one] => Ok(one.id),
        [] => Err(UsageError(format!("no NetBox device named {device:?}")).into()),
        _ => Err(UsageError(format!(
            "several NetBox devices are named {device:?}; give its id"
        ))
        .into()),
    }
}

/// The (tenant, service) whose NetBox to use: `--tenant`'s, or the only tenant with one.
fn choose_netbox(settings: &Settings, tenant: Option<&str>) -> anyhow::Result<(String, String)> {
    let with_netbox: Vec<(&String, String)> = settings
        .tenants
        .iter()
        .filter_map(|(tenant, services)| {
            let service = if services.contains_key("netbox") {
                Some("netbox".to_owned())
            } else {
                services
                    .iter()
                    .find(|(name, s)| s.kind_or(name) == "netbox")
                    .map(|(name, _)| name.clone())
            };
            service.map(|s| (tenant, s))
        })
        .collect();
    let names = || {
        with_netbox
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match tenant {
        Some(wanted) => with_netbox
            .iter()
            .find(|(t, _)| t.as_str() == wanted)
            .map(|(t, s)| ((*t).clone(), s.clone()))
            .ok_or_else(|| {
                UsageError(format!(
                    "--tenant {wanted}: no NetBox in its settings (tenants with NetBox: {})",
                    if with_netbox.is_empty() { "none".to_owned() } else { names() }
                ))
                .into()
            }),
        None => match with_netbox.as_slice() {
            [(t, s)] => Ok(((*t).clone(), s.clone())),
            [] => Err(UsageError(
                "no tenant has a NetBox in the settings: add [tenants.<tenant>.netbox] with url and auth".into(),
            )
            .into()),
            _ => Err(UsageError(format!("several tenants have NetBox ({}); choose one with --tenant", names())).into()),
        },
    }
}

fn parse_data(data: &str) -> anyhow::Result<Value> {
    serde_json::from_str(data).map_err(|e| UsageError(format!("--data: not JSON: {e}")).into())
}

fn to_json(value: impl Serialize) -> anyhow::Result<Value> {
    serde_json::to_value(value).context("could not print the answer as JSON")
}

fn parse_filter(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.to_owned()))
        }
        _ => Err("expected KEY=VALUE, e.g. role=router".to_owned()),
    }
}
