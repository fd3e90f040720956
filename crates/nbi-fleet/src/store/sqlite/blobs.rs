//! The content-addressed blob tables: each text or body stored once, compressed.

use rusqlite::{Connection, params};

use super::super::codec::{compress, store_error};
use crate::Result;

/// The two content-addressed blob tables.
#[derive(Debug, Clone, Copy)]
pub(super) enum BlobTable {
    /// Normalized text.
    Text,
    /// Bodies as fetched.
    Raw,
}

/// Stores a blob unless one with that hash is already there (compressing only new ones).
pub(super) fn put_blob(
    conn: &Connection,
    table: BlobTable,
    sha256: &str,
    bytes: &[u8],
) -> Result<()> {
    let (exists_sql, insert_sql) = match table {
        BlobTable::Text => (
            "SELECT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?1)",
            "INSERT INTO blobs (sha256, size, body) VALUES (?1, ?2, ?3)",
        ),
        BlobTable::Raw => (
            "SELECT EXISTS (SELECT 1 FROM raw_blobs WHERE sha256 = ?1)",
            "INSERT INTO raw_blobs (sha256, size, body) VALUES (?1, ?2, ?3)",
        ),
    };
    let exists: bool = conn
        .prepare_cached(exists_sql)
        .and_then(|mut s| s.query_row([sha256], |row| row.get(0)))
        .map_err(store_error("looking up a blob"))?;
    if !exists {
        let body = compress(bytes)?;
        conn.prepare_cached(insert_sql)
            .and_then(|mut s| {
                s.execute(params![
                    sha256,
                    i64::try_from(bytes.len()).unwrap_or(i64::MAX),
                    body
                ])
            })
            .map_err(store_error("writing a blob"))?;
    }
    Ok(())
}

/// Drops raw bodies that no version and no device's latest fetch refers to.
pub(super) fn delete_orphan_raw_blobs(conn: &Connection) -> Result<u64> {
    let removed = conn
        .execute(
            "DELETE FROM raw_blobs WHERE
               NOT EXISTS (SELECT 1 FROM versions v WHERE v.raw_sha256 = raw_blobs.sha256)
               AND NOT EXISTS (SELECT 1 FROM devices d WHERE d.latest_raw = raw_blobs.sha256)",
            [],
        )
        .map_err(store_error("dropping unused raw bodies"))?;
    Ok(removed as u64)
}
