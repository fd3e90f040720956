//! Writing runs, results, versions and blobs.

use std::time::SystemTime;

use rusqlite::{Connection, OptionalExtension, params};

use super::super::codec::{sha256_hex, store_error, to_micros, to_millis};
use super::super::{Outcome, Recorded, RunId, RunTotals, StoreDevice};
use super::blobs::{BlobTable, delete_orphan_raw_blobs, put_blob};
use crate::{Error, ErrorKind, Result};

/// A device's row and its latest version.
#[derive(Debug)]
pub(super) struct DeviceRow {
    pub(super) id: i64,
    pub(super) latest_version: u32,
    pub(super) latest_sha256: Option<String>,
    pub(super) latest_raw: Option<String>,
}

pub(super) fn begin_run(conn: &Connection, started_at: SystemTime) -> Result<RunId> {
    conn.execute(
        "INSERT INTO runs (started_at) VALUES (?1)",
        [to_millis(started_at)],
    )
    .map_err(store_error("starting a run"))?;
    Ok(RunId(super::super::codec::count(conn.last_insert_rowid())))
}

pub(super) fn finish_run(
    conn: &Connection,
    run: RunId,
    finished_at: SystemTime,
    totals: RunTotals,
) -> Result<()> {
    let updated = conn
        .execute(
            "UPDATE runs SET finished_at = ?2, devices = ?3, requests = ?4, retries = ?5
             WHERE id = ?1",
            params![
                run_key(run),
                to_millis(finished_at),
                saturate(totals.devices),
                saturate(totals.requests),
                saturate(totals.retries)
            ],
        )
        .map_err(store_error("finishing a run"))?;
    if updated == 0 {
        return Err(unknown_run(run));
    }
    // Each fetch replaces the device's latest raw body; the replaced ones no version needs go.
    delete_orphan_raw_blobs(conn)?;
    Ok(())
}

pub(super) fn record(
    conn: &Connection,
    run: RunId,
    device: &StoreDevice,
    outcome: &Outcome<'_>,
) -> Result<Recorded> {
    let run_started: i64 = conn
        .prepare_cached("SELECT started_at FROM runs WHERE id = ?1")
        .and_then(|mut s| s.query_row([run_key(run)], |row| row.get(0)).optional())
        .map_err(store_error("looking up a run"))?
        .ok_or_else(|| unknown_run(run))?;
    let row = ensure_device(conn, device)?;
    let already: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM results WHERE run = ?1 AND device = ?2)")
        .and_then(|mut s| s.query_row(params![run_key(run), row.id], |r| r.get(0)))
        .map_err(store_error("checking for an earlier result"))?;
    if already {
        return Err(Error::new(
            ErrorKind::Usage,
            format!("{device} already has a result in run {run}"),
        ));
    }
    let (recorded, result) = match *outcome {
        Outcome::Fetched {
            raw,
            normalized,
            attempts,
            elapsed,
        } => {
            let raw_sha = sha256_hex(raw);
            put_blob(conn, BlobTable::Raw, &raw_sha, raw)?;
            let sha = sha256_hex(normalized.as_bytes());
            let recorded = if row.latest_sha256.as_deref() == Some(sha.as_str()) {
                set_latest_raw(conn, row.id, &raw_sha)?;
                Recorded::Unchanged {
                    version: row.latest_version,
                }
            } else {
                put_blob(conn, BlobTable::Text, &sha, normalized.as_bytes())?;
                let version = row.latest_version + 1;
                let new = NewVersion {
                    version,
                    sha256: &sha,
                    raw_sha256: &raw_sha,
                    run: Some(run),
                    at: run_started,
                };
                add_version(conn, row.id, &new)?;
                Recorded::Changed { version }
            };
            let version = match recorded {
                Recorded::Changed { version } | Recorded::Unchanged { version } => Some(version),
                Recorded::Failed => None,
            };
            (recorded, (None, None, attempts, elapsed, version))
        }
        Outcome::Failed {
            error_kind,
            message,
            attempts,
            elapsed,
        } => {
            let version = (row.latest_version > 0).then_some(row.latest_version);
            let result = (Some(error_kind), Some(message), attempts, elapsed, version);
            (Recorded::Failed, result)
        }
    };
    let (error_kind, message, attempts, elapsed, version) = result;
    let outcome_name = match recorded {
        Recorded::Changed { .. } => "changed",
        Recorded::Unchanged { .. } => "unchanged",
        Recorded::Failed => "failed",
    };
    conn.prepare_cached(
        "INSERT INTO results (run, device, outcome, error_kind, message, attempts, elapsed_us, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut s| {
        s.execute(params![
            run_key(run),
            row.id,
            outcome_name,
            error_kind,
            message,
            attempts,
            to_micros(elapsed),
            version
        ])
    })
    .map_err(store_error("writing a result"))?;
    count_result(conn, run, &device.tenant, recorded)?;
    Ok(recorded)
}

/// A version about to be written.
#[derive(Debug)]
pub(super) struct NewVersion<'a> {
    pub(super) version: u32,
    pub(super) sha256: &'a str,
    pub(super) raw_sha256: &'a str,
    pub(super) run: Option<RunId>,
    pub(super) at: i64,
}

/// Adds a version (its blobs already stored) and makes it the device's latest.
pub(super) fn add_version(conn: &Connection, device: i64, new: &NewVersion<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO versions (device, version, sha256, raw_sha256, run, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            device,
            new.version,
            new.sha256,
            new.raw_sha256,
            new.run.map(run_key),
            new.at
        ])
    })
    .map_err(store_error("writing a version"))?;
    conn.prepare_cached(
        "UPDATE devices SET latest_version = ?2, latest_sha256 = ?3, latest_raw = ?4 WHERE id = ?1",
    )
    .and_then(|mut s| s.execute(params![device, new.version, new.sha256, new.raw_sha256]))
    .map_err(store_error("updating a device's latest version"))?;
    Ok(())
}

fn set_latest_raw(conn: &Connection, device: i64, raw_sha256: &str) -> Result<()> {
    conn.prepare_cached("UPDATE devices SET latest_raw = ?2 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![device, raw_sha256]))
        .map_err(store_error("updating a device's latest body"))?;
    Ok(())
}

/// The device's row, created on first sight.
fn ensure_device(conn: &Connection, device: &StoreDevice) -> Result<DeviceRow> {
    conn.prepare_cached(
        "INSERT INTO devices (tenant, source, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (tenant, source, name) DO NOTHING",
    )
    .and_then(|mut s| s.execute(params![device.tenant, device.source, device.id]))
    .map_err(store_error("adding a device"))?;
    find_device(conn, device)?.ok_or_else(|| {
        Error::new(
            ErrorKind::Store,
            format!("snapshot store: {device} vanished while being recorded"),
        )
    })
}

/// The device's row, if the store has seen it.
pub(super) fn find_device(conn: &Connection, device: &StoreDevice) -> Result<Option<DeviceRow>> {
    conn.prepare_cached(
        "SELECT id, latest_version, latest_sha256, latest_raw FROM devices
         WHERE tenant = ?1 AND source = ?2 AND name = ?3",
    )
    .and_then(|mut s| {
        s.query_row(params![device.tenant, device.source, device.id], |row| {
            Ok(DeviceRow {
                id: row.get(0)?,
                latest_version: row.get(1)?,
                latest_sha256: row.get(2)?,
                latest_raw: row.get(3)?,
            })
        })
        .optional()
    })
    .map_err(store_error("looking up a device"))
}

fn count_result(conn: &Connection, run: RunId, tenant: &str, recorded: Recorded) -> Result<()> {
    let (changed, unchanged, failed) = match recorded {
        Recorded::Changed { .. } => (1, 0, 0),
        Recorded::Unchanged { .. } => (0, 1, 0),
        Recorded::Failed => (0, 0, 1),
    };
    conn.prepare_cached(
        "INSERT INTO run_tenants (run, tenant, changed, unchanged, failed)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (run, tenant) DO UPDATE SET
           changed = changed + excluded.changed,
           unchanged = unchanged + excluded.unchanged,
           failed = failed + excluded.failed",
    )
    .and_then(|mut s| s.execute(params![run_key(run), tenant, changed, unchanged, failed]))
    .map_err(store_error("counting a result"))?;
    Ok(())
}

pub(super) fn unknown_run(run: RunId) -> Error {
    Error::new(
        ErrorKind::Usage,
        format!("no run {run} in the snapshot store"),
    )
}

/// SQLite integers are i64; run ids come from SQLite, so they fit.
pub(super) fn run_key(run: RunId) -> i64 {
    saturate(run.0)
}

fn saturate(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
