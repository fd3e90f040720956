//! Benchmarks of nbi.
//!
//! * [`compare`] — the `compare` binary (run by `bench/run`): nbi's transport, the whole fleet
//!   job, the Python anchors and a bare reqwest loop fetching the same configs from a pinned
//!   simulator, each process measured alike by [`rusage`]; the clients `fetch-nbi` and
//!   `fetch-bare` share the loop in [`load`]; [`xml_rate`] sets the XML reader beside
//!   defusedxml.
//!
//! The fleet backup at scale, driven by the `fleet` binary:
//!
//! * [`latency`] — how well the runner hides per-device latency: wall time against the ideal
//!   `devices × latency / concurrency`.
//! * [`throughput`] — devices per second with no latency, and the client's peak memory (the
//!   simulator runs as a separate `nbi sim` process so it is not counted).
//! * [`history`] — reading a large store: `history` and `diff` through the library and
//!   through the `nbi` binary end to end.
//!
//! Each returns a [`Measured`]: one JSON document and one line for people.
#![deny(missing_docs)]

pub mod compare;
pub mod history;
pub mod latency;
pub mod load;
pub mod rusage;
pub mod throughput;
pub mod xml_rate;

mod client;
mod report;
mod sim;
mod stats;
mod texts;

pub use crate::client::device_id;
pub use crate::report::Measured;
