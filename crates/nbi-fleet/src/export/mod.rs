//! Extra outputs beside the snapshot store: a plain directory mirror and a git repository
//! committed to once per run (`export = { git = "…", dir = "…" }`), plus a one-off export of
//! the store's texts for `nbi fleet export --dir DIR [--run R]`.
//!
//! Each device's normalized text goes to `root/tenant/source/id`.

mod dir;
mod exports;
mod git;
mod path;
mod snapshot;

pub use self::dir::DirMirror;
pub use self::exports::Exports;
pub use self::git::GitExport;
pub use self::snapshot::export_dir;

#[cfg(test)]
mod tests;
