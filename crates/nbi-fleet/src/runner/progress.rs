//! What the runner tells its caller as a run goes (a progress bar, a log).

use std::fmt;

use crate::{DeviceRef, Recorded};

/// Receives events of a run, from the task that records results (keep it quick).
pub trait Progress: Send + Sync + fmt::Debug {
    /// The run is about to fetch `todo` devices of `run`.
    fn started(&self, _run: crate::RunId, _todo: u64) {}

    /// A device's result was recorded.
    fn recorded(&self, _device: &DeviceRef, _recorded: &Recorded) {}
}

/// Reports nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {}
