//! Pruning old versions and re-applying normalization rules to stored raw bodies.

use std::time::SystemTime;

use rusqlite::{Connection, TransactionBehavior};

use super::super::codec::{count, decompress, sha256_hex, store_error, to_millis};
use super::super::{PruneReport, Renormalizer, StoreDevice};
use super::blobs::{BlobTable, delete_orphan_raw_blobs, put_blob};
use super::record::{NewVersion, add_version};
use crate::{Error, ErrorKind, Result};

pub(super) fn prune(conn: &mut Connection, keep_versions: u32) -> Result<PruneReport> {
    if keep_versions == 0 {
        return Err(Error::new(
            ErrorKind::Usage,
            "retention.keep_versions must be at least 1",
        ));
    }
    let bytes_before = database_bytes(conn)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(store_error("starting the prune"))?;
    let versions_removed = tx
        .execute(
            "DELETE FROM versions WHERE version <=
               (SELECT d.latest_version FROM devices d WHERE d.id = versions.device) - ?1",
            [keep_versions],
        )
        .map_err(store_error("dropping old versions"))?;
    let blobs_removed = tx
        .execute(
            "DELETE FROM blobs WHERE
               NOT EXISTS (SELECT 1 FROM versions v WHERE v.sha256 = blobs.sha256)",
            [],
        )
        .map_err(store_error("dropping unused texts"))?;
    let raw_blobs_removed = delete_orphan_raw_blobs(&tx)?;
    tx.commit().map_err(store_error("committing the prune"))?;
    // VACUUM rewrites the file without the freed pages; the checkpoint folds the WAL back in so
    // the size reported is the size on disk.
    conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(store_error("compacting the store"))?;
    Ok(PruneReport {
        versions_removed: versions_removed as u64,
        blobs_removed: blobs_removed as u64,
        raw_blobs_removed,
        bytes_before,
        bytes_after: database_bytes(conn)?,
    })
}

fn database_bytes(conn: &Connection) -> Result<u64> {
    let pages: i64 = conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .map_err(store_error("measuring the store"))?;
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .map_err(store_error("measuring the store"))?;
    Ok(count(pages) * count(page_size))
}

/// A device whose latest raw body is to be normalized again.
struct Candidate {
    id: i64,
    device: StoreDevice,
    latest_version: u32,
    latest_sha256: Option<String>,
    latest_raw: String,
}

pub(super) fn renormalize(conn: &mut Connection, normalize: Renormalizer<'_>) -> Result<u32> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(store_error("starting renormalize"))?;
    let candidates: Vec<Candidate> = tx
        .prepare(
            "SELECT id, tenant, source, name, latest_version, latest_sha256, latest_raw
             FROM devices WHERE latest_raw IS NOT NULL ORDER BY id",
        )
        .and_then(|mut s| {
            s.query_map([], |r| {
                Ok(Candidate {
                    id: r.get(0)?,
                    device: StoreDevice::new(
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ),
                    latest_version: r.get(4)?,
                    latest_sha256: r.get(5)?,
                    latest_raw: r.get(6)?,
                })
            })?
            .collect()
        })
        .map_err(store_error("listing devices"))?;
    let now = to_millis(SystemTime::now());
    let mut changed = 0;
    for candidate in candidates {
        let (size, body): (i64, Vec<u8>) = tx
            .prepare_cached("SELECT size, body FROM raw_blobs WHERE sha256 = ?1")
            .and_then(|mut s| s.query_row([&candidate.latest_raw], |r| Ok((r.get(0)?, r.get(1)?))))
            .map_err(store_error("reading a raw body"))?;
        let raw = decompress(&body, count(size))?;
        let text = normalize(&candidate.device, &raw).map_err(|e| {
            Error::new(
                e.kind(),
                format!("renormalizing {}: {}", candidate.device, e.message()),
            )
        })?;
        let sha = sha256_hex(text.as_bytes());
        if candidate.latest_sha256.as_deref() == Some(sha.as_str()) {
            continue;
        }
        put_blob(&tx, BlobTable::Text, &sha, text.as_bytes())?;
        let new = NewVersion {
            version: candidate.latest_version + 1,
            sha256: &sha,
            raw_sha256: &candidate.latest_raw,
            run: None,
            at: now,
        };
        add_version(&tx, candidate.id, &new)?;
        changed += 1;
    }
    tx.commit().map_err(store_error("committing renormalize"))?;
    Ok(changed)
}
