//! [`TnApi`]: transport-network agents, slices, performance tests and status.

use std::time::Duration;

use nbi_core::{Mode, RequestSpec};
use serde::Deserialize;

use crate::client::Client;
use crate::endpoint::*;
use crate::models::{
    PerformanceMetrics, PerformanceTestConfig, TnAgent, TnAgentRequest, TnSliceConfig,
    TnSliceStatus, TnStatus,
};
use crate::validate::validated;

/// Extra time a performance test's call gets beyond the test's own duration.
const PERFORMANCE_MARGIN: Duration = Duration::from_secs(30);

/// `/tn-manager/agents`.
#[derive(Debug, Clone)]
pub struct TnApi<M: Mode> {
    client: Client<M>,
}

#[derive(Deserialize)]
struct Agents {
    #[serde(default)]
    agents: Vec<TnAgent>,
}

impl<M: Mode> TnApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        TnApi { client }
    }

    /// `GET /tn-manager/agents`.
    pub fn agents(&self) -> M::Output<Vec<TnAgent>> {
        let inner = self.client.inner();
        self.client.run(Box::pin(async move {
            let page: Agents = inner.json(RequestSpec::get(LIST_AGENTS, AGENTS)).await?;
            Ok(page.agents)
        }))
    }

    /// `POST /tn-manager/agents`, after local validation.
    pub fn register_agent(&self, agent: &TnAgentRequest) -> M::Output<TnAgent> {
        if let Err(e) = validated(agent) {
            return self.client.fail(e);
        }
        self.client
            .json(RequestSpec::post(REGISTER_AGENT, AGENTS).json(agent))
    }

    /// `POST /tn-manager/agents/{id}/slices`, after local validation.
    pub fn configure_slice(
        &self,
        agent_id: &str,
        slice: &TnSliceConfig,
    ) -> M::Output<TnSliceStatus> {
        if let Err(e) = validated(slice) {
            return self.client.fail(e);
        }
        self.client.json(
            RequestSpec::post(CONFIGURE_SLICE, AGENT_SLICES)
                .path_param("agentId", agent_id)
                .json(slice),
        )
    }

    /// `POST /tn-manager/agents/{id}/performance`: the call may last as long as the test,
    /// so its timeout is the test's duration plus 30 s.
    pub fn run_performance_test(
        &self,
        agent_id: &str,
        test: &PerformanceTestConfig,
    ) -> M::Output<PerformanceMetrics> {
        if let Err(e) = validated(test) {
            return self.client.fail(e);
        }
        let timeout = Duration::from_secs(u64::from(test.duration_seconds)) + PERFORMANCE_MARGIN;
        self.client.json(
            RequestSpec::post(RUN_PERFORMANCE, AGENT_PERFORMANCE)
                .path_param("agentId", agent_id)
                .json(test)
                .timeout(timeout),
        )
    }

    /// `GET /tn-manager/agents/{id}/status`.
    pub fn status(&self, agent_id: &str) -> M::Output<TnStatus> {
        self.client
            .json(RequestSpec::get(AGENT_STATUS, AGENT_STATUS_PATH).path_param("agentId", agent_id))
    }
}
