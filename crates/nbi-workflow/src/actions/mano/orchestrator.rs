//! `mano.create_intent`, `mano.create_intents`, `mano.plan` and `mano.deploy`.

use async_trait::async_trait;
use nbi_mano::{Client, QoSIntentRequest};
use serde_json::{Map, Value, json};

use super::check::{self, body, decode, flag, id};
use super::{ManoCall, failed, input, result};
use crate::{ActionError, StepContext};

/// The numeric fields of a QoS intent.
const INTENT_NUMBERS: &[&str] = &[
    "bandwidth",
    "latency",
    "jitter",
    "packet_loss",
    "reliability",
];

/// The most intents one batch step creates.
const MAX_BATCH: usize = 1000;

fn check_intent(value: &Value, prefix: &str) -> Result<(), String> {
    check::model(value, INTENT_NUMBERS, prefix, QoSIntentRequest::validate)
}

/// `mano.create_intent`: `POST /orchestrator/intents`.
pub(crate) struct CreateIntent;

#[async_trait]
impl ManoCall for CreateIntent {
    const KEYS: &'static [&'static str] = &[
        "bandwidth",
        "latency",
        "slice_type",
        "jitter",
        "packet_loss",
        "reliability",
    ];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        check_intent(&body(map, &[]), "")
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let intent: QoSIntentRequest = decode(body(map, &[]), "intent")?;
        result(
            &client
                .orchestrator()
                .create_intent(&intent)
                .await
                .map_err(failed)?,
        )
    }
}

/// `mano.create_intents`: many intents, with bounded concurrency.
pub(crate) struct CreateIntents;

fn intent_list(map: &Map<String, Value>) -> Result<Option<&Vec<Value>>, String> {
    match map.get("intents") {
        Some(Value::Array(items)) if items.is_empty() => {
            Err("`intents` must list at least one intent".to_owned())
        }
        Some(Value::Array(items)) if items.len() > MAX_BATCH => Err(format!(
            "`intents` lists {} intents; at most {MAX_BATCH} at once",
            items.len()
        )),
        Some(Value::Array(items)) => Ok(Some(items)),
        Some(v) if input::is_reference(v) => Ok(None),
        Some(other) => Err(format!("`intents` must be a list, not {other}")),
        None => Err("`intents` is missing".to_owned()),
    }
}

#[async_trait]
impl ManoCall for CreateIntents {
    const KEYS: &'static [&'static str] = &["intents", "concurrency", "allow_failures"];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        input::number_in(map, "concurrency", 1.0..=100.0)?;
        flag(map, "allow_failures")?;
        for (i, item) in intent_list(map)?.into_iter().flatten().enumerate() {
            check_intent(item, &format!("intents[{i}]."))?;
        }
        Ok(())
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let items = intent_list(map)
            .map_err(ActionError::permanent)?
            .ok_or_else(|| ActionError::permanent("`intents` is not a list"))?;
        let intents = items
            .iter()
            .enumerate()
            .map(|(i, v)| decode::<QoSIntentRequest>(v.clone(), &format!("intents[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        let concurrency = input::number_in(map, "concurrency", 1.0..=100.0)
            .map_err(ActionError::permanent)?
            .map_or(10, |n| n as usize);
        let allow_failures = flag(map, "allow_failures").map_err(ActionError::permanent)?;
        let outcomes = client
            .orchestrator()
            .create_intents(intents)
            .concurrency(concurrency)
            .send()
            .await
            .map_err(failed)?;
        let (mut created, mut failures) = (Vec::new(), Vec::new());
        for item in outcomes {
            match item.result {
                Ok(intent) => created.push(intent),
                Err(e) => failures.push(json!({
                    "index": item.index,
                    "error": check::issues(&e, ""),
                })),
            }
        }
        let ids: Vec<&str> = created.iter().map(|i| i.id.as_str()).collect();
        if !failures.is_empty() && !allow_failures {
            // Never retried: the intents that were created would be created again.
            let shown: Vec<String> = failures
                .iter()
                .map(|f| {
                    format!(
                        "intents[{}]: {}",
                        f["index"],
                        f["error"].as_str().unwrap_or("")
                    )
                })
                .collect();
            return Err(ActionError::permanent(format!(
                "{} of {} intents failed ({}); created: [{}]",
                failures.len(),
                items.len(),
                shown.join("; "),
                ids.join(", ")
            )));
        }
        Ok(json!({ "intents": result(&created)?, "ids": ids, "failed": failures }))
    }
}

/// `mano.plan`: plans stored intents by id.
pub(crate) struct Plan;

fn intent_ids(map: &Map<String, Value>) -> Result<Option<Vec<&str>>, String> {
    match map.get("intents") {
        Some(Value::Array(items)) if items.is_empty() => {
            Err("`intents` must list at least one intent id".to_owned())
        }
        Some(Value::Array(items)) if items.len() > MAX_BATCH => Err(format!(
            "`intents` lists {} ids; at most {MAX_BATCH} at once",
            items.len()
        )),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) if !s.is_empty() => Ok(s.as_str()),
                other => Err(format!("`intents[{i}]` must be an intent id, not {other}")),
            })
            .collect::<Result<_, _>>()
            .map(Some),
        // One reference to a whole list, such as `${batch.ids}`, or to one id.
        Some(v) if input::is_reference(v) => Ok(None),
        Some(Value::String(s)) if !s.is_empty() => Ok(Some(vec![s.as_str()])),
        Some(other) => Err(format!(
            "`intents` must be a list of intent ids, not {other}"
        )),
        None => Err("`intents` is missing".to_owned()),
    }
}

#[async_trait]
impl ManoCall for Plan {
    const KEYS: &'static [&'static str] = &["intents"];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        intent_ids(map).map(drop)
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let ids = intent_ids(map)
            .map_err(ActionError::permanent)?
            .ok_or_else(|| ActionError::permanent("`intents` is not a list"))?;
        let ids = ids.into_iter().map(str::to_owned).collect();
        result(
            &client
                .orchestrator()
                .plan_intents(ids)
                .await
                .map_err(failed)?,
        )
    }
}

/// `mano.deploy`: `POST /orchestrator/deploy` of a plan.
pub(crate) struct Deploy;

#[async_trait]
impl ManoCall for Deploy {
    const KEYS: &'static [&'static str] = &["plan", "force"];

    fn check(map: &Map<String, Value>) -> Result<(), String> {
        id(map, "plan")?;
        flag(map, "force").map(drop)
    }

    async fn call(
        client: &Client,
        map: &Map<String, Value>,
        _ctx: &StepContext,
    ) -> Result<Value, ActionError> {
        let plan = id(map, "plan").map_err(ActionError::permanent)?;
        let force = flag(map, "force").map_err(ActionError::permanent)?;
        result(
            &client
                .orchestrator()
                .deploy(plan, force)
                .await
                .map_err(failed)?,
        )
    }
}
