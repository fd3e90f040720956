use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Client-side rate limits (`rate_limit = { per_minute = 1000, categories = { … } }`).
///
/// `per_minute` applies to the `standard` category and to any category not listed; each listed
/// category has its own quota. An absent table means unlimited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RateLimitConfig {
    /// Requests per minute of the standard category; `None` = unlimited.
    pub per_minute: Option<u32>,
    /// Requests per minute per named category (`deployment = 100`, `monitoring = 5000`).
    pub categories: BTreeMap<String, u32>,
}

impl RateLimitConfig {
    /// The quota per minute of `category`, if any.
    pub fn quota_for(&self, category: &str) -> Option<u32> {
        self.categories.get(category).copied().or(self.per_minute)
    }

    /// Checks the values; errors name the field under `prefix`.
    pub fn validate(&self, prefix: &str) -> crate::Result<()> {
        if self.per_minute == Some(0) {
            return Err(crate::Error::config(
                format!("{prefix}.per_minute"),
                "must be at least 1 (leave it out for no limit)",
            ));
        }
        for (name, v) in &self.categories {
            if *v == 0 {
                return Err(crate::Error::config(
                    format!("{prefix}.categories.{name}"),
                    "must be at least 1",
                ));
            }
        }
        Ok(())
    }
}
