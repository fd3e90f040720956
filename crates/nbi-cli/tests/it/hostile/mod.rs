//! Hostile input, through the real binary: a local server answers `nbi` with bombs, endless
//! bodies and headers, broken encodings and lies, and bad settings and inventory files are fed
//! to it. Each case must end in a typed error within bounded time and memory, never a panic
//! or a hang. Memory is the peak RSS (`VmHWM`) of the child `nbi` process, read from /proc
//! while it runs; time is a kill deadline on the child.

mod child;
mod files;
mod json;
mod lab;
mod server;
mod webhooks;
mod xml;

pub(crate) use child::{Bounded, run_bounded};
pub(crate) use server::{HostileServer, Reply};
