//! `nbi fleet …`: the configuration backup job and its history.

mod backup;
mod inspect;
pub(crate) mod maintain;
mod progress;
mod schedule;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use nbi_core::{Settings, Transports};
use nbi_fleet::store::Failure;
use nbi_fleet::{FleetSettings, Inventory, SqliteStore};
use serde_json::Value;

use super::Context;
use crate::args::FleetCommand;
use crate::exit::{Outcome, UsageError};

pub(crate) use self::backup::{BackupPlan, backup_once, outcome};
pub(crate) use self::progress::progress_for;

/// Runs one `nbi fleet` command.
pub(crate) fn run(command: FleetCommand, ctx: &Context) -> anyhow::Result<Outcome> {
    let fleet = Fleet::load(ctx)?;
    match command {
        FleetCommand::Backup(args) => backup::run(&fleet, args, ctx),
        FleetCommand::Status => inspect::status(&fleet, ctx),
        FleetCommand::Show { device, version } => inspect::show(&fleet, &device, version, ctx),
        FleetCommand::History { device } => inspect::history(&fleet, &device, ctx),
        FleetCommand::Diff {
            device,
            from,
            to,
            exit_code,
        } => inspect::diff(&fleet, &device, (from, to), exit_code, ctx),
        FleetCommand::Export { dir, run } => maintain::export(&fleet, &dir, run, ctx),
        FleetCommand::Report { html, runs } => maintain::report(&fleet, &html, runs, ctx),
        FleetCommand::Prune => maintain::prune(&fleet, ctx),
        FleetCommand::Renormalize => maintain::renormalize(&fleet, ctx),
        FleetCommand::Schedule => schedule::run(&fleet, ctx),
    }
}

/// The settings a fleet command works from.
#[derive(Debug, Clone)]
pub(crate) struct Fleet {
    pub(crate) settings: Settings,
    pub(crate) fleet: FleetSettings,
    /// The snapshot store, resolved against the settings file's folder.
    pub(crate) store_path: PathBuf,
}

impl Fleet {
    fn load(ctx: &Context) -> anyhow::Result<Fleet> {
        let settings = ctx.settings()?.settings.clone();
        let fleet = FleetSettings::from_fleet_table(fleet_table(&settings))?;
        let store_path = settings.resolve_path(&fleet.store);
        Ok(Fleet {
            settings,
            fleet,
            store_path,
        })
    }

    /// The devices of `[fleet]`: `[[fleet.devices]]`, the CSV `inventory` file, and the
    /// devices a `[fleet.inventory.netbox]` query lists (asked through `transports`).
    pub(crate) async fn inventory(&self, transports: &Transports) -> anyhow::Result<Inventory> {
        let table = fleet_table(&self.settings);
        let listed = Inventory::from_fleet_table(table, &self.settings.base_dir)?;
        match Inventory::netbox_query(table) {
            Some(query) => Ok(listed.merged(Inventory::from_netbox(transports, query).await?)),
            None => Ok(listed),
        }
    }

    /// The store for reading; it must exist already.
    pub(crate) fn open_store(&self) -> anyhow::Result<SqliteStore> {
        self.require_store()?;
        Ok(SqliteStore::open(&self.store_path)?)
    }

    /// The existing store as its only writer (prune, renormalize).
    pub(crate) fn open_store_for_writing(&self) -> anyhow::Result<SqliteStore> {
        self.require_store()?;
        Ok(SqliteStore::open_for_backup(&self.store_path)?)
    }

    fn require_store(&self) -> anyhow::Result<()> {
        if self.store_path.exists() {
            return Ok(());
        }
        Err(UsageError(format!(
            "no snapshot store at {} (fleet.store); run `nbi fleet backup` first",
            self.store_path.display()
        ))
        .into())
    }
}

fn fleet_table(settings: &Settings) -> &Value {
    settings.extra.get("fleet").unwrap_or(&Value::Null)
}

/// RFC 3339 in UTC, to the second.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    jiff::Timestamp::try_from(time)
        .map(|t| t.round(jiff::Unit::Second).unwrap_or(t).to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// `path` for messages.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The first `limit` failures, one indented line each, then how many were left out and
/// where to find them (`more`).
pub(crate) fn failure_lines(failures: &[Failure], limit: usize, more: &str) -> String {
    let mut text = String::new();
    for failure in failures.iter().take(limit) {
        text.push_str(&format!(
            "  {}  {}: {} ({} attempts)\n",
            failure.device, failure.error_kind, failure.message, failure.attempts
        ));
    }
    if failures.len() > limit {
        text.push_str(&format!("  … and {} more {more}\n", failures.len() - limit));
    }
    text
}
