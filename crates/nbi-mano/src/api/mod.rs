//! One handler per API area, each a cheap clone of the client.

mod batch;
mod list;
mod monitoring;
mod o2;
mod orchestrator;
mod tn;
mod vnf;
mod wait;
mod webhooks;

pub use batch::{BatchItem, CreateIntents};
pub use list::List;
pub use monitoring::MonitoringApi;
pub use o2::O2Api;
pub use orchestrator::OrchestratorApi;
pub use tn::TnApi;
pub use vnf::VnfApi;
pub use wait::{DeploymentEvent, WaitForDeployment};
pub use webhooks::WebhooksApi;
