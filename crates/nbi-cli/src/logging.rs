//! Logs go to stderr, as text or JSON lines.

use nbi_core::config::LogFormat;
use tracing_subscriber::EnvFilter;

use crate::args::{GlobalArgs, OutputFormat};

/// Installs the log subscriber. The level comes from `-v`/`-q` when given, else `RUST_LOG`,
/// else warnings only. JSON logs when `--output json` or `settings.log_format = "json"`.
pub(crate) fn init(global: &GlobalArgs, log_format: Option<LogFormat>) {
    let level = match (global.quiet, global.verbose) {
        (true, _) => Some("error"),
        (false, 0) => None,
        (false, 1) => Some("info"),
        (false, 2) => Some("debug"),
        (false, _) => Some("trace"),
    };
    let filter = match level {
        Some(level) => EnvFilter::new(level),
        None => EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
    };
    let json = global.output == OutputFormat::Json || log_format == Some(LogFormat::Json);
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A subscriber can only be installed once; a second attempt changes nothing.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
