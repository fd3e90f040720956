//! Schema migrations, counted in the `schema_version` table; the missing ones run in order,
//! in one transaction, when the store opens.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::{Error, ErrorKind, Result};

/// Migration `i` brings the schema from version `i` to `i + 1`. Append only.
const MIGRATIONS: &[&str] = &[include_str!("schema.sql")];

/// The schema version this build writes.
pub(crate) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| Error::store("starting the schema migration", e))?;
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        .map_err(|e| Error::store("creating schema_version", e))?;
    let current: i64 = tx
        .query_row("SELECT MAX(version) FROM schema_version", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()
        .map_err(|e| Error::store("reading the schema version", e))?
        .flatten()
        .unwrap_or(0);
    if current > SCHEMA_VERSION {
        return Err(Error::new(
            ErrorKind::Store,
            format!(
                "workflow store has schema version {current}, newer than this nbi's \
                 {SCHEMA_VERSION}; upgrade nbi"
            ),
        ));
    }
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        tx.execute_batch(migration)
            .map_err(|e| Error::store(&format!("applying schema migration {}", index + 1), e))?;
    }
    if current < SCHEMA_VERSION {
        tx.execute("DELETE FROM schema_version", [])
            .and_then(|_| {
                tx.execute(
                    "INSERT INTO schema_version (version) VALUES (?1)",
                    [SCHEMA_VERSION],
                )
            })
            .map_err(|e| Error::store("writing the schema version", e))?;
    }
    tx.commit()
        .map_err(|e| Error::store("committing the schema migration", e))
}
