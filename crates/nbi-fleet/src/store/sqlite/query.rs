//! Reading runs, results, versions and texts.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::super::codec::{count, decompress, from_millis, store_error};
use super::super::{
    OutcomeCounts, RunId, RunSummary, RunTotals, StoreDevice, TenantRun, VersionInfo,
};
use super::record::{DeviceRow, find_device, run_key, unknown_run};
use crate::{Error, ErrorKind, Result};

const RUNS_SQL: &str = "SELECT r.id, r.started_at, r.finished_at, r.devices, r.requests, r.retries,
        COALESCE(SUM(t.changed), 0), COALESCE(SUM(t.unchanged), 0), COALESCE(SUM(t.failed), 0)
     FROM runs r LEFT JOIN run_tenants t ON t.run = r.id
     WHERE ?1 IS NULL OR r.id = ?1
     GROUP BY r.id ORDER BY r.id DESC LIMIT ?2";

pub(super) fn run(conn: &Connection, run: RunId) -> Result<RunSummary> {
    runs(conn, Some(run), 1)?
        .pop()
        .ok_or_else(|| unknown_run(run))
}

/// The latest `limit` runs (or just `only`), newest first.
pub(super) fn runs(conn: &Connection, only: Option<RunId>, limit: u32) -> Result<Vec<RunSummary>> {
    let mut statement = conn
        .prepare_cached(RUNS_SQL)
        .map_err(store_error("listing runs"))?;
    let rows = statement
        .query_map(params![only.map(run_key), limit], run_summary)
        .map_err(store_error("listing runs"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(store_error("listing runs"))
}

fn run_summary(row: &Row<'_>) -> rusqlite::Result<RunSummary> {
    Ok(RunSummary {
        id: RunId(count(row.get(0)?)),
        started_at: from_millis(row.get(1)?),
        finished_at: row.get::<_, Option<i64>>(2)?.map(from_millis),
        totals: RunTotals {
            devices: count(row.get(3)?),
            requests: count(row.get(4)?),
            retries: count(row.get(5)?),
        },
        counts: OutcomeCounts {
            changed: count(row.get(6)?),
            unchanged: count(row.get(7)?),
            failed: count(row.get(8)?),
        },
    })
}

pub(super) fn last_run_per_tenant(conn: &Connection) -> Result<Vec<TenantRun>> {
    let latest: Vec<(String, i64, OutcomeCounts)> = conn
        .prepare_cached(
            "SELECT t.tenant, t.run, t.changed, t.unchanged, t.failed FROM run_tenants t
             WHERE t.run = (SELECT MAX(run) FROM run_tenants l WHERE l.tenant = t.tenant)
             ORDER BY t.tenant",
        )
        .and_then(|mut s| {
            s.query_map([], |row| {
                let counts = OutcomeCounts {
                    changed: count(row.get(2)?),
                    unchanged: count(row.get(3)?),
                    failed: count(row.get(4)?),
                };
                Ok((row.get(0)?, row.get(1)?, counts))
            })?
            .collect()
        })
        .map_err(store_error("finding each tenant's last run"))?;
    latest
        .into_iter()
        .map(|(tenant, id, counts)| {
            Ok(TenantRun {
                tenant,
                run: run(conn, RunId(count(id)))?,
                counts,
            })
        })
        .collect()
}

pub(super) fn devices_without_result(
    conn: &Connection,
    run_id: RunId,
    candidates: &[StoreDevice],
) -> Result<Vec<StoreDevice>> {
    run(conn, run_id)?;
    let mut has_result = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM results r JOIN devices d ON d.id = r.device
             WHERE r.run = ?1 AND d.tenant = ?2 AND d.source = ?3 AND d.name = ?4)",
        )
        .map_err(store_error("checking results"))?;
    let mut missing = Vec::new();
    for device in candidates {
        let done: bool = has_result
            .query_row(
                params![run_key(run_id), device.tenant, device.source, device.id],
                |row| row.get(0),
            )
            .map_err(store_error("checking results"))?;
        if !done {
            missing.push(device.clone());
        }
    }
    Ok(missing)
}

pub(super) fn versions(conn: &Connection, device: &StoreDevice) -> Result<Vec<VersionInfo>> {
    let row = known_device(conn, device)?;
    conn.prepare_cached(
        "SELECT v.version, v.sha256, v.run, v.at, b.size FROM versions v
         JOIN blobs b ON b.sha256 = v.sha256
         WHERE v.device = ?1 ORDER BY v.version",
    )
    .and_then(|mut s| {
        s.query_map([row.id], |r| {
            Ok(VersionInfo {
                version: r.get(0)?,
                sha256: r.get(1)?,
                first_seen_run: r.get::<_, Option<i64>>(2)?.map(|id| RunId(count(id))),
                first_seen_at: from_millis(r.get(3)?),
                size: count(r.get(4)?),
            })
        })?
        .collect()
    })
    .map_err(store_error("listing versions"))
}

pub(super) fn text(
    conn: &Connection,
    device: &StoreDevice,
    version: Option<u32>,
) -> Result<String> {
    let row = known_device(conn, device)?;
    let version = pick_version(device, &row, version)?;
    let (size, body): (i64, Vec<u8>) = conn
        .prepare_cached(
            "SELECT b.size, b.body FROM versions v JOIN blobs b ON b.sha256 = v.sha256
             WHERE v.device = ?1 AND v.version = ?2",
        )
        .and_then(|mut s| {
            s.query_row(params![row.id, version], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
        .map_err(store_error("reading a version"))?
        .ok_or_else(|| no_such_version(device, &row, version))?;
    String::from_utf8(decompress(&body, count(size))?).map_err(|e| {
        Error::new(
            ErrorKind::Store,
            format!("snapshot store: {device} version {version} is not UTF-8"),
        )
        .with_source(e)
    })
}

pub(super) fn raw(
    conn: &Connection,
    device: &StoreDevice,
    version: Option<u32>,
) -> Result<Vec<u8>> {
    let row = known_device(conn, device)?;
    let sha256 = match version {
        None => row.latest_raw.clone(),
        Some(version) => conn
            .prepare_cached("SELECT raw_sha256 FROM versions WHERE device = ?1 AND version = ?2")
            .and_then(|mut s| {
                s.query_row(params![row.id, version], |r| r.get(0))
                    .optional()
            })
            .map_err(store_error("reading a version"))?,
    };
    let sha256 = sha256.ok_or_else(|| match version {
        Some(version) => no_such_version(device, &row, version),
        None => no_versions(device),
    })?;
    let (size, body): (i64, Vec<u8>) = conn
        .prepare_cached("SELECT size, body FROM raw_blobs WHERE sha256 = ?1")
        .and_then(|mut s| s.query_row([&sha256], |r| Ok((r.get(0)?, r.get(1)?))))
        .map_err(store_error("reading a raw body"))?;
    decompress(&body, count(size))
}

fn known_device(conn: &Connection, device: &StoreDevice) -> Result<DeviceRow> {
    find_device(conn, device)?.ok_or_else(|| {
        Error::new(
            ErrorKind::Usage,
            format!("unknown device {device}: the snapshot store has never backed it up"),
        )
    })
}

fn pick_version(device: &StoreDevice, row: &DeviceRow, version: Option<u32>) -> Result<u32> {
    match version {
        Some(version) => Ok(version),
        None if row.latest_version > 0 => Ok(row.latest_version),
        None => Err(no_versions(device)),
    }
}

fn no_versions(device: &StoreDevice) -> Error {
    Error::new(
        ErrorKind::Usage,
        format!("{device} has no stored version: every backup of it failed"),
    )
}

fn no_such_version(device: &StoreDevice, row: &DeviceRow, version: u32) -> Error {
    Error::new(
        ErrorKind::Usage,
        format!(
            "{device} has no version {version} (latest is {}; `nbi fleet history` lists them)",
            row.latest_version
        ),
    )
}
