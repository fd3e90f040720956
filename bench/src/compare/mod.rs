//! nbi side by side with the Python stacks it replaces and with the raw limit, in one run.
//!
//! Every client fetches the same N device configs from a benchmark-mode `nbi sim` pinned to
//! one core while the client is pinned to the other, one client at a time, each against a
//! fresh simulator so its counters are its own. Three scenarios: no latency (throughput and
//! CPU), 20 ms latency (wall time against the ideal), and a fault mix (5 % 503, 2 % 429 with
//! Retry-After, 1 % dropped connections). Every client process is measured the same way
//! ([`crate::rusage`]); the XML reader is set against defusedxml on the same reply.

mod machine;
mod measure;
mod render;
mod run;
mod server;
mod stacks;
mod targets;
mod venv;

pub use self::machine::Machine;
pub use self::measure::StackRun;
pub use self::render::{markdown, ratio_rows, table};
pub use self::run::{Comparison, Plan, Scenario, ScenarioResult, XmlComparison, run};
pub use self::server::ServerFaults;
pub use self::stacks::Stack;
pub use self::targets::{Status, Target};
pub use self::venv::{Python, PythonMode};
