//! Logging setup for binaries, log capture for tests, and the spans every call runs in.

use std::io;
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tracing::level_filters::LevelFilter;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

use crate::error::{Error, Result};

/// How log lines look (`log_format` in `nbi.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Installs the global subscriber writing to stderr. An explicit `level` (a `-v` flag) wins;
/// without one, `RUST_LOG` decides, and without that, warnings and errors are shown. Calling
/// it again (or after another subscriber was installed) does nothing.
pub fn init_logging(format: LogFormat, level: Option<LevelFilter>) -> Result<()> {
    let filter = match level {
        Some(level) => EnvFilter::default().add_directive(level.into()),
        None => EnvFilter::builder()
            .with_default_directive(LevelFilter::WARN.into())
            .from_env()
            .map_err(|e| Error::config("RUST_LOG", e))?,
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr);
    // An error here only means a global subscriber is already installed: keep that one.
    let _already_installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    Ok(())
}

/// Collected log output of [`capture_logs`].
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct LogCapture {
    buffer: Arc<Mutex<Vec<u8>>>,
}

impl LogCapture {
    /// Everything logged so far, as text.
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&lock(&self.buffer)).into_owned()
    }
}

/// Writes one log line into a [`LogCapture`]'s buffer.
#[doc(hidden)]
#[derive(Debug)]
pub struct CaptureWriter {
    buffer: Arc<Mutex<Vec<u8>>>,
}

impl io::Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        lock(&self.buffer).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for LogCapture {
    type Writer = CaptureWriter;

    fn make_writer(&'a self) -> Self::Writer {
        CaptureWriter {
            buffer: Arc::clone(&self.buffer),
        }
    }
}

// A panic while writing a log line must not hide the logs of every later assertion.
fn lock(buffer: &Mutex<Vec<u8>>) -> MutexGuard<'_, Vec<u8>> {
    buffer
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Captures every event and closed span, down to TRACE, on the current thread until the guard
/// is dropped. For tests, including those of other nbi crates.
#[doc(hidden)]
pub fn capture_logs() -> (tracing::dispatcher::DefaultGuard, LogCapture) {
    let capture = LogCapture::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::TRACE)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(capture.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    (guard, capture)
}

/// The span of one call. `path_template` is the template (`/api/dcim/devices/{id}/`), never the
/// rendered path, a query string or anything secret. `status` and `attempts` are recorded when
/// the call ends.
pub(crate) fn call_span(
    service: &str,
    tenant: &str,
    operation: &str,
    method: &http::Method,
    path_template: &str,
) -> tracing::Span {
    tracing::info_span!(
        "nbi.call",
        service,
        tenant,
        operation,
        method = %method,
        path_template,
        status = tracing::field::Empty,
        attempts = tracing::field::Empty,
    )
}

/// The span of one attempt within a call; `status` is recorded when the attempt ends.
pub(crate) fn attempt_span(attempt: u32) -> tracing::Span {
    tracing::debug_span!("nbi.attempt", attempt, status = tracing::field::Empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_format_reads_lowercase_names() {
        #[derive(Deserialize)]
        struct Settings {
            log_format: LogFormat,
        }
        let s: Settings = serde_json::from_str(r#"{"log_format":"json"}"#).unwrap();
        assert_eq!(s.log_format, LogFormat::Json);
        assert_eq!(LogFormat::default(), LogFormat::Text);
        assert!(serde_json::from_str::<LogFormat>(r#""Text""#).is_err());
    }

    #[test]
    fn capture_sees_trace_events_and_span_fields() {
        let (_guard, logs) = capture_logs();
        let call = call_span(
            "netbox",
            "acme",
            "get_device",
            &http::Method::GET,
            "/api/dcim/devices/{id}/",
        );
        {
            let _call = call.enter();
            let attempt = attempt_span(2);
            let _attempt = attempt.enter();
            attempt.record("status", "503");
            tracing::trace!("deep detail");
        }
        call.record("status", "200");
        call.record("attempts", 2);
        drop(call);
        let out = logs.contents();
        assert!(out.contains("deep detail"), "{out}");
        assert!(out.contains("nbi.call"), "{out}");
        assert!(out.contains("nbi.attempt"), "{out}");
        assert!(out.contains("attempt=2"), "{out}");
        assert!(
            out.contains(r#"path_template="/api/dcim/devices/{id}/""#),
            "{out}"
        );
        assert!(out.contains(r#"status="200" attempts=2"#), "{out}");
    }

    #[test]
    fn init_logging_twice_is_harmless() {
        init_logging(LogFormat::Json, Some(LevelFilter::WARN)).unwrap();
        init_logging(LogFormat::Text, None).unwrap();
    }
}
