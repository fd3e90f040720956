//! Logs go to stderr, as text or JSON lines.

use nbi_core::config::LogFormat;
use tracing::level_filters::LevelFilter;

use crate::args::{GlobalArgs, OutputFormat};

/// Installs the log subscriber. The level comes from `-v`/`-q` when given, else `RUST_LOG`,
/// else warnings only. JSON logs when `--output json` or `settings.log_format = "json"`.
pub(crate) fn init(global: &GlobalArgs, log_format: Option<LogFormat>) {
    let level = match (global.quiet, global.verbose) {
        (true, _) => Some(LevelFilter::ERROR),
        (false, 0) => None,
        (false, 1) => Some(LevelFilter::INFO),
        (false, 2) => Some(LevelFilter::DEBUG),
        (false, _) => Some(LevelFilter::TRACE),
    };
    let format = if global.output == OutputFormat::Json {
        LogFormat::Json
    } else {
        log_format.unwrap_or_default()
    };
    if let Err(e) = nbi_core::telemetry::init_logging(format, level) {
        // A bad RUST_LOG must not stop the command; say so and run with the defaults.
        eprintln!("nbi: {e}; logging warnings only");
        let _ = nbi_core::telemetry::init_logging(format, Some(LevelFilter::WARN));
    }
}
