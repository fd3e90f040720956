//! `nbi mano vnfs …`.

use clap::Subcommand;
use nbi_mano::{VnfRequest, VnfStatus, VnfType};
use serde_json::json;

use super::{Done, Mano, data, ok};

/// VNF verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every VNF (all pages), or one page with --limit/--offset.
    List {
        /// Only this type (UPF, AMF, …).
        #[arg(long = "type")]
        vnf_type: Option<String>,
        /// Only this status (Pending, Creating, Running, Failed, Deleting).
        #[arg(long)]
        status: Option<String>,
        /// One page of this size (1–1000).
        #[arg(long)]
        limit: Option<u32>,
        /// Skip this many.
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// One VNF.
    Get {
        /// The VNF's id.
        id: String,
    },
    /// Create a VNF from a VNFRequest as JSON.
    Create {
        /// The VNFRequest as JSON.
        #[arg(long)]
        data: String,
    },
    /// Replace a VNF's configuration.
    Update {
        /// The VNF's id.
        id: String,
        /// The VNFRequest as JSON.
        #[arg(long)]
        data: String,
    },
    /// Delete a VNF.
    Delete {
        /// The VNF's id.
        id: String,
    },
    /// Scale a VNF to --replicas (0–100).
    Scale {
        /// The VNF's id.
        id: String,
        /// The target number of replicas.
        #[arg(long)]
        replicas: u32,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let v = mano.vnfs();
    match verb {
        Verb::List {
            vnf_type,
            status,
            limit,
            offset,
        } => {
            let mut list = v.list().offset(offset);
            if let Some(t) = vnf_type {
                list = list.vnf_type(VnfType::from(t.as_str()));
            }
            if let Some(s) = status {
                list = list.status(VnfStatus::from(s.as_str()));
            }
            match limit {
                Some(limit) => ok(&list.limit(limit).send()?.items),
                None => ok(&list.all().collect::<Result<Vec<_>, _>>()?),
            }
        }
        Verb::Get { id } => ok(&v.get(&id)?),
        Verb::Create { data: json } => ok(&v.create(&data::<VnfRequest>(&json)?)?),
        Verb::Update { id, data: json } => ok(&v.update(&id, &data::<VnfRequest>(&json)?)?),
        Verb::Delete { id } => {
            v.delete(&id)?;
            ok(&json!({ "deleted": id }))
        }
        Verb::Scale { id, replicas } => ok(&v.scale(&id, replicas)?),
    }
}
