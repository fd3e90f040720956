use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Circuit-breaker settings (`breaker = { … }` in `nbi.toml`).
///
/// The breaker opens on `failure_threshold` consecutive failures, or when at least `min_calls`
/// of the last `window` calls were recorded and the failure rate reaches `failure_rate` or the
/// rate of calls slower than `slow_call_s` reaches `slow_call_rate`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BreakerConfig {
    /// Consecutive failures that open the breaker. Default 5.
    pub failure_threshold: u32,
    /// Seconds an open breaker waits before letting probes through. Default 60.
    pub reset_timeout_s: f64,
    /// Failure rate (0–1) over the window that opens the breaker. Default 0.5.
    pub failure_rate: f64,
    /// A call slower than this many seconds counts as slow. Default 10.
    pub slow_call_s: f64,
    /// Slow-call rate (0–1) over the window that opens the breaker. Default 0.8.
    pub slow_call_rate: f64,
    /// Calls in the sliding window. Default 50.
    pub window: u32,
    /// Calls the window must hold before rates are judged. Default 20.
    pub min_calls: u32,
    /// Probes let through when half-open; all must succeed to close. Default 3.
    pub half_open_probes: u32,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        BreakerConfig {
            failure_threshold: 5,
            reset_timeout_s: 60.0,
            failure_rate: 0.5,
            slow_call_s: 10.0,
            slow_call_rate: 0.8,
            window: 50,
            min_calls: 20,
            half_open_probes: 3,
        }
    }
}

impl BreakerConfig {
    /// How long an open breaker stays open.
    pub fn reset_timeout(&self) -> Duration {
        crate::timeouts::seconds(self.reset_timeout_s)
    }

    /// The slow-call threshold.
    pub fn slow_call(&self) -> Duration {
        crate::timeouts::seconds(self.slow_call_s)
    }

    /// Checks the values; errors name the field under `prefix`.
    pub fn validate(&self, prefix: &str) -> crate::Result<()> {
        let rate = |name: &str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(crate::Error::config(
                    format!("{prefix}.{name}"),
                    "must be between 0 and 1",
                ))
            }
        };
        rate("failure_rate", self.failure_rate)?;
        rate("slow_call_rate", self.slow_call_rate)?;
        for (name, v) in [
            ("failure_threshold", self.failure_threshold),
            ("window", self.window),
            ("half_open_probes", self.half_open_probes),
        ] {
            if v == 0 {
                return Err(crate::Error::config(
                    format!("{prefix}.{name}"),
                    "must be at least 1",
                ));
            }
        }
        if self.min_calls > self.window {
            return Err(crate::Error::config(
                format!("{prefix}.min_calls"),
                "must not exceed window",
            ));
        }
        for (name, v) in [
            ("reset_timeout_s", self.reset_timeout_s),
            ("slow_call_s", self.slow_call_s),
        ] {
            if !(v.is_finite() && v > 0.0) {
                return Err(crate::Error::config(
                    format!("{prefix}.{name}"),
                    "must be a positive number of seconds",
                ));
            }
        }
        Ok(())
    }
}
