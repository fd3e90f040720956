//! [`MonitoringApi`]: health and metrics (sent without a token) and slice metrics.

use nbi_core::{Mode, RequestSpec};

use crate::client::Client;
use crate::endpoint::*;
use crate::models::{Health, SliceMetrics, Timeframe};

/// `/monitoring/*`.
#[derive(Debug, Clone)]
pub struct MonitoringApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> MonitoringApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        MonitoringApi { client }
    }

    /// `GET /monitoring/health` (no token).
    pub fn health(&self) -> M::Output<Health> {
        self.client.open_json(RequestSpec::get(HEALTH, HEALTH_PATH))
    }

    /// `GET /monitoring/metrics`: Prometheus text (no token).
    pub fn metrics(&self) -> M::Output<String> {
        self.client
            .open_text(RequestSpec::get(METRICS, METRICS_PATH))
    }

    /// `GET /monitoring/slices/{id}/metrics` over `timeframe` (the server's default is 1 h).
    pub fn slice_metrics(
        &self,
        slice_id: &str,
        timeframe: Option<Timeframe>,
    ) -> M::Output<SliceMetrics> {
        self.client.json(
            RequestSpec::get(SLICE_METRICS, SLICE_METRICS_PATH)
                .path_param("sliceId", slice_id)
                .query_opt("timeframe", timeframe),
        )
    }
}
