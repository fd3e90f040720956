//! `nbi mano deployments …`: deploy a plan, read, wait for and watch a deployment.

use std::time::Duration;

use clap::Subcommand;
use serde_json::json;

use super::{Done, Mano, ok};

/// Deployment verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Deploy a plan (202: the deployment's first status).
    Deploy {
        /// The plan's id.
        plan_id: String,
        /// Deploy even if conflicts exist.
        #[arg(long)]
        force: bool,
    },
    /// A deployment's status now.
    Get {
        /// The deployment's id.
        id: String,
    },
    /// Poll until the deployment ends, printing progress to stderr; exits 1 unless it
    /// completed.
    Wait {
        /// The deployment's id.
        id: String,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 1800)]
        timeout_s: u64,
        /// Seconds between polls.
        #[arg(long, default_value_t = 5)]
        interval_s: u64,
    },
    /// Every status change until the deployment ends, as a JSON array.
    Events {
        /// The deployment's id.
        id: String,
        /// Seconds between polls.
        #[arg(long, default_value_t = 5)]
        interval_s: u64,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let o = mano.orchestrator();
    match verb {
        Verb::Deploy { plan_id, force } => ok(&o.deploy(&plan_id, force)?),
        Verb::Get { id } => ok(&o.deployment(&id)?),
        Verb::Wait {
            id,
            timeout_s,
            interval_s,
        } => {
            let done = o
                .wait_for_deployment(&id)
                .timeout(Duration::from_secs(timeout_s))
                .interval(Duration::from_secs(interval_s.max(1)))
                .on_progress(|s| {
                    let message = s.message.as_deref().unwrap_or("");
                    eprintln!(
                        "{} {} {}% {message}",
                        s.deployment_id, s.status, s.progress_percent
                    );
                })
                .send()?;
            ok(&done)
        }
        Verb::Events { id, interval_s } => {
            let events = o
                .deployment_events(&id, Duration::from_secs(interval_s.max(1)))
                .collect::<Result<Vec<_>, _>>()?;
            ok(&json!(events))
        }
    }
}
