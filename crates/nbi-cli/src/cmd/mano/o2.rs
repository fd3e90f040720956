//! `nbi mano o2 …`.

use clap::Subcommand;
use nbi_mano::DeploymentRequest;
use serde_json::json;

use super::{Done, Mano, data, ok};

/// O2 verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every deployment manager.
    Managers,
    /// A deployment manager's NF descriptors.
    Descriptors {
        /// The deployment manager's id.
        dm_id: String,
    },
    /// A deployment manager's NF deployments.
    Deployments {
        /// The deployment manager's id.
        dm_id: String,
    },
    /// Create an NF deployment from `--data '{"name":…,"nf_deployment_descriptor_id":…}'`.
    CreateDeployment {
        /// The deployment manager's id.
        dm_id: String,
        /// The DeploymentRequest as JSON.
        #[arg(long)]
        data: String,
    },
    /// One NF deployment.
    GetDeployment {
        /// The deployment manager's id.
        dm_id: String,
        /// The deployment's id.
        id: String,
    },
    /// Delete an NF deployment.
    DeleteDeployment {
        /// The deployment manager's id.
        dm_id: String,
        /// The deployment's id.
        id: String,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let o2 = mano.o2();
    match verb {
        Verb::Managers => ok(&o2
            .deployment_managers()
            .all()
            .collect::<Result<Vec<_>, _>>()?),
        Verb::Descriptors { dm_id } => ok(&o2
            .nf_descriptors(&dm_id)
            .all()
            .collect::<Result<Vec<_>, _>>()?),
        Verb::Deployments { dm_id } => ok(&o2
            .deployments(&dm_id)
            .all()
            .collect::<Result<Vec<_>, _>>()?),
        Verb::CreateDeployment { dm_id, data: json } => {
            ok(&o2.create_deployment(&dm_id, &data::<DeploymentRequest>(&json)?)?)
        }
        Verb::GetDeployment { dm_id, id } => ok(&o2.deployment(&dm_id, &id)?),
        Verb::DeleteDeployment { dm_id, id } => {
            o2.delete_deployment(&dm_id, &id)?;
            ok(&json!({ "deleted": id }))
        }
    }
}
