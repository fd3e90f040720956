//! `[workflow]` in `nbi.toml`.

use std::path::PathBuf;

use serde::Deserialize;

use crate::engine::DEFAULT_MAX_PARALLEL;

/// `[workflow]`: where runs are recorded and how many steps run at once.
///
/// ```toml
/// [workflow]
/// store = "nbi-workflow.db"   # relative to the settings file's folder (else the working one)
/// max_parallel = 8            # steps in flight at once
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkflowSettings {
    /// The SQLite state store.
    pub store: PathBuf,
    /// Steps in flight at once (at least 1).
    pub max_parallel: usize,
}

impl Default for WorkflowSettings {
    fn default() -> Self {
        WorkflowSettings {
            store: PathBuf::from("nbi-workflow.db"),
            max_parallel: DEFAULT_MAX_PARALLEL,
        }
    }
}
