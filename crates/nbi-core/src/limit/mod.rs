//! Client-side limits on how fast and how many calls go out.
//!
//! - [`RateLimiter`]: the configured requests-per-minute quotas, one GCRA limiter per
//!   category; callers wait for a cell, nothing is dropped.
//! - [`RateLimitGate`]: holds a category back after a server said its quota is spent
//!   (`X-RateLimit-Remaining: 0` until the reset).
//! - [`Bulkhead`]: at most `max_concurrency` calls in flight per (service, tenant).
//!
//! All three measure and wait with `tokio::time`, so tests run them on tokio's paused clock.

mod bulkhead;
pub(crate) mod config;
mod gate;
mod rate;

pub use self::bulkhead::{Bulkhead, BulkheadPermit};
pub use self::config::RateLimitConfig;
pub use self::gate::RateLimitGate;
pub use self::rate::RateLimiter;
