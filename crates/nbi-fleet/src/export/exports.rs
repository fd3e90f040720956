//! The configured extra outputs, fed by the runner as results arrive.

use std::path::{Path, PathBuf};

use super::dir::DirMirror;
use super::git::GitExport;
use crate::store::{RunId, StoreDevice};
use crate::{ExportSettings, Result};

/// The extra outputs of `[fleet] export`: a directory mirror, a git repository, both or none.
///
/// The runner calls [`Exports::write`] with each fetched device's normalized text and
/// [`Exports::finish_run`] once when the run ends.
#[derive(Debug, Default)]
pub struct Exports {
    pub(super) dir: Option<DirMirror>,
    pub(super) git: Option<GitExport>,
}

impl Exports {
    /// Opens the outputs `settings` names; relative paths resolve against `base_dir` (the
    /// settings file's folder). `None` gives no outputs. Folders are created and the git
    /// repository initialized as needed.
    pub fn from_settings(settings: Option<&ExportSettings>, base_dir: &Path) -> Result<Exports> {
        let Some(settings) = settings else {
            return Ok(Exports::default());
        };
        let resolve = |path: &PathBuf| base_dir.join(path);
        Ok(Exports {
            dir: settings
                .dir
                .as_ref()
                .map(resolve)
                .map(DirMirror::new)
                .transpose()?,
            git: settings
                .git
                .as_ref()
                .map(resolve)
                .map(GitExport::open)
                .transpose()?,
        })
    }

    /// True when no output is configured.
    pub fn is_empty(&self) -> bool {
        self.dir.is_none() && self.git.is_none()
    }

    /// Writes `device`'s latest text to every output.
    pub fn write(&self, device: &StoreDevice, text: &str) -> Result<()> {
        if let Some(dir) = &self.dir {
            dir.write(device, text)?;
        }
        if let Some(git) = &self.git {
            git.write(device, text)?;
        }
        Ok(())
    }

    /// Ends a run: commits the git output with the message
    /// `nbi fleet backup run N: <summary_line>` and returns the commit's hash, or `None` when
    /// there is no git output or nothing changed.
    pub fn finish_run(&self, run: RunId, summary_line: &str) -> Result<Option<String>> {
        match &self.git {
            Some(git) => git.commit(&format!("nbi fleet backup run {run}: {summary_line}")),
            None => Ok(None),
        }
    }
}
