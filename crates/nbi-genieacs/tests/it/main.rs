//! Integration tests against nbi-sim's GenieACS.

mod blocking;
mod config;
mod devices;
mod errors;
mod resilience;
mod support;
mod tasks;
