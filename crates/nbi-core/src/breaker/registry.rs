//! The breakers of one transport, keyed by (service, tenant, base URL) and made on first use.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock};

use super::{BreakerConfig, BreakerKey, BreakerState, CircuitBreaker};

type Callback = dyn Fn(&BreakerKey, BreakerState, BreakerState) + Send + Sync;

/// The callback told of every state change: `(key, from, to)`.
#[derive(Clone)]
pub(crate) struct StateListener(Arc<Callback>);

impl StateListener {
    pub(crate) fn call(&self, key: &BreakerKey, from: BreakerState, to: BreakerState) {
        (self.0)(key, from, to);
    }
}

impl fmt::Debug for StateListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StateListener")
    }
}

/// Every breaker of a transport; clones share the breakers.
///
/// A key's breaker is made with the settings given on its first use and kept for the
/// registry's lifetime, so all calls for one (service, tenant, base URL) share one verdict.
#[derive(Clone, Debug, Default)]
pub struct BreakerRegistry {
    breakers: Arc<RwLock<HashMap<BreakerKey, CircuitBreaker>>>,
    listener: Option<StateListener>,
}

impl BreakerRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        BreakerRegistry::default()
    }

    /// Calls `f(key, from, to)` on every state change of the breakers this registry makes from
    /// now on (set it before the first call). It runs on the caller's thread right after the
    /// change, outside the breaker's lock, so it must be quick and must not block.
    #[must_use]
    pub fn on_state_change(
        mut self,
        f: impl Fn(&BreakerKey, BreakerState, BreakerState) + Send + Sync + 'static,
    ) -> Self {
        self.listener = Some(StateListener(Arc::new(f)));
        self
    }

    /// The breaker for `key`, made with `config` if it does not exist yet.
    pub fn breaker(&self, key: BreakerKey, config: &BreakerConfig) -> CircuitBreaker {
        if let Some(breaker) = self.get(&key) {
            return breaker;
        }
        let mut breakers = self
            .breakers
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        breakers
            .entry(key)
            .or_insert_with_key(|key| {
                CircuitBreaker::with_listener(key.clone(), config, self.listener.clone())
            })
            .clone()
    }

    /// The breaker for `key`, if one was made.
    pub fn get(&self, key: &BreakerKey) -> Option<CircuitBreaker> {
        self.breakers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// Forces `key`'s breaker open; false if there is no such breaker.
    pub fn force_open(&self, key: &BreakerKey) -> bool {
        self.get(key).map(|breaker| breaker.force_open()).is_some()
    }

    /// Forces `key`'s breaker closed; false if there is no such breaker.
    pub fn force_close(&self, key: &BreakerKey) -> bool {
        self.get(key).map(|breaker| breaker.force_close()).is_some()
    }

    /// Returns `key`'s breaker to normal evaluation, closed; false if there is no such breaker.
    pub fn release_force(&self, key: &BreakerKey) -> bool {
        self.get(key)
            .map(|breaker| breaker.release_force())
            .is_some()
    }

    /// Every breaker and its state, sorted by key.
    pub fn snapshot(&self) -> Vec<(BreakerKey, BreakerState)> {
        let breakers: Vec<CircuitBreaker> = self
            .breakers
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .cloned()
            .collect();
        // States are read after the map's lock is released: each takes its breaker's lock.
        let mut states: Vec<_> = breakers
            .into_iter()
            .map(|breaker| (breaker.key().clone(), breaker.state()))
            .collect();
        states.sort_by(|a, b| a.0.cmp(&b.0));
        states
    }
}
