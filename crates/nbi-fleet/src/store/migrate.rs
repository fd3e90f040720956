//! Schema migrations: `PRAGMA user_version` counts the migrations applied; the missing ones
//! run in order, in one transaction, when the store opens.

use rusqlite::Connection;

use super::codec::store_error;
use crate::{Error, ErrorKind, Result};

/// Migration `i` brings the schema from version `i` to `i + 1`. Append only; never edit one
/// that has shipped.
const MIGRATIONS: &[&str] = &[include_str!("schema.sql")];

/// The schema version this build writes.
pub(crate) const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Applies the migrations `conn`'s database lacks. Returns the version it was at.
pub(crate) fn migrate(conn: &mut Connection) -> Result<u32> {
    // Up to date is the common case: readers then never take the write lock.
    let current = user_version(conn)?;
    if current == SCHEMA_VERSION {
        return Ok(current);
    }
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(store_error("starting the schema migration"))?;
    // Read again under the lock: another process may have migrated meanwhile.
    let current = user_version(&tx)?;
    if current > SCHEMA_VERSION {
        return Err(Error::new(
            ErrorKind::Store,
            format!(
                "snapshot store has schema version {current}, newer than this nbi's \
                 {SCHEMA_VERSION}; upgrade nbi"
            ),
        ));
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(migration).map_err(store_error(&format!(
            "applying schema migration {}",
            index + 1
        )))?;
    }
    if current < SCHEMA_VERSION {
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(store_error("writing the schema version"))?;
    }
    tx.commit()
        .map_err(store_error("committing the schema migration"))?;
    Ok(current)
}

fn user_version(conn: &Connection) -> Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(store_error("reading the schema version"))
}
