//! [`OrchestratorApi`]: QoS intents, plans, deployments and their status.

use futures::future::try_join_all;
use nbi_core::{Mode, RequestSpec};
use serde_json::json;

use super::batch::CreateIntents;
use super::list::List;
use super::wait::{DeploymentEvent, WaitForDeployment, events};
use crate::client::Client;
use crate::endpoint::*;
use crate::models::{
    DeploymentStatus, IntentStatus, OrchestrationPlan, PlanRequest, QoSIntent, QoSIntentRequest,
    SliceType,
};
use crate::validate::validated;

/// `/orchestrator/*`.
#[derive(Debug, Clone)]
pub struct OrchestratorApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> List<M, QoSIntent> {
    /// Only intents of this slice type.
    pub fn slice_type(self, slice_type: SliceType) -> Self {
        self.filter("slice_type", slice_type)
    }

    /// Only intents in this status.
    pub fn status(self, status: IntentStatus) -> Self {
        self.filter("status", status)
    }
}

impl<M: Mode> OrchestratorApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        OrchestratorApi { client }
    }

    /// `GET /orchestrator/intents`: one page ([`List::send`]) or every intent ([`List::all`]).
    pub fn intents(&self) -> List<M, QoSIntent> {
        List::new(self.client.clone(), LIST_INTENTS, INTENTS, "intents")
    }

    /// `GET /orchestrator/intents/{id}`.
    pub fn intent(&self, id: &str) -> M::Output<QoSIntent> {
        self.client
            .json(RequestSpec::get(GET_INTENT, INTENT).path_param("intentId", id))
    }

    /// `POST /orchestrator/intents`, after local validation.
    pub fn create_intent(&self, intent: &QoSIntentRequest) -> M::Output<QoSIntent> {
        if let Err(e) = validated(intent) {
            return self.client.fail(e);
        }
        self.client
            .json(RequestSpec::post(CREATE_INTENT, INTENTS).json(intent))
    }

    /// Creates many intents, at most `concurrency` at a time (see [`CreateIntents`]).
    pub fn create_intents(&self, intents: Vec<QoSIntentRequest>) -> CreateIntents<M> {
        CreateIntents::new(self.client.clone(), intents)
    }

    /// `PUT /orchestrator/intents/{id}`, after local validation.
    pub fn update_intent(&self, id: &str, intent: &QoSIntentRequest) -> M::Output<QoSIntent> {
        if let Err(e) = validated(intent) {
            return self.client.fail(e);
        }
        self.client.json(
            RequestSpec::put(UPDATE_INTENT, INTENT)
                .path_param("intentId", id)
                .json(intent),
        )
    }

    /// `DELETE /orchestrator/intents/{id}` (409 while it has active deployments).
    pub fn delete_intent(&self, id: &str) -> M::Output<()> {
        self.client
            .empty(RequestSpec::delete(DELETE_INTENT, INTENT).path_param("intentId", id))
    }

    /// `POST /orchestrator/plan`, after local validation.
    pub fn plan(&self, plan: &PlanRequest) -> M::Output<OrchestrationPlan> {
        if let Err(e) = validated(plan) {
            return self.client.fail(e);
        }
        // Planning changes nothing (a dry run by default): safe to replay.
        self.client.json(
            RequestSpec::post(CREATE_PLAN, PLAN_PATH)
                .json(plan)
                .idempotent(true),
        )
    }

    /// Plans stored intents: reads each by id, then plans their QoS.
    pub fn plan_intents(&self, ids: Vec<String>) -> M::Output<OrchestrationPlan> {
        let inner = self.client.inner();
        self.client.run(Box::pin(async move {
            let reads = ids.iter().map(|id| {
                let spec = RequestSpec::get(GET_INTENT, INTENT).path_param("intentId", id);
                let inner = inner.clone();
                async move { inner.json::<QoSIntent>(spec).await }
            });
            let intents = try_join_all(reads).await?;
            let plan = PlanRequest {
                intents: intents.iter().map(QoSIntent::to_request).collect(),
                dry_run: None,
            };
            validated(&plan)?;
            let spec = RequestSpec::post(CREATE_PLAN, PLAN_PATH)
                .json(&plan)
                .idempotent(true);
            inner.json(spec).await
        }))
    }

    /// `POST /orchestrator/deploy` of a plan (202); `force` deploys despite conflicts.
    pub fn deploy(&self, plan_id: &str, force: bool) -> M::Output<DeploymentStatus> {
        let body = json!({ "plan_id": plan_id, "force": force });
        self.client
            .json(RequestSpec::post(DEPLOY, DEPLOY_PATH).json(&body))
    }

    /// `GET /orchestrator/deployments/{id}`: a deployment's status now.
    pub fn deployment(&self, id: &str) -> M::Output<DeploymentStatus> {
        self.client
            .json(RequestSpec::get(GET_DEPLOYMENT, DEPLOYMENT).path_param("deploymentId", id))
    }

    /// Polls a deployment until it completes (see [`WaitForDeployment`]).
    pub fn wait_for_deployment(&self, id: &str) -> WaitForDeployment<M> {
        WaitForDeployment::new(self.client.clone(), id)
    }

    /// Every change of a deployment's status or progress, polled every `interval`, ending
    /// after a terminal status (or the first error).
    pub fn deployment_events(
        &self,
        id: &str,
        interval: std::time::Duration,
    ) -> M::Items<DeploymentEvent> {
        let stream = events(self.client.inner(), id.to_owned(), interval);
        self.client.mode().items(stream)
    }
}
