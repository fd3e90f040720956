//! GenieACS NBI client: devices, tasks, presets, provisions, files and faults.
#![deny(missing_docs)]
