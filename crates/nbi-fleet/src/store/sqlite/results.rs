//! Listing a run's results and the devices the store knows.

use rusqlite::{Connection, Row};

use super::super::codec::{from_micros, store_error};
use super::super::{DeviceResult, Failure, Recorded, RunId, StoreDevice};
use super::query::run;
use super::record::run_key;
use crate::Result;

pub(super) fn failures(conn: &Connection, run_id: RunId) -> Result<Vec<Failure>> {
    run(conn, run_id)?;
    conn.prepare_cached(
        "SELECT d.tenant, d.source, d.name, r.error_kind, r.message, r.attempts, r.elapsed_us
         FROM results r JOIN devices d ON d.id = r.device
         WHERE r.run = ?1 AND r.outcome = 'failed'
         ORDER BY d.tenant, d.source, d.name",
    )
    .and_then(|mut s| {
        s.query_map([run_key(run_id)], |r| {
            Ok(Failure {
                device: device(r)?,
                error_kind: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                message: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                attempts: r.get(5)?,
                elapsed: from_micros(r.get(6)?),
            })
        })?
        .collect()
    })
    .map_err(store_error("listing failures"))
}

pub(super) fn results(conn: &Connection, run_id: RunId) -> Result<Vec<DeviceResult>> {
    run(conn, run_id)?;
    conn.prepare_cached(
        "SELECT d.tenant, d.source, d.name, r.outcome, r.version, r.attempts, r.elapsed_us,
                r.error_kind, r.message
         FROM results r JOIN devices d ON d.id = r.device
         WHERE r.run = ?1
         ORDER BY d.tenant, d.source, d.name",
    )
    .and_then(|mut s| s.query_map([run_key(run_id)], device_result)?.collect())
    .map_err(store_error("listing results"))
}

fn device_result(r: &Row<'_>) -> rusqlite::Result<DeviceResult> {
    let outcome: String = r.get(3)?;
    let version: Option<u32> = r.get(4)?;
    let recorded = match (outcome.as_str(), version) {
        ("changed", Some(version)) => Recorded::Changed { version },
        ("unchanged", Some(version)) => Recorded::Unchanged { version },
        _ => Recorded::Failed,
    };
    let error = match (
        r.get::<_, Option<String>>(7)?,
        r.get::<_, Option<String>>(8)?,
    ) {
        (Some(kind), Some(message)) => Some((kind, message)),
        _ => None,
    };
    Ok(DeviceResult {
        device: device(r)?,
        recorded,
        version,
        attempts: r.get(5)?,
        elapsed: from_micros(r.get(6)?),
        error,
    })
}

pub(super) fn devices(conn: &Connection) -> Result<Vec<StoreDevice>> {
    conn.prepare_cached("SELECT tenant, source, name FROM devices ORDER BY tenant, source, name")
        .and_then(|mut s| s.query_map([], device)?.collect())
        .map_err(store_error("listing devices"))
}

/// The device named by a row's first three columns.
fn device(r: &Row<'_>) -> rusqlite::Result<StoreDevice> {
    Ok(StoreDevice::new(
        r.get::<_, String>(0)?,
        r.get::<_, String>(1)?,
        r.get::<_, String>(2)?,
    ))
}
