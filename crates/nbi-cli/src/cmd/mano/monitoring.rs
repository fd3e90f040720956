//! `nbi mano monitoring …`.

use clap::Subcommand;
use nbi_mano::Timeframe;
use serde_json::json;

use super::{Done, Mano, ok};

/// Monitoring verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// The system's health (no token needed).
    Health,
    /// Prometheus metrics (text; `{"metrics": …}` with --output json).
    Metrics,
    /// A slice's metrics.
    SliceMetrics {
        /// The slice's id.
        slice_id: String,
        /// 1h, 6h, 24h or 7d.
        #[arg(long)]
        timeframe: Option<String>,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let m = mano.monitoring();
    match verb {
        Verb::Health => ok(&m.health()?),
        Verb::Metrics => ok(&json!({ "metrics": m.metrics()? })),
        Verb::SliceMetrics {
            slice_id,
            timeframe,
        } => ok(&m.slice_metrics(&slice_id, timeframe.map(|t| Timeframe::from(t.as_str())))?),
    }
}
