//! [`DeliveryStore`] over one SQLite connection (WAL mode).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};

use super::{DEFAULT_DEDUPE_WINDOW, FAILED_RETENTION, FailedDelivery};
use crate::delivery::Delivery;
use crate::error::{Error, Result};

/// Admissions between two prunes of expired rows.
const PRUNE_EVERY: u64 = 128;
/// How long to wait for another connection's write before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Remembers delivery ids for the deduplication window and records handling outcomes.
/// Cloning is cheap: clones share one connection.
#[derive(Clone)]
pub struct DeliveryStore {
    inner: Arc<Inner>,
}

struct Inner {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    window: Duration,
    admitted: Mutex<u64>,
}

impl DeliveryStore {
    /// Opens (creating if needed) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<DeliveryStore> {
        let path = path.as_ref();
        let conn = Connection::open(path)
            .map_err(|e| Error::store(format_args!("cannot open {}", path.display()), e))?;
        Self::with_connection(conn, Some(path.to_path_buf()))
    }

    /// A store in memory: deduplication then lasts only as long as the process.
    pub fn in_memory() -> Result<DeliveryStore> {
        let conn =
            Connection::open_in_memory().map_err(|e| Error::store("cannot open in memory", e))?;
        Self::with_connection(conn, None)
    }

    fn with_connection(conn: Connection, path: Option<PathBuf>) -> Result<DeliveryStore> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| Error::store("cannot set the busy timeout", e))?;
        // WAL: readers never block the writer; NORMAL sync is durable across a process crash.
        conn.pragma_update(None, "journal_mode", "WAL")
            .and_then(|()| conn.pragma_update(None, "synchronous", "NORMAL"))
            .map_err(|e| Error::store("cannot configure SQLite", e))?;
        conn.execute_batch(include_str!("schema.sql"))
            .map_err(|e| Error::store("cannot create the schema", e))?;
        Ok(DeliveryStore {
            inner: Arc::new(Inner {
                conn: Mutex::new(conn),
                path,
                window: DEFAULT_DEDUPE_WINDOW,
                admitted: Mutex::new(0),
            }),
        })
    }

    /// How long ids are remembered (default 24 h). Set before sharing the store.
    #[must_use]
    pub fn window(self, window: Duration) -> DeliveryStore {
        match Arc::try_unwrap(self.inner) {
            Ok(mut inner) => {
                inner.window = window;
                DeliveryStore {
                    inner: Arc::new(inner),
                }
            }
            // Already shared: keep the window it was opened with.
            Err(inner) => DeliveryStore { inner },
        }
    }

    /// The file, unless in memory.
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }

    /// Records `delivery` as pending unless its id was seen within the window. `true` when it
    /// is new and must be handled; `false` for a repeat.
    pub fn admit(&self, delivery: &Delivery) -> Result<bool> {
        let now = delivery.received_at;
        let cutoff = millis(now) - window_ms(self.inner.window);
        let payload = delivery.payload.to_string();
        let changed = self
            .conn()
            .execute(
                "INSERT INTO deliveries (id, received_ms, event_type, payload, state)
                 VALUES (?1, ?2, ?3, ?4, 'pending')
                 ON CONFLICT (id) DO UPDATE SET
                     received_ms = excluded.received_ms, event_type = excluded.event_type,
                     payload = excluded.payload, state = 'pending', attempts = 0, last_error = NULL
                 WHERE deliveries.received_ms < ?5",
                params![
                    delivery.id,
                    millis(now),
                    delivery.event_type,
                    payload,
                    cutoff
                ],
            )
            .map_err(|e| Error::store("cannot record a delivery", e))?;
        if self.count_admission() {
            self.prune(now)?;
        }
        Ok(changed == 1)
    }

    /// Marks a delivery handled.
    pub fn mark_done(&self, id: &str, attempts: u32) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE deliveries SET state = 'done', attempts = ?2, last_error = NULL
                 WHERE id = ?1",
                params![id, attempts],
            )
            .map(drop)
            .map_err(|e| Error::store("cannot mark a delivery handled", e))
    }

    /// Marks a delivery failed after `attempts`, keeping the last error.
    pub fn mark_failed(&self, id: &str, attempts: u32, error: &str) -> Result<()> {
        self.conn()
            .execute(
                "UPDATE deliveries SET state = 'failed', attempts = ?2, last_error = ?3
                 WHERE id = ?1",
                params![id, attempts, error],
            )
            .map(drop)
            .map_err(|e| Error::store("cannot mark a delivery failed", e))
    }

    /// Deliveries whose handler gave up, oldest first.
    pub fn failed(&self) -> Result<Vec<FailedDelivery>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT id, received_ms, event_type, payload, attempts, last_error
                 FROM deliveries WHERE state = 'failed' ORDER BY received_ms, id",
            )
            .map_err(|e| Error::store("cannot list failed deliveries", e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row_delivery(row)?,
                    row.get::<_, u32>(4)?,
                    row.get::<_, Option<String>>(5)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| Error::store("cannot list failed deliveries", e))?;
        Ok(rows
            .into_iter()
            .map(|(delivery, attempts, error)| FailedDelivery {
                delivery,
                attempts,
                error: error.unwrap_or_default(),
            })
            .collect())
    }

    /// Deliveries accepted but not yet handled (e.g. the process stopped first), oldest first.
    pub fn pending(&self) -> Result<Vec<Delivery>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare(
                "SELECT id, received_ms, event_type, payload FROM deliveries
                 WHERE state = 'pending' ORDER BY received_ms, id",
            )
            .map_err(|e| Error::store("cannot list pending deliveries", e))?;
        stmt.query_map([], row_delivery)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| Error::store("cannot list pending deliveries", e))
    }

    /// The handling state of a delivery (`pending`, `done`, `failed`), if its id is stored.
    pub fn state(&self, id: &str) -> Result<Option<String>> {
        self.conn()
            .query_row(
                "SELECT state FROM deliveries WHERE id = ?1",
                params![id],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| Error::store("cannot read a delivery", e))
    }

    /// Forgets handled deliveries older than the window and failed ones older than
    /// [`FAILED_RETENTION`]; returns how many rows went.
    pub fn prune(&self, now: Timestamp) -> Result<usize> {
        let handled_cutoff = millis(now) - window_ms(self.inner.window);
        let failed_cutoff = millis(now) - window_ms(FAILED_RETENTION.max(self.inner.window));
        self.conn()
            .execute(
                "DELETE FROM deliveries
                 WHERE (state = 'done' AND received_ms < ?1)
                    OR (state = 'failed' AND received_ms < ?2)",
                params![handled_cutoff, failed_cutoff],
            )
            .map_err(|e| Error::store("cannot prune old deliveries", e))
    }

    fn count_admission(&self) -> bool {
        let mut admitted = lock(&self.inner.admitted);
        *admitted += 1;
        // The first admission prunes too: "now" is the deliveries' clock, not read at open.
        *admitted % PRUNE_EVERY == 1
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        lock(&self.inner.conn)
    }
}

fn row_delivery(row: &rusqlite::Row<'_>) -> rusqlite::Result<Delivery> {
    let received_ms: i64 = row.get(1)?;
    let payload: String = row.get(3)?;
    Ok(Delivery {
        id: row.get(0)?,
        received_at: Timestamp::from_millisecond(received_ms).unwrap_or(Timestamp::UNIX_EPOCH),
        event_type: row.get(2)?,
        // Written by `admit` from a parsed value; a hand-edited row degrades to its text.
        payload: serde_json::from_str(&payload).unwrap_or(serde_json::Value::String(payload)),
    })
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock only means a panic elsewhere; the connection is still usable.
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

fn millis(at: Timestamp) -> i64 {
    at.as_millisecond()
}

fn window_ms(window: Duration) -> i64 {
    i64::try_from(window.as_millis()).unwrap_or(i64::MAX / 2)
}

impl fmt::Debug for DeliveryStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveryStore")
            .field("path", &self.inner.path)
            .field("window", &self.inner.window)
            .finish()
    }
}
