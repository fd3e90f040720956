//! A plain directory mirror of the latest texts.

use std::fs;
use std::path::{Path, PathBuf};

use super::path::{device_path, io_error, write_if_changed};
use crate::Result;
use crate::store::StoreDevice;

/// A folder holding each device's latest normalized text at `root/tenant/source/id`.
///
/// Files are replaced atomically and left alone when their content is already right, so
/// their modification times say when a device's configuration last changed.
#[derive(Debug, Clone)]
pub struct DirMirror {
    root: PathBuf,
}

impl DirMirror {
    /// A mirror rooted at `root`, which is created if needed (`Io` error when it cannot be).
    pub fn new(root: impl Into<PathBuf>) -> Result<DirMirror> {
        let root = root.into();
        fs::create_dir_all(&root).map_err(io_error("creating the export folder", &root))?;
        Ok(DirMirror { root })
    }

    /// The mirror's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes `text` as `device`'s file; returns whether the file changed. A device name that
    /// would leave the folder is a `Usage` error.
    pub fn write(&self, device: &StoreDevice, text: &str) -> Result<bool> {
        write_if_changed(&device_path(&self.root, device)?, text)
    }
}
