//! Where a device's file goes under an export root, and writing it without a torn file.

use std::fs;
use std::io::{ErrorKind as IoKind, Write as _};
use std::path::{Component, Path, PathBuf};

use crate::store::StoreDevice;
use crate::{DeviceRef, Error, ErrorKind, Result};

/// `root/tenant/source/id`, refused (`Usage`) when a part is not a valid name or the result
/// would leave `root`.
///
/// Device names are validated when the inventory loads; this checks again because the path is
/// built from data read back from the store, and a bad name here would write outside `root`.
pub(crate) fn device_path(root: &Path, device: &StoreDevice) -> Result<PathBuf> {
    let refuse = |reason: String| {
        Error::new(
            ErrorKind::Usage,
            format!(
                "cannot export {device:?} under {}: {reason}",
                root.display()
            ),
        )
    };
    DeviceRef::validated(
        device.tenant.clone(),
        device.source.clone(),
        device.id.clone(),
    )
    .map_err(refuse)?;
    let relative: PathBuf = [&device.tenant, &device.source, &device.id]
        .iter()
        .collect();
    let stays_inside = relative.components().count() == 3
        && relative
            .components()
            .all(|part| matches!(part, Component::Normal(_)));
    if !stays_inside {
        return Err(refuse("the path would leave the export folder".to_owned()));
    }
    Ok(root.join(relative))
}

/// Writes `text` to `path` unless the file already holds exactly that; returns whether it
/// wrote. The text goes to a temporary file in the same folder, renamed over `path`, so a
/// reader (or a crash) never sees half a file.
pub(crate) fn write_if_changed(path: &Path, text: &str) -> Result<bool> {
    // A read problem (a folder in the way, no permission) shows up in the write below.
    if let Ok(existing) = fs::read(path)
        && existing == text.as_bytes()
    {
        return Ok(false);
    }
    let folder = path.parent().ok_or_else(|| {
        Error::new(
            ErrorKind::Io,
            format!("{} has no parent folder", path.display()),
        )
    })?;
    fs::create_dir_all(folder).map_err(io_error("creating", folder))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".nbi-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(io_error("creating a temporary file in", folder))?;
    temp.write_all(text.as_bytes())
        .map_err(io_error("writing a temporary file in", folder))?;
    temp.persist(path)
        .map_err(|e| io_error("replacing", path)(e.error))?;
    Ok(true)
}

/// Maps an I/O error to an `Io` error saying what was being done to which path.
pub(crate) fn io_error(doing: &str, path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let message = format!("{doing} {}", path.display());
    move |e| {
        let reason = match e.kind() {
            IoKind::NotFound => "not found".to_owned(),
            IoKind::PermissionDenied => "permission denied".to_owned(),
            _ => e.to_string(),
        };
        Error::new(ErrorKind::Io, format!("{message}: {reason}")).with_source(e)
    }
}
