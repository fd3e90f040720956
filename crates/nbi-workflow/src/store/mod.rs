//! [`WorkflowStore`]: runs and their steps in SQLite (WAL), so an interrupted or failed run
//! can be inspected and resumed by another process.

mod migrate;
mod rows;

pub(crate) use rows::StepEnd;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

use crate::{Error, Result};

/// The workflow state store.
///
/// ```
/// let store = nbi_workflow::WorkflowStore::in_memory()?;
/// assert!(store.report(1).is_err()); // no run yet
/// # Ok::<(), nbi_workflow::Error>(())
/// ```
#[derive(Clone)]
pub struct WorkflowStore {
    conn: Arc<Mutex<Connection>>,
}

impl std::fmt::Debug for WorkflowStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkflowStore").finish_non_exhaustive()
    }
}

impl WorkflowStore {
    /// Opens (creating it and its folder if needed) the store at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::store(&format!("creating {}", dir.display()), e))?;
        }
        let conn =
            Connection::open(path).map_err(|e| Error::store(&format!("opening {shown}"), e))?;
        Self::setup(conn, true)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory().map_err(|e| Error::store("opening", e))?;
        Self::setup(conn, false)
    }

    fn setup(mut conn: Connection, wal: bool) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| Error::store("setting the busy timeout", e))?;
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| Error::store("switching to WAL", e))?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(|e| Error::store("setting synchronous", e))?;
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| Error::store("enabling foreign keys", e))?;
        migrate::migrate(&mut conn)?;
        Ok(WorkflowStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// The connection; a panic while it was held leaves SQLite consistent (every write is
    /// one statement or one transaction), so a poisoned lock is taken as is.
    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Now, RFC 3339 in UTC to the millisecond.
fn now() -> String {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Millisecond)
        .unwrap_or(now)
        .to_string()
}
