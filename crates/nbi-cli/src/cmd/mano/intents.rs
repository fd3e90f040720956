//! `nbi mano intents …` and `nbi mano plans …`.

use clap::Subcommand;
use nbi_mano::{IntentStatus, ManoErrorExt, PlanRequest, QoSIntentRequest, SliceType};
use serde_json::json;

use super::{Done, Mano, data, ok};
use crate::exit::Outcome;

/// Intent verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every intent (all pages), or one page with --limit/--offset.
    List {
        /// Only this slice type (eMBB, uRLLC, mIoT, balanced).
        #[arg(long)]
        slice_type: Option<String>,
        /// Only this status (planned, deployed, failed, deleting).
        #[arg(long)]
        status: Option<String>,
        /// One page of this size (1–1000) instead of every intent.
        #[arg(long)]
        limit: Option<u32>,
        /// Skip this many.
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// One intent.
    Get {
        /// The intent's id.
        id: String,
    },
    /// Create an intent from `--data '{"bandwidth":…,"latency":…,"slice_type":…}'`.
    Create {
        /// The QoSIntentRequest as JSON.
        #[arg(long)]
        data: String,
    },
    /// Create many from a JSON array, --concurrency at a time; exits 1 if any failed.
    CreateMany {
        /// A JSON array of QoSIntentRequest.
        #[arg(long)]
        data: String,
        /// At most this many in flight.
        #[arg(long, default_value_t = 10)]
        concurrency: usize,
    },
    /// Replace an intent's QoS.
    Update {
        /// The intent's id.
        id: String,
        /// The QoSIntentRequest as JSON.
        #[arg(long)]
        data: String,
    },
    /// Delete an intent.
    Delete {
        /// The intent's id.
        id: String,
    },
}

/// Plan verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum PlanVerb {
    /// Plan stored intents (--intents id,id) or QoS given as `--data '{"intents":[…]}'`.
    Create {
        /// Stored intents to plan, comma-separated.
        #[arg(long, value_delimiter = ',', conflicts_with = "data")]
        intents: Vec<String>,
        /// A PlanRequest as JSON.
        #[arg(long)]
        data: Option<String>,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let o = mano.orchestrator();
    match verb {
        Verb::List {
            slice_type,
            status,
            limit,
            offset,
        } => {
            let mut list = o.intents().offset(offset);
            if let Some(t) = slice_type {
                list = list.slice_type(SliceType::from(t.as_str()));
            }
            if let Some(s) = status {
                list = list.status(IntentStatus::from(s.as_str()));
            }
            match limit {
                Some(limit) => ok(&list.limit(limit).send()?.items),
                None => ok(&list.all().collect::<Result<Vec<_>, _>>()?),
            }
        }
        Verb::Get { id } => ok(&o.intent(&id)?),
        Verb::Create { data: json } => ok(&o.create_intent(&data::<QoSIntentRequest>(&json)?)?),
        Verb::CreateMany {
            data: json,
            concurrency,
        } => {
            let items: Vec<QoSIntentRequest> = data(&json)?;
            let outcomes = o.create_intents(items).concurrency(concurrency).send()?;
            let failed = outcomes.iter().any(|o| o.result.is_err());
            let doc: Vec<_> = outcomes
                .iter()
                .map(|item| match &item.result {
                    Ok(intent) => json!({ "index": item.index, "intent": intent }),
                    Err(e) => json!({
                        "index": item.index,
                        "error": e.to_string(),
                        "field_errors": e.field_issues(),
                    }),
                })
                .collect();
            let outcome = if failed {
                Outcome::Failed
            } else {
                Outcome::Success
            };
            Ok((json!(doc), outcome))
        }
        Verb::Update { id, data: json } => {
            ok(&o.update_intent(&id, &data::<QoSIntentRequest>(&json)?)?)
        }
        Verb::Delete { id } => {
            o.delete_intent(&id)?;
            ok(&json!({ "deleted": id }))
        }
    }
}

pub(super) fn plan(mano: &Mano, verb: PlanVerb) -> Done {
    let PlanVerb::Create {
        intents,
        data: json,
    } = verb;
    let o = mano.orchestrator();
    match json {
        Some(json) => ok(&o.plan(&data::<PlanRequest>(&json)?)?),
        None => ok(&o.plan_intents(intents)?),
    }
}
