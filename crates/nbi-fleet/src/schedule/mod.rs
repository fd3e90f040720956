//! Scheduled backups for `nbi fleet schedule`: a cron [`Schedule`] in a time zone, the loop that
//! runs a job at each fire time ([`run_schedule`]), and the `/metrics` + `/healthz` endpoints
//! ([`health_router`], [`HealthServer`], [`serve_health`]) fed by a shared [`HealthState`].
//!
//! ```no_run
//! # async fn demo(job: impl FnMut() -> std::future::Ready<nbi_fleet::schedule::JobReport>)
//! #     -> nbi_fleet::Result<()> {
//! use std::sync::Arc;
//! use nbi_fleet::schedule::{HealthServer, HealthState, Schedule, run_schedule};
//!
//! let schedule = Schedule::parse("0 */6 * * *", "Europe/Paris")?;
//! let health = HealthState::new(&schedule);
//! let server = HealthServer::bind("127.0.0.1:9464".parse().unwrap()).await?;
//! tokio::spawn(server.serve(nbi_core::Metrics::new(), health.clone(), std::future::pending()));
//! let shutdown = async { let _ = tokio::signal::ctrl_c().await; };
//! let runs = run_schedule(&schedule, Arc::new(nbi_core::SystemClock), shutdown, health, job).await?;
//! # let _ = runs; Ok(()) }
//! ```

mod cron;
mod daemon;
mod health;
mod server;

pub use self::cron::Schedule;
pub use self::daemon::run_schedule;
pub use self::health::{HealthReport, HealthState, HealthStatus, JobReport, LastRun};
pub use self::server::{HealthServer, health_router, serve_health};

#[cfg(test)]
mod tests;
