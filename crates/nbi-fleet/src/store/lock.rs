//! The single-writer lock: a file beside the database holding an OS advisory lock and the
//! holder's pid, so a second backup is refused with a message naming the first.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::{Error, ErrorKind, Result};

/// Held for as long as the writer lives; the OS releases the lock when the file closes, even
/// after a crash, so a stale lock file never blocks the next backup.
#[derive(Debug)]
pub(crate) struct WriterLock {
    _file: File,
}

/// `nbi.db` → `nbi.db.lock`.
pub(crate) fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

impl WriterLock {
    /// Takes the lock for `db` or says who holds it.
    pub(crate) fn acquire(db: &Path) -> Result<WriterLock> {
        let path = lock_path(db);
        let io_error = |doing: &str, e: std::io::Error| {
            Error::new(ErrorKind::Io, format!("{doing} {}: {e}", path.display())).with_source(e)
        };
        // Not truncated on open: until we hold the lock, the pid inside belongs to the holder.
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| io_error("cannot open the lock file", e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let pid = if holder.is_empty() { "unknown" } else { holder };
                let db_name = db.file_name().unwrap_or(db.as_os_str()).to_string_lossy();
                return Err(Error::new(
                    ErrorKind::Store,
                    format!("another backup is writing {db_name} (pid {pid})"),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(io_error("cannot lock", e)),
        }
        file.set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| writeln!(file, "{}", std::process::id()))
            .and_then(|()| file.flush())
            .map_err(|e| io_error("cannot write the lock file", e))?;
        Ok(WriterLock { _file: file })
    }
}
