//! `nbi mano tn …`.

use clap::Subcommand;
use nbi_mano::{PerformanceTestConfig, TnAgentRequest, TnSliceConfig};

use super::{Done, Mano, data, ok};

/// TN verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every TN agent.
    Agents,
    /// Register an agent from `--data '{"name":…,"endpoint":…}'`.
    RegisterAgent {
        /// The TNAgentRequest as JSON.
        #[arg(long)]
        data: String,
    },
    /// Configure a slice on an agent from a TNSliceConfig as JSON.
    ConfigureSlice {
        /// The agent's id.
        agent_id: String,
        /// The TNSliceConfig as JSON.
        #[arg(long)]
        data: String,
    },
    /// Run a performance test on an agent from a PerformanceTestConfig as JSON.
    Performance {
        /// The agent's id.
        agent_id: String,
        /// The PerformanceTestConfig as JSON.
        #[arg(long)]
        data: String,
    },
    /// An agent's status.
    Status {
        /// The agent's id.
        agent_id: String,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let tn = mano.tn();
    match verb {
        Verb::Agents => ok(&tn.agents()?),
        Verb::RegisterAgent { data: json } => {
            ok(&tn.register_agent(&data::<TnAgentRequest>(&json)?)?)
        }
        Verb::ConfigureSlice {
            agent_id,
            data: json,
        } => ok(&tn.configure_slice(&agent_id, &data::<TnSliceConfig>(&json)?)?),
        Verb::Performance {
            agent_id,
            data: json,
        } => ok(&tn.run_performance_test(&agent_id, &data::<PerformanceTestConfig>(&json)?)?),
        Verb::Status { agent_id } => ok(&tn.status(&agent_id)?),
    }
}
