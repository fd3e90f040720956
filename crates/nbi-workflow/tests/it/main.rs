//! The runner end to end: parallelism, retries, timeouts, failures, references, resume,
//! cancellation, random DAGs, and `core.http` and `mano.*` against the simulator.

mod dag;
mod examples;
mod http;
mod mano;
mod resume;
mod runner;
mod support;
