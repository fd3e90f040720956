//! A test action that sleeps, fails on demand, counts its calls and records when each ran.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use nbi_workflow::{Action, ActionError, ActionRegistry, Runner, StepContext, WorkflowStore};
use serde_json::{Value, json};
use tokio::sync::Barrier;
use tokio::time::Instant;

/// One call of the probe: which step, and when it started and ended (paused-clock time).
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) step: String,
    pub(crate) started: Instant,
    pub(crate) ended: Option<Instant>,
    /// Order of the start and end among all starts and ends.
    pub(crate) start_seq: u64,
    pub(crate) end_seq: Option<u64>,
}

/// `test.probe` — input `{ sleep_s, fail_first, fail, echo }`: sleeps, fails its first
/// `fail_first` tries (retryable), fails always with `fail: true` (permanent) or while
/// `broken` is set, and returns `{ step, attempt, value: echo }`.
#[derive(Debug, Default)]
pub(crate) struct Probe {
    pub(crate) calls: Mutex<Vec<Call>>,
    in_flight: AtomicUsize,
    pub(crate) max_in_flight: AtomicUsize,
    pub(crate) broken: AtomicBool,
    seq: AtomicU64,
}

impl Probe {
    /// How many times step `id` was called.
    pub(crate) fn count(&self, id: &str) -> usize {
        self.calls
            .lock()
            .unwrap()
            .iter()
            .filter(|c| c.step == id)
            .count()
    }

    /// Calls per step.
    pub(crate) fn counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for call in self.calls.lock().unwrap().iter() {
            *counts.entry(call.step.clone()).or_default() += 1;
        }
        counts
    }
}

/// Counts the in-flight calls down when a call ends, even when its future is dropped.
struct InFlight<'a>(&'a Probe, usize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        let seq = self.0.seq.fetch_add(1, Ordering::SeqCst);
        let mut calls = self.0.calls.lock().unwrap();
        calls[self.1].ended = Some(Instant::now());
        calls[self.1].end_seq = Some(seq);
    }
}

#[async_trait]
impl Action for Probe {
    async fn run(&self, input: Value, ctx: &StepContext) -> Result<Value, ActionError> {
        let index = {
            let mut calls = self.calls.lock().unwrap();
            let start_seq = self.seq.fetch_add(1, Ordering::SeqCst);
            calls.push(Call {
                step: ctx.step().to_owned(),
                started: Instant::now(),
                ended: None,
                start_seq,
                end_seq: None,
            });
            calls.len() - 1
        };
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        let _guard = InFlight(self, index);
        let sleep = input["sleep_s"].as_f64().unwrap_or(0.0);
        tokio::time::sleep(Duration::from_secs_f64(sleep)).await;
        if input["fail"] == json!(true) {
            return Err(ActionError::permanent(format!("{} fails", ctx.step())));
        }
        if self.broken.load(Ordering::SeqCst) && input["breakable"] == json!(true) {
            return Err(ActionError::permanent(format!("{} is broken", ctx.step())));
        }
        if u64::from(ctx.attempt()) <= input["fail_first"].as_u64().unwrap_or(0) {
            return Err(ActionError::retryable(format!(
                "try {} of {} failed",
                ctx.attempt(),
                ctx.step()
            )));
        }
        Ok(json!({ "step": ctx.step(), "attempt": ctx.attempt(), "value": input["echo"] }))
    }
}

/// `test.barrier` — waits until `parties` steps have reached it: only steps that run at the
/// same time get through.
pub(crate) struct Meet(pub(crate) Barrier);

#[async_trait]
impl Action for Meet {
    async fn run(&self, _input: Value, ctx: &StepContext) -> Result<Value, ActionError> {
        self.0.wait().await;
        Ok(json!({ "met": ctx.step() }))
    }
}

/// A runner with `test.probe`, `test.barrier` (2 parties) and the core actions, over `store`.
pub(crate) fn runner(store: WorkflowStore) -> (Runner, Arc<Probe>) {
    let probe = Arc::new(Probe::default());
    let mut registry = ActionRegistry::builtin(None);
    registry.register("test.probe", probe.clone());
    registry.register("test.barrier", Arc::new(Meet(Barrier::new(2))));
    (Runner::new(registry, store), probe)
}

/// A runner over an in-memory store.
pub(crate) fn memory_runner() -> (Runner, Arc<Probe>) {
    runner(WorkflowStore::in_memory().unwrap())
}
