//! Every call this client makes: its operation (metric label, timeout class and rate-limit
//! category) and its path template.
//!
//! Categories follow the guide: `deployment` (100/min) for planning, deploying and changing
//! VNFs, TN slices and O2 deployments; `monitoring` (5,000/min) for health, metrics, slice
//! metrics, agent status and deployment status polls; `standard` (1,000/min) for the rest.

use nbi_core::{Operation, OperationClass};

const PLAN: OperationClass = OperationClass::from_static("plan");
const DEPLOY_CLASS: OperationClass = OperationClass::from_static("deploy");
const SCALE: OperationClass = OperationClass::from_static("scale");
const PERFORMANCE: OperationClass = OperationClass::from_static("performance_test");

macro_rules! ops {
    ($($name:ident = $label:literal, $class:expr, $category:literal;)+) => {
        $(
            #[doc = concat!("`", $label, "` (", $category, ").")]
            pub(crate) const $name: Operation = Operation::in_category($label, $class, $category);
        )+
        /// Every operation, for tests and docs.
        #[cfg(test)]
        pub(crate) const ALL: &[Operation] = &[$($name,)+];
    };
}

ops! {
    LIST_INTENTS = "list_intents", OperationClass::LIST, "standard";
    GET_INTENT = "get_intent", OperationClass::GET, "standard";
    CREATE_INTENT = "create_intent", OperationClass::CREATE, "standard";
    UPDATE_INTENT = "update_intent", OperationClass::UPDATE, "standard";
    DELETE_INTENT = "delete_intent", OperationClass::DELETE, "standard";
    CREATE_PLAN = "create_plan", PLAN, "deployment";
    DEPLOY = "deploy", DEPLOY_CLASS, "deployment";
    GET_DEPLOYMENT = "get_deployment_status", OperationClass::GET, "monitoring";
    LIST_VNFS = "list_vnfs", OperationClass::LIST, "standard";
    GET_VNF = "get_vnf", OperationClass::GET, "standard";
    CREATE_VNF = "create_vnf", OperationClass::CREATE, "deployment";
    UPDATE_VNF = "update_vnf", OperationClass::UPDATE, "deployment";
    DELETE_VNF = "delete_vnf", OperationClass::DELETE, "deployment";
    SCALE_VNF = "scale_vnf", SCALE, "deployment";
    LIST_AGENTS = "list_tn_agents", OperationClass::LIST, "standard";
    REGISTER_AGENT = "register_tn_agent", OperationClass::CREATE, "standard";
    CONFIGURE_SLICE = "configure_tn_slice", OperationClass::PROVISION, "deployment";
    RUN_PERFORMANCE = "run_tn_performance_test", PERFORMANCE, "standard";
    AGENT_STATUS = "get_tn_agent_status", OperationClass::GET, "monitoring";
    LIST_MANAGERS = "list_deployment_managers", OperationClass::LIST, "standard";
    LIST_DESCRIPTORS = "list_nf_descriptors", OperationClass::LIST, "standard";
    LIST_NF_DEPLOYMENTS = "list_nf_deployments", OperationClass::LIST, "standard";
    CREATE_NF_DEPLOYMENT = "create_nf_deployment", OperationClass::CREATE, "deployment";
    GET_NF_DEPLOYMENT = "get_nf_deployment", OperationClass::GET, "standard";
    DELETE_NF_DEPLOYMENT = "delete_nf_deployment", OperationClass::DELETE, "deployment";
    HEALTH = "health", OperationClass::HEALTH_CHECK, "monitoring";
    METRICS = "metrics", OperationClass::GET, "monitoring";
    SLICE_METRICS = "get_slice_metrics", OperationClass::GET, "monitoring";
    SUBSCRIBE = "create_webhook_subscription", OperationClass::CREATE, "standard";
    LIST_SUBSCRIPTIONS = "list_webhook_subscriptions", OperationClass::LIST, "standard";
    UNSUBSCRIBE = "delete_webhook_subscription", OperationClass::DELETE, "standard";
}

pub(crate) const INTENTS: &str = "/orchestrator/intents";
pub(crate) const INTENT: &str = "/orchestrator/intents/{intentId}";
pub(crate) const PLAN_PATH: &str = "/orchestrator/plan";
pub(crate) const DEPLOY_PATH: &str = "/orchestrator/deploy";
/// The guide's deployment status; the spec has no path for it.
pub(crate) const DEPLOYMENT: &str = "/orchestrator/deployments/{deploymentId}";
pub(crate) const VNFS: &str = "/vnf-operator/vnfs";
pub(crate) const VNF: &str = "/vnf-operator/vnfs/{vnfId}";
pub(crate) const VNF_SCALE: &str = "/vnf-operator/vnfs/{vnfId}/scale";
pub(crate) const AGENTS: &str = "/tn-manager/agents";
pub(crate) const AGENT_SLICES: &str = "/tn-manager/agents/{agentId}/slices";
pub(crate) const AGENT_PERFORMANCE: &str = "/tn-manager/agents/{agentId}/performance";
pub(crate) const AGENT_STATUS_PATH: &str = "/tn-manager/agents/{agentId}/status";
pub(crate) const MANAGERS: &str = "/o2-client/deployment-managers";
pub(crate) const DESCRIPTORS: &str = "/o2-client/deployment-managers/{dmId}/nf-descriptors";
pub(crate) const NF_DEPLOYMENTS: &str = "/o2-client/deployment-managers/{dmId}/deployments";
pub(crate) const NF_DEPLOYMENT: &str =
    "/o2-client/deployment-managers/{dmId}/deployments/{deploymentId}";
pub(crate) const HEALTH_PATH: &str = "/monitoring/health";
pub(crate) const METRICS_PATH: &str = "/monitoring/metrics";
pub(crate) const SLICE_METRICS_PATH: &str = "/monitoring/slices/{sliceId}/metrics";
pub(crate) const SUBSCRIPTIONS: &str = "/webhooks/subscriptions";
pub(crate) const SUBSCRIPTION: &str = "/webhooks/subscriptions/{subscriptionId}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_are_the_guides_three() {
        for op in ALL {
            assert!(
                ["standard", "deployment", "monitoring"].contains(&op.rate_category()),
                "{}",
                op.name()
            );
        }
        assert_eq!(DEPLOY.rate_category(), "deployment");
        assert_eq!(HEALTH.rate_category(), "monitoring");
    }
}
