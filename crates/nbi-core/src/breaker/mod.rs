//! Circuit breakers, one per (service, tenant, base URL).
//!
//! A [`CircuitBreaker`] is asked for a [`BreakerPermit`] before every attempt
//! ([`CircuitBreaker::try_acquire`]: no I/O, no await, one short lock) and the permit is handed
//! back with the attempt's verdict. Closed, it judges the last `window` recorded calls and the
//! run of consecutive failures; open, it fails fast for `reset_timeout`; half-open, it lets at
//! most `half_open_probes` probes out at once and closes once that many have succeeded, or
//! reopens on the first probe failure. Operators can force a breaker open or closed through the
//! [`BreakerRegistry`], which also reports every state change to one callback (for metrics).
//!
//! Time is `tokio::time::Instant`, so tests drive breakers with tokio's paused clock.
//!
//! # Why not tower-resilience
//!
//! `tower-resilience` (0.13) has a capable circuit breaker, but it records outcomes only by
//! wrapping a tower `Service`: its circuit and its record calls are crate-private, while our
//! pipeline is a plain async function that decides per attempt, after retries and
//! classification, whether an outcome counts at all. It makes consecutive failures and the
//! failure rate alternatives (`FailureModel`) rather than two triggers at once, and its
//! count-based window is a tally reset on state changes instead of a ring of the last N calls.
//! Its timers use `std::time::Instant`, so tokio's paused clock cannot drive the open timeout,
//! and force-open/close go through an async handle per layer rather than a keyed registry
//! built at run time. The state machine here is a few hundred lines, with no tower stack to
//! adopt, so we write our own.

pub(crate) mod config;
mod registry;
mod state;
#[cfg(test)]
mod tests;
mod window;

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

pub use self::config::BreakerConfig;
pub use self::registry::BreakerRegistry;
use self::registry::StateListener;
use self::state::{Machine, Ticket, Transition, Verdict};

/// Which breaker: one per service, tenant and base URL.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BreakerKey {
    /// The service (`core-nms`, `ofsc`, …).
    pub service: String,
    /// The tenant.
    pub tenant: String,
    /// The base URL the calls go to.
    pub base_url: String,
}

impl BreakerKey {
    /// A key from its parts.
    pub fn new(
        service: impl Into<String>,
        tenant: impl Into<String>,
        base_url: impl Into<String>,
    ) -> Self {
        BreakerKey {
            service: service.into(),
            tenant: tenant.into(),
            base_url: base_url.into(),
        }
    }
}

/// Where a breaker stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakerState {
    /// Calls flow; outcomes are judged.
    Closed,
    /// A few probes are let through to test whether the service recovered.
    HalfOpen,
    /// Calls fail fast.
    Open,
}

impl BreakerState {
    /// The gauge value: closed 0, half-open 1, open 2.
    pub fn as_metric(self) -> i64 {
        match self {
            BreakerState::Closed => 0,
            BreakerState::HalfOpen => 1,
            BreakerState::Open => 2,
        }
    }

    /// The name used in logs: `closed`, `half_open`, `open`.
    pub fn as_str(self) -> &'static str {
        match self {
            BreakerState::Closed => "closed",
            BreakerState::HalfOpen => "half_open",
            BreakerState::Open => "open",
        }
    }
}

impl fmt::Display for BreakerState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A call refused by an open breaker.
#[derive(Debug, Clone, Copy)]
pub struct BreakerOpen {
    /// Time until the breaker lets probes through. A breaker forced open has no timer and
    /// reports its reset timeout; a half-open breaker whose probe slots are all taken reports
    /// zero (a slot frees whenever a probe finishes).
    pub retry_in: Duration,
}

impl fmt::Display for BreakerOpen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "circuit breaker open, retry in {:?}", self.retry_in)
    }
}

impl std::error::Error for BreakerOpen {}

/// A circuit breaker; clones share the same state.
#[derive(Clone)]
pub struct CircuitBreaker {
    inner: Arc<Inner>,
}

struct Inner {
    key: BreakerKey,
    machine: Mutex<Machine>,
    listener: Option<StateListener>,
}

impl fmt::Debug for CircuitBreaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CircuitBreaker")
            .field("key", &self.inner.key)
            .field("state", &self.state())
            .finish()
    }
}

impl CircuitBreaker {
    /// A closed breaker for `key`. State changes are logged; only breakers made by a
    /// [`BreakerRegistry`] also report them to its callback.
    pub fn new(key: BreakerKey, config: BreakerConfig) -> Self {
        CircuitBreaker::with_listener(key, &config, None)
    }

    pub(crate) fn with_listener(
        key: BreakerKey,
        config: &BreakerConfig,
        listener: Option<StateListener>,
    ) -> Self {
        CircuitBreaker {
            inner: Arc::new(Inner {
                key,
                machine: Mutex::new(Machine::new(config)),
                listener,
            }),
        }
    }

    /// Which breaker this is.
    pub fn key(&self) -> &BreakerKey {
        &self.inner.key
    }

    /// The current state; an open breaker whose reset timeout has passed reports half-open.
    pub fn state(&self) -> BreakerState {
        self.machine().state(Instant::now())
    }

    /// Asks to make one attempt. Never waits and does no I/O.
    ///
    /// # Errors
    ///
    /// [`BreakerOpen`] when the breaker is open (or forced open), or half-open with every
    /// probe slot taken.
    pub fn try_acquire(&self) -> Result<BreakerPermit, BreakerOpen> {
        let (granted, transition) = self.machine().try_acquire(Instant::now());
        self.report(transition);
        match granted {
            Ok(ticket) => Ok(BreakerPermit {
                breaker: Some(self.clone()),
                ticket,
            }),
            Err(retry_in) => Err(BreakerOpen { retry_in }),
        }
    }

    /// Fails every call until [`CircuitBreaker::force_close`] or
    /// [`CircuitBreaker::release_force`].
    pub fn force_open(&self) {
        let transition = self.machine().force_open(Instant::now());
        self.report(transition);
    }

    /// Lets every call through and judges none until [`CircuitBreaker::release_force`].
    pub fn force_close(&self) {
        let transition = self.machine().force_close();
        self.report(transition);
    }

    /// Ends a forced state: back to normal evaluation, closed, with an empty window.
    pub fn release_force(&self) {
        let transition = self.machine().release_force();
        self.report(transition);
    }

    fn record(&self, ticket: Ticket, verdict: Verdict, elapsed: Duration) {
        let transition = self
            .machine()
            .record(ticket, verdict, elapsed, Instant::now());
        self.report(transition);
    }

    /// The state machine, locked. A panic while holding the lock cannot leave it half-updated
    /// in a way that matters more than failing every later call would, so poison is ignored.
    fn machine(&self) -> MutexGuard<'_, Machine> {
        self.inner
            .machine
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Logs a state change and tells the registry's callback, outside the lock.
    fn report(&self, transition: Option<Transition>) {
        let Some(Transition { from, to }) = transition else {
            return;
        };
        let key = &self.inner.key;
        if to == BreakerState::Open {
            tracing::warn!(target: "nbi::breaker", service = %key.service, tenant = %key.tenant,
                from = from.as_str(), to = to.as_str(), "circuit_breaker.state_change");
        } else {
            tracing::info!(target: "nbi::breaker", service = %key.service, tenant = %key.tenant,
                from = from.as_str(), to = to.as_str(), "circuit_breaker.state_change");
        }
        if let Some(listener) = &self.inner.listener {
            listener.call(key, from, to);
        }
    }

    #[cfg(test)]
    pub(crate) fn machine_for_tests(&self) -> MutexGuard<'_, Machine> {
        self.machine()
    }
}

/// Leave to make one attempt; hand it back with the attempt's verdict. Dropping it without a
/// verdict is the same as [`BreakerPermit::ignore`].
#[must_use = "a permit reports the attempt's outcome; dropping it ignores the attempt"]
pub struct BreakerPermit {
    /// `None` once the verdict has been given.
    breaker: Option<CircuitBreaker>,
    ticket: Ticket,
}

impl fmt::Debug for BreakerPermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BreakerPermit")
            .field("probe", &self.ticket.probe)
            .finish_non_exhaustive()
    }
}

impl BreakerPermit {
    /// The attempt succeeded; it counts as slow if it took at least `slow_call`.
    pub fn success(mut self, elapsed: Duration) {
        self.finish(Verdict::Success, elapsed);
    }

    /// The attempt failed in a way that speaks about the service (5xx, timeout, connection).
    pub fn failure(mut self, elapsed: Duration) {
        self.finish(Verdict::Failure, elapsed);
    }

    /// The attempt says nothing about the service's health (a 4xx, a cancelled call).
    pub fn ignore(mut self) {
        self.finish(Verdict::Ignore, Duration::ZERO);
    }

    fn finish(&mut self, verdict: Verdict, elapsed: Duration) {
        if let Some(breaker) = self.breaker.take() {
            breaker.record(self.ticket, verdict, elapsed);
        }
    }

    #[cfg(test)]
    pub(crate) fn ticket(&self) -> Ticket {
        self.ticket
    }
}

impl Drop for BreakerPermit {
    fn drop(&mut self) {
        self.finish(Verdict::Ignore, Duration::ZERO);
    }
}
