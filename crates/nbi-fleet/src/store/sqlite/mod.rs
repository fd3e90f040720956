//! The SQLite snapshot store: one file (WAL mode), results written in batched transactions.

mod blobs;
mod maintain;
mod query;
mod record;
mod results;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use rusqlite::Connection;

use super::codec::store_error;
use super::lock::WriterLock;
use super::migrate::migrate;
use super::{
    DeviceResult, Failure, Outcome, PruneReport, Recorded, Renormalizer, RunId, RunSummary,
    RunTotals, SnapshotStore, StoreDevice, TenantRun, VersionInfo,
};
use crate::{Error, ErrorKind, Result};

/// Results per transaction: large enough that commits (an fsync each at most) cost little per
/// device, small enough that a crash loses only a moment's work (`--resume` refetches it).
const BATCH_RESULTS: u32 = 500;
/// A batch is committed at the next result after this long, however small it is.
const BATCH_AGE: Duration = Duration::from_millis(250);
/// How long to wait for another connection's write to finish before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A snapshot store in one SQLite file.
///
/// [`SqliteStore::open`] is for reading (and tests); commands that write — backup, prune,
/// renormalize — use [`SqliteStore::open_for_backup`], which refuses a second writer.
#[derive(Debug)]
pub struct SqliteStore {
    path: PathBuf,
    batch: Mutex<Batch>,
    // Dropped after `batch` (fields drop in order), so the last commit happens under the lock.
    _lock: Option<WriterLock>,
}

/// The connection and the results written since the last commit.
#[derive(Debug)]
struct Batch {
    conn: Connection,
    pending: u32,
    started: Option<Instant>,
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore> {
        Self::open_with(path.as_ref(), None)
    }

    /// Opens the store as its only writer: a lock file beside it (`nbi.db.lock`) is held until
    /// the store is dropped. A second writer gets a `Store` error naming the holder's pid.
    pub fn open_for_backup(path: impl AsRef<Path>) -> Result<SqliteStore> {
        let path = path.as_ref();
        let lock = WriterLock::acquire(path)?;
        Self::open_with(path, Some(lock))
    }

    fn open_with(path: &Path, lock: Option<WriterLock>) -> Result<SqliteStore> {
        let mut conn = Connection::open(path).map_err(|e| {
            Error::new(
                ErrorKind::Store,
                format!("cannot open snapshot store {}: {e}", path.display()),
            )
            .with_source(e)
        })?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(SqliteStore {
            path: path.to_path_buf(),
            batch: Mutex::new(Batch {
                conn,
                pending: 0,
                started: None,
            }),
            _lock: lock,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> Result<MutexGuard<'_, Batch>> {
        self.batch.lock().map_err(|_| {
            Error::new(
                ErrorKind::Store,
                "snapshot store unusable: a writer panicked mid-write",
            )
        })
    }

    /// Runs `f` on the connection with no batch open, for writes that need their own
    /// transaction (or none, like VACUUM).
    fn with_flushed<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut batch = self.lock()?;
        batch.commit()?;
        f(&mut batch.conn)
    }

    /// Runs a read on the connection; it sees this store's uncommitted batch too.
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let batch = self.lock()?;
        f(&batch.conn)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(store_error("setting the busy timeout"))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(store_error("switching to WAL"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::new(
            ErrorKind::Store,
            format!("snapshot store: WAL mode unavailable (journal mode is {mode})"),
        ));
    }
    // NORMAL is durable across application crashes in WAL mode; a power loss may drop the last
    // batches, which `--resume` refetches. Each result is written under a savepoint whose
    // statement journal would otherwise be a temporary file: in memory it is ~30 % faster.
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
    )
    .map_err(store_error("setting pragmas"))?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

impl Batch {
    /// Opens a batch transaction unless one is open.
    fn begin(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(store_error("starting a write batch"))?;
            self.started = Some(Instant::now());
            self.pending = 0;
        }
        Ok(())
    }

    /// Commits the batch when it is full or old enough.
    fn maybe_commit(&mut self) -> Result<()> {
        let old = self.started.is_some_and(|t| t.elapsed() >= BATCH_AGE);
        if self.pending >= BATCH_RESULTS || old {
            self.commit()?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn
                .execute_batch("COMMIT")
                .map_err(store_error("committing results"))?;
        }
        self.pending = 0;
        self.started = None;
        Ok(())
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        if let Ok(batch) = self.batch.get_mut() {
            // Nothing to report to on drop; an uncommitted batch is refetched by `--resume`.
            let _ = batch.commit();
        }
    }
}

impl SnapshotStore for SqliteStore {
    fn begin_run(&self, started_at: SystemTime) -> Result<RunId> {
        self.with_flushed(|conn| record::begin_run(conn, started_at))
    }

    fn record(&self, run: RunId, device: &StoreDevice, outcome: &Outcome<'_>) -> Result<Recorded> {
        let mut batch = self.lock()?;
        batch.begin()?;
        // A savepoint per result: a refused result leaves nothing behind in the batch.
        let savepoint = batch
            .conn
            .savepoint()
            .map_err(store_error("starting a result"))?;
        let recorded = record::record(&savepoint, run, device, outcome)?;
        savepoint
            .commit()
            .map_err(store_error("writing a result"))?;
        batch.pending += 1;
        batch.maybe_commit()?;
        Ok(recorded)
    }

    fn flush(&self) -> Result<()> {
        self.lock()?.commit()
    }

    fn finish_run(&self, run: RunId, finished_at: SystemTime, totals: RunTotals) -> Result<()> {
        self.with_flushed(|conn| record::finish_run(conn, run, finished_at, totals))
    }

    fn run(&self, run: RunId) -> Result<RunSummary> {
        self.read(|conn| query::run(conn, run))
    }

    fn runs(&self, limit: u32) -> Result<Vec<RunSummary>> {
        self.read(|conn| query::runs(conn, None, limit))
    }

    fn last_run_per_tenant(&self) -> Result<Vec<TenantRun>> {
        self.read(query::last_run_per_tenant)
    }

    fn devices_without_result(
        &self,
        run: RunId,
        candidates: &[StoreDevice],
    ) -> Result<Vec<StoreDevice>> {
        self.read(|conn| query::devices_without_result(conn, run, candidates))
    }

    fn versions(&self, device: &StoreDevice) -> Result<Vec<VersionInfo>> {
        self.read(|conn| query::versions(conn, device))
    }

    fn text(&self, device: &StoreDevice, version: Option<u32>) -> Result<String> {
        self.read(|conn| query::text(conn, device, version))
    }

    fn raw(&self, device: &StoreDevice, version: Option<u32>) -> Result<Vec<u8>> {
        self.read(|conn| query::raw(conn, device, version))
    }

    fn failures(&self, run: RunId) -> Result<Vec<Failure>> {
        self.read(|conn| results::failures(conn, run))
    }

    fn results(&self, run: RunId) -> Result<Vec<DeviceResult>> {
        self.read(|conn| results::results(conn, run))
    }

    fn devices(&self) -> Result<Vec<StoreDevice>> {
        self.read(results::devices)
    }

    fn prune(&self, keep_versions: u32) -> Result<PruneReport> {
        self.with_flushed(|conn| maintain::prune(conn, keep_versions))
    }

    fn renormalize(&self, normalize: Renormalizer<'_>) -> Result<u32> {
        self.with_flushed(|conn| maintain::renormalize(conn, normalize))
    }
}
