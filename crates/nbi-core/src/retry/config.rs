use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The longest deadline or wait a setting may ask for.
const DAY_S: f64 = 86_400.0;

/// Retry settings (`retry = { … }` in `nbi.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 = no retry). Default 4.
    pub max_attempts: u32,
    /// Backoff base in milliseconds: attempt n waits up to `base_ms * 2^n`. Default 200.
    pub base_ms: u64,
    /// Longest backoff in milliseconds. Default 10 000.
    pub max_ms: u64,
    /// Total deadline of a call in seconds, waits included. Default 60.
    pub deadline_s: f64,
    /// Retries allowed as a percentage of recent requests per (service, tenant). Default 20.
    pub budget_percent: f64,
    /// Retries always allowed per budget window, so a quiet client can still retry. Default 10.
    pub budget_min_retries: u32,
    /// Longest `Retry-After` honoured; a longer one ends the call as rate limited. Default 120 s.
    pub max_retry_after_s: f64,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 4,
            base_ms: 200,
            max_ms: 10_000,
            deadline_s: 60.0,
            budget_percent: 20.0,
            budget_min_retries: 10,
            max_retry_after_s: 120.0,
        }
    }
}

impl RetryConfig {
    /// The total deadline.
    pub fn deadline(&self) -> Duration {
        crate::timeouts::seconds(self.deadline_s)
    }

    /// The longest honoured `Retry-After`.
    pub fn max_retry_after(&self) -> Duration {
        crate::timeouts::seconds(self.max_retry_after_s)
    }

    /// Checks the values; errors name the field under `prefix`.
    pub fn validate(&self, prefix: &str) -> crate::Result<()> {
        if self.max_attempts == 0 {
            return Err(crate::Error::config(
                format!("{prefix}.max_attempts"),
                "must be at least 1",
            ));
        }
        if self.base_ms > self.max_ms {
            return Err(crate::Error::config(
                format!("{prefix}.base_ms"),
                "must not exceed max_ms",
            ));
        }
        if !(self.deadline_s > 0.0 && self.deadline_s <= DAY_S) {
            return Err(crate::Error::config(
                format!("{prefix}.deadline_s"),
                "must be a positive number of seconds, at most a day (86400)",
            ));
        }
        if !(0.0..=100.0).contains(&self.budget_percent) {
            return Err(crate::Error::config(
                format!("{prefix}.budget_percent"),
                "must be between 0 and 100",
            ));
        }
        if !(0.0..=DAY_S).contains(&self.max_retry_after_s) {
            return Err(crate::Error::config(
                format!("{prefix}.max_retry_after_s"),
                "must be between 0 and 86400 seconds",
            ));
        }
        Ok(())
    }
}
