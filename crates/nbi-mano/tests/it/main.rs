//! Integration tests against the simulator.

mod areas;
mod auth;
mod blocking;
mod errors;
mod limits;
mod orchestrator;
mod support;
mod webhooks;
