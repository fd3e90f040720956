//! The breaker's state machine: pure, lock-free logic that is handed the current instant, so the
//! breaker can keep its lock for a few comparisons and emit events after releasing it.

use std::time::Duration;

use tokio::time::Instant;

use super::window::{Outcome, SlidingWindow};
use super::{BreakerConfig, BreakerState};

/// The longest reset timeout honoured: `Instant + Duration` panics on overflow, and settings
/// are not guaranteed to have been validated when a breaker is built.
const LONGEST_WAIT: Duration = Duration::from_secs(365 * 24 * 3600);

/// [`BreakerConfig`] turned into the values the machine compares against.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    failure_threshold: u32,
    reset_timeout: Duration,
    failure_rate: f64,
    slow_call: Duration,
    slow_call_rate: f64,
    min_calls: u32,
    half_open_probes: u32,
}

impl Settings {
    pub(crate) fn new(config: &BreakerConfig) -> Self {
        let defaults = BreakerConfig::default();
        Settings {
            failure_threshold: config.failure_threshold.max(1),
            reset_timeout: seconds(config.reset_timeout_s, defaults.reset_timeout_s),
            failure_rate: config.failure_rate,
            slow_call: seconds(config.slow_call_s, defaults.slow_call_s),
            slow_call_rate: config.slow_call_rate,
            min_calls: config.min_calls,
            half_open_probes: config.half_open_probes.max(1),
        }
    }
}

/// Seconds as a duration that never panics: NaN falls back to the default, the rest is clamped.
fn seconds(value: f64, default: f64) -> Duration {
    let value = if value.is_nan() { default } else { value };
    Duration::try_from_secs_f64(value.clamp(0.0, LONGEST_WAIT.as_secs_f64()))
        .unwrap_or(LONGEST_WAIT)
}

/// Where the breaker stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Closed,
    Open { since: Instant },
    HalfOpen { out: u32, successes: u32 },
}

/// A manual override set by an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Force {
    None,
    Open,
    Closed,
}

/// What a permit remembers about how it was granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ticket {
    /// The machine's epoch when granted; a verdict from an older epoch is stale and dropped.
    pub(crate) epoch: u64,
    /// Whether the permit holds one of the half-open probe slots.
    pub(crate) probe: bool,
}

/// The verdict a permit brings back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Success,
    Failure,
    Ignore,
}

/// A state change, to be reported once the lock is released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Transition {
    pub(crate) from: BreakerState,
    pub(crate) to: BreakerState,
}

/// The breaker's state machine.
#[derive(Debug)]
pub(crate) struct Machine {
    settings: Settings,
    phase: Phase,
    force: Force,
    window: SlidingWindow,
    consecutive_failures: u32,
    /// Bumped on every change of phase, so a verdict for a permit granted under an earlier
    /// phase (a call that outlived a trip, a probe of an earlier half-open cycle) is ignored.
    epoch: u64,
}

impl Machine {
    pub(crate) fn new(config: &BreakerConfig) -> Self {
        Machine {
            settings: Settings::new(config),
            phase: Phase::Closed,
            force: Force::None,
            window: SlidingWindow::new(config.window),
            consecutive_failures: 0,
            epoch: 0,
        }
    }

    /// The state as callers see it: an open breaker whose timeout has passed reports half-open
    /// (it moves there on the next acquire).
    pub(crate) fn state(&self, now: Instant) -> BreakerState {
        match self.phase {
            Phase::Closed => BreakerState::Closed,
            Phase::HalfOpen { .. } => BreakerState::HalfOpen,
            Phase::Open { since } if self.force == Force::None && self.reopens_at(since) <= now => {
                BreakerState::HalfOpen
            }
            Phase::Open { .. } => BreakerState::Open,
        }
    }

    /// Grants a permit, or says how long until one could be granted.
    pub(crate) fn try_acquire(
        &mut self,
        now: Instant,
    ) -> (Result<Ticket, Duration>, Option<Transition>) {
        match self.force {
            Force::Open => return (Err(self.settings.reset_timeout), None),
            Force::Closed => return (Ok(self.ticket(false)), None),
            Force::None => {}
        }
        match self.phase {
            Phase::Closed => (Ok(self.ticket(false)), None),
            Phase::Open { since } => {
                let reopens_at = self.reopens_at(since);
                if now < reopens_at {
                    return (Err(reopens_at - now), None);
                }
                let transition = self.enter(Phase::HalfOpen {
                    out: 0,
                    successes: 0,
                });
                (self.take_probe(), transition)
            }
            Phase::HalfOpen { .. } => (self.take_probe(), None),
        }
    }

    /// Takes a half-open probe slot if one is free. A full set of probes gives no estimate of
    /// when a slot frees (whenever a probe finishes), hence a zero wait.
    fn take_probe(&mut self) -> Result<Ticket, Duration> {
        let limit = self.settings.half_open_probes;
        match &mut self.phase {
            Phase::HalfOpen { out, .. } if *out < limit => {
                *out += 1;
                Ok(self.ticket(true))
            }
            _ => Err(Duration::ZERO),
        }
    }

    fn ticket(&self, probe: bool) -> Ticket {
        Ticket {
            epoch: self.epoch,
            probe,
        }
    }

    /// Takes a permit's verdict into account.
    pub(crate) fn record(
        &mut self,
        ticket: Ticket,
        verdict: Verdict,
        elapsed: Duration,
        now: Instant,
    ) -> Option<Transition> {
        if ticket.epoch != self.epoch || self.force != Force::None {
            return None;
        }
        let slow = elapsed >= self.settings.slow_call;
        match (&mut self.phase, verdict) {
            (Phase::Closed, Verdict::Ignore) => None,
            (Phase::Closed, Verdict::Success) => {
                self.consecutive_failures = 0;
                self.window.push(Outcome {
                    failed: false,
                    slow,
                });
                self.judge_window(now)
            }
            (Phase::Closed, Verdict::Failure) => {
                self.consecutive_failures = self.consecutive_failures.saturating_add(1);
                self.window.push(Outcome { failed: true, slow });
                self.judge_window(now)
            }
            (Phase::HalfOpen { out, successes }, verdict) => {
                *out = out.saturating_sub(1);
                match verdict {
                    Verdict::Ignore => None,
                    Verdict::Failure => self.enter(Phase::Open { since: now }),
                    Verdict::Success => {
                        *successes += 1;
                        if *successes >= self.settings.half_open_probes {
                            self.enter(Phase::Closed)
                        } else {
                            None
                        }
                    }
                }
            }
            // An open breaker grants no permits in its own epoch.
            (Phase::Open { .. }, _) => None,
        }
    }

    /// Opens the breaker if the consecutive failures or the window's rates say so. A rate
    /// trips only with at least one such call in the window, so a rate of 0 cannot open a
    /// breaker that has seen nothing but healthy calls.
    fn judge_window(&mut self, now: Instant) -> Option<Transition> {
        let s = &self.settings;
        let w = &self.window;
        let judged = w.len() >= s.min_calls;
        let too_many_failures =
            judged && w.failures() > 0 && w.rate(w.failures()) >= s.failure_rate;
        let too_slow = judged && w.slow() > 0 && w.rate(w.slow()) >= s.slow_call_rate;
        if self.consecutive_failures >= s.failure_threshold || too_many_failures || too_slow {
            self.enter(Phase::Open { since: now })
        } else {
            None
        }
    }

    /// Fails every call until [`Machine::force_close`] or [`Machine::release_force`].
    pub(crate) fn force_open(&mut self, now: Instant) -> Option<Transition> {
        self.force = Force::Open;
        self.enter(Phase::Open { since: now })
    }

    /// Lets every call through, judging nothing, until [`Machine::release_force`].
    pub(crate) fn force_close(&mut self) -> Option<Transition> {
        self.force = Force::Closed;
        self.enter(Phase::Closed)
    }

    /// Back to normal evaluation, starting closed with an empty window.
    pub(crate) fn release_force(&mut self) -> Option<Transition> {
        self.force = Force::None;
        self.enter(Phase::Closed)
    }

    /// Moves to `phase`, starting a new epoch; closing forgets the window.
    fn enter(&mut self, phase: Phase) -> Option<Transition> {
        let from = self.phase_state();
        self.phase = phase;
        self.epoch += 1;
        if phase == Phase::Closed {
            self.window.clear();
            self.consecutive_failures = 0;
        }
        let to = self.phase_state();
        (from != to).then_some(Transition { from, to })
    }

    fn phase_state(&self) -> BreakerState {
        match self.phase {
            Phase::Closed => BreakerState::Closed,
            Phase::Open { .. } => BreakerState::Open,
            Phase::HalfOpen { .. } => BreakerState::HalfOpen,
        }
    }

    fn reopens_at(&self, since: Instant) -> Instant {
        since + self.settings.reset_timeout
    }

    /// The current epoch (tests check that live probes belong to it).
    #[cfg(test)]
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Probe slots taken in the current half-open cycle.
    #[cfg(test)]
    pub(crate) fn probes_out(&self) -> u32 {
        match self.phase {
            Phase::HalfOpen { out, .. } => out,
            _ => 0,
        }
    }
}
