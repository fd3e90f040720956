//! What runs for each accepted delivery, after its 2xx was decided, and the built-in handler
//! that appends each event to a JSON-lines file.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

use crate::delivery::Delivery;
use crate::error::{Error, ErrorKind, Result};

/// Runs once per first-seen delivery, in a task of its own. An error (or a panic) is retried
/// with backoff; when every attempt failed, the delivery is stored as failed and logged.
#[async_trait]
pub trait Handler: Send + Sync + 'static {
    /// Handles one delivery. [`Delivery::event`] gives the typed event.
    async fn handle(&self, delivery: &Delivery) -> Result<(), HandlerError>;
}

/// A shared handler.
pub type SharedHandler = Arc<dyn Handler>;

#[async_trait]
impl<H: Handler + ?Sized> Handler for Arc<H> {
    async fn handle(&self, delivery: &Delivery) -> Result<(), HandlerError> {
        (**self).handle(delivery).await
    }
}

/// Why a handler failed. The message is logged and stored: it must not hold a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerError(String);

impl HandlerError {
    /// An error with a message.
    pub fn new(message: impl fmt::Display) -> Self {
        HandlerError(message.to_string())
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HandlerError {}

/// A handler that does nothing: deliveries are only deduplicated and recorded.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoHandler;

#[async_trait]
impl Handler for NoHandler {
    async fn handle(&self, _delivery: &Delivery) -> Result<(), HandlerError> {
        Ok(())
    }
}

/// Appends each delivery to a file as one JSON line `{id, type, received_at, payload}`.
#[derive(Debug, Clone)]
pub struct JsonLinesFile {
    path: PathBuf,
    // One writer at a time, so concurrent lines never interleave.
    file: Arc<tokio::sync::Mutex<std::fs::File>>,
}

impl JsonLinesFile {
    /// Opens `path` for appending, creating it if needed.
    pub fn open(path: impl AsRef<Path>) -> Result<JsonLinesFile> {
        let path = path.as_ref();
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| {
                Error::new(
                    ErrorKind::Io,
                    format!(
                        "cannot open {} for appending ({})",
                        path.display(),
                        e.kind()
                    ),
                )
                .with_source(e)
            })?;
        Ok(JsonLinesFile {
            path: path.to_path_buf(),
            file: Arc::new(tokio::sync::Mutex::new(file)),
        })
    }

    /// The file written.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[async_trait]
impl Handler for JsonLinesFile {
    async fn handle(&self, delivery: &Delivery) -> Result<(), HandlerError> {
        let mut line = serde_json::to_vec(&delivery.line()).map_err(HandlerError::new)?;
        line.push(b'\n');
        let mut file = self.file.lock().await;
        // One write of the whole line: with O_APPEND it lands in one piece.
        file.write_all(&line)
            .and_then(|()| file.flush())
            .map_err(|e| {
                HandlerError::new(format!("cannot append to {}: {e}", self.path.display()))
            })
    }
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;
    use serde_json::json;

    use super::*;

    #[tokio::test]
    async fn appends_one_line_per_delivery() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("events.jsonl");
        let out = JsonLinesFile::open(&path).unwrap();
        for id in ["a", "b"] {
            let delivery = Delivery {
                id: id.into(),
                event_type: "slice.deleted".into(),
                received_at: Timestamp::from_second(1_750_000_000).unwrap(),
                payload: json!({"event": "slice.deleted", "slice_id": "s-9"}),
            };
            out.handle(&delivery).await.unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1]["id"], "b");
        assert_eq!(lines[1]["type"], "slice.deleted");
        assert_eq!(lines[1]["received_at"], "2025-06-15T15:06:40Z");
        assert_eq!(lines[1]["payload"]["slice_id"], "s-9");
    }

    #[test]
    fn an_unwritable_path_names_the_file() {
        let err = JsonLinesFile::open("/nonexistent-dir/out.jsonl").unwrap_err();
        assert!(
            err.to_string().contains("/nonexistent-dir/out.jsonl"),
            "{err}"
        );
    }
}
