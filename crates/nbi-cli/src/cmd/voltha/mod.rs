//! `nbi voltha [--tenant T] <area> <verb> …`: every operation of the VOLTHA client, its answer
//! printed as JSON (the response model, unknown fields kept; `{}` for actions).

mod args;

use std::time::Duration;

use anyhow::Context as _;
use nbi_core::{Blocking, Settings, Transports};
use nbi_voltha::{GrpcErrorExt, NewDevice, OnuSerialNumber, PmConfigs, blocking::Client};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

pub(crate) use self::args::Args;
use self::args::{Adapters, Area, DeviceTypes, Devices, LogicalDevices, Onu, SerialOnPon};
use super::Context;
use crate::exit::{Outcome, UsageError};

/// Runs one `nbi voltha` command.
pub(crate) fn run(args: Args, ctx: &Context) -> anyhow::Result<Outcome> {
    let settings = ctx.settings()?.settings.clone();
    let (tenant, service) = target(&settings, args.tenant.as_deref(), args.service.as_deref())?;
    let transports = Transports::new(settings);
    let voltha = nbi_voltha::Client::from_transports(&transports, &tenant, &service)?
        .into_blocking(Blocking::new()?);
    let answer = call(&voltha, args.area)?;
    ctx.output.json(&answer)?;
    Ok(Outcome::Success)
}

/// The (tenant, settings table) to talk to: a table named `--service`, or else the one of
/// kind `voltha`; `--tenant` may be left out when one tenant alone has one.
fn target(
    settings: &Settings,
    tenant: Option<&str>,
    service: Option<&str>,
) -> anyhow::Result<(String, String)> {
    let candidates: Vec<(&str, &str)> = settings
        .tenants
        .iter()
        .flat_map(|(t, services)| {
            services
                .iter()
                .filter(|(name, s)| match service {
                    Some(wanted) => name.as_str() == wanted,
                    None => s.kind_or(name) == "voltha",
                })
                .map(move |(name, _)| (t.as_str(), name.as_str()))
        })
        .collect();
    let what = service.map_or("a VOLTHA service".to_owned(), |s| {
        format!("a service {s:?}")
    });
    let tenants = |list: &[(&str, &str)]| {
        let mut names: Vec<&str> = list.iter().map(|(t, _)| *t).collect();
        names.dedup();
        names.join(", ")
    };
    let chosen: Vec<(&str, &str)> = match tenant {
        Some(t) => candidates
            .iter()
            .copied()
            .filter(|(ct, _)| *ct == t)
            .collect(),
        None => candidates.clone(),
    };
    match chosen.as_slice() {
        [(t, s)] => Ok(((*t).to_owned(), (*s).to_owned())),
        [] if candidates.is_empty() => {
            Err(UsageError(format!("no tenant has {what} in the settings")).into())
        }
        [] => Err(UsageError(format!(
            "tenant {:?} has no {what} in the settings (tenants with one: {})",
            tenant.unwrap_or_default(),
            tenants(&candidates)
        ))
        .into()),
        many if tenant.is_some() => Err(UsageError(format!(
            "tenant {:?} has several VOLTHA services ({}); choose one with --service",
            tenant.unwrap_or_default(),
            many.iter().map(|(_, s)| *s).collect::<Vec<_>>().join(", ")
        ))
        .into()),
        many => Err(UsageError(format!(
            "several tenants have {what} ({}); choose one with --tenant",
            tenants(many)
        ))
        .into()),
    }
}

/// Puts the server's gRPC status in front of the error, when it sent one.
fn explain(e: nbi_core::Error) -> anyhow::Error {
    match (e.grpc_code(), e.grpc_message().map(str::to_owned)) {
        (Some(code), Some(message)) if !message.is_empty() => {
            let context = format!("VOLTHA answered {}: {message}", code.name());
            anyhow::Error::new(e).context(context)
        }
        _ => anyhow::Error::new(e),
    }
}

/// `--data` as a model, or a usage error naming the flag.
fn data<T: DeserializeOwned>(text: &str, what: &str) -> anyhow::Result<T> {
    serde_json::from_str(text).map_err(|e| UsageError(format!("--data is not {what}: {e}")).into())
}

fn to_json<T: Serialize>(value: nbi_core::Result<T>) -> Result<serde_json::Value, Failure> {
    let value = value.map_err(Failure::Api)?;
    serde_json::to_value(value).map_err(|e| Failure::Other(e.into()))
}

/// How a call failed: the API answered an error, or the command line was wrong.
enum Failure {
    Api(nbi_core::Error),
    Other(anyhow::Error),
}

fn call(voltha: &Client, area: Area) -> anyhow::Result<serde_json::Value> {
    match dispatch(voltha, area) {
        Ok(value) => Ok(value),
        Err(Failure::Api(e)) => Err(explain(e)),
        Err(Failure::Other(e)) => Err(e),
    }
}

fn done(result: nbi_core::Result<()>) -> Result<serde_json::Value, Failure> {
    result.map(|()| json!({})).map_err(Failure::Api)
}

fn dispatch(v: &Client, area: Area) -> Result<serde_json::Value, Failure> {
    match area {
        Area::Devices(verb) => devices(v, verb),
        Area::LogicalDevices(verb) => {
            let l = v.logical_devices();
            match verb {
                LogicalDevices::List => to_json(l.list()),
                LogicalDevices::Get { id } => to_json(l.get(id)),
                LogicalDevices::Ports { id } => to_json(l.ports(id)),
                LogicalDevices::Flows { id } => to_json(l.flows(id)),
                LogicalDevices::Meters { id } => to_json(l.meters(id)),
            }
        }
        Area::Adapters(Adapters::List) => to_json(v.adapters().list()),
        Area::DeviceTypes(DeviceTypes::List) => to_json(v.device_types().list()),
        Area::DeviceTypes(DeviceTypes::Get { id }) => to_json(v.device_types().get(id)),
        Area::Onu(verb) => onu(v, verb),
        Area::Health => to_json(v.health()),
    }
}

fn devices(v: &Client, verb: Devices) -> Result<serde_json::Value, Failure> {
    let d = v.devices();
    match verb {
        Devices::List => to_json(d.list()),
        Devices::Get { id } => to_json(d.get(id)),
        Devices::Preprovision { data: text } => {
            let device: NewDevice = data(&text, "a device").map_err(Failure::Other)?;
            to_json(d.preprovision(&device))
        }
        Devices::Enable { id } => done(d.enable(id)),
        Devices::Disable { id } => done(d.disable(id)),
        Devices::Reboot { id } => done(d.reboot(id)),
        Devices::Delete { id, force } => done(d.delete(id).force(force).send()),
        Devices::Ports { id } => to_json(d.ports(id)),
        Devices::Flows { id } => to_json(d.flows(id)),
        Devices::PmConfigs { id, data: None } => to_json(d.pm_configs(id)),
        Devices::PmConfigs {
            id,
            data: Some(text),
        } => {
            let configs: PmConfigs = data(&text, "a PM configuration").map_err(Failure::Other)?;
            done(d.update_pm_configs(id, &configs))
        }
        Devices::ImageDownloads { id } => to_json(d.image_downloads(id)),
    }
}

fn serial(onu: SerialOnPon) -> OnuSerialNumber {
    OnuSerialNumber::new(onu.olt, onu.port, onu.serial)
}

fn onu(v: &Client, verb: Onu) -> Result<serde_json::Value, Failure> {
    let o = v.onu();
    match verb {
        Onu::Enable { id } => done(o.enable(id)),
        Onu::Disable { id } => done(o.disable(id)),
        Onu::EnableSerial(onu) => done(o.enable_serial_number(&serial(onu))),
        Onu::DisableSerial(onu) => done(o.disable_serial_number(&serial(onu))),
        Onu::Provision {
            onu,
            timeout_s,
            poll_ms,
        } => {
            let mut provision = o
                .provision(onu.olt, onu.port, onu.serial)
                .poll_interval(Duration::from_millis(poll_ms));
            if let Some(secs) = timeout_s {
                let timeout = Duration::try_from_secs_f64(secs)
                    .context("--timeout-s must be a number of seconds, 0 or more")
                    .map_err(|e| Failure::Other(UsageError(format!("{e:#}")).into()))?;
                provision = provision.timeout(timeout);
            }
            to_json(provision.send())
        }
    }
}
