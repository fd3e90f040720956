//! A git repository mirroring the latest texts, committed to once per run.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::dir::DirMirror;
use crate::store::StoreDevice;
use crate::{Error, ErrorKind, Result};

/// The identity commits carry when git has none configured.
const FALLBACK_NAME: &str = "nbi";
const FALLBACK_EMAIL: &str = "nbi@localhost";

/// Variables that would point `git -C path` at another repository or index (they are set,
/// for instance, when nbi runs from inside a git hook).
const REDIRECTING_VARS: [&str; 4] = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"];

/// A git repository whose work tree mirrors each device's text at `tenant/source/id`;
/// [`GitExport::commit`] records a run as one commit, so `git log -p` is the fleet's history.
///
/// Runs the `git` command-line tool; the user's git configuration is read, never changed.
#[derive(Debug)]
pub struct GitExport {
    tree: DirMirror,
    /// Tests run git without the machine's global and system configuration.
    isolated: bool,
}

impl GitExport {
    /// Opens the repository at `path`, creating the folder and running `git init` when it is
    /// not a repository yet. An `Io` error when `git` is not installed or fails.
    pub fn open(path: impl Into<PathBuf>) -> Result<GitExport> {
        GitExport::open_with(path.into(), false)
    }

    /// Like [`GitExport::open`], with git reading no global or system configuration and no
    /// identity from the environment.
    #[cfg(test)]
    pub(super) fn open_isolated(path: impl Into<PathBuf>) -> Result<GitExport> {
        GitExport::open_with(path.into(), true)
    }

    fn open_with(path: PathBuf, isolated: bool) -> Result<GitExport> {
        let export = GitExport {
            tree: DirMirror::new(path)?,
            isolated,
        };
        // `.git` in the folder itself, not `rev-parse`: a folder inside some other repository
        // must get a repository of its own.
        if !export.root().join(".git").exists() {
            export.git(&["init", "--quiet"])?;
        }
        export.check_is_top_level()?;
        Ok(export)
    }

    /// Refuses a folder that git resolves to another repository (a broken `.git` under a
    /// repository's work tree): committing there would commit into that repository.
    fn check_is_top_level(&self) -> Result<()> {
        let output = self.git(&["rev-parse", "--show-toplevel"])?;
        let top_level = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        let same = match (top_level.canonicalize(), self.root().canonicalize()) {
            (Ok(top_level), Ok(root)) => top_level == root,
            _ => false,
        };
        if same {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Io,
            format!(
                "git export at {}: git resolves it to the repository at {}; its .git is broken",
                self.root().display(),
                top_level.display()
            ),
        ))
    }

    /// The repository's work tree.
    pub fn root(&self) -> &Path {
        self.tree.root()
    }

    /// Writes `text` as `device`'s file in the work tree; returns whether the file changed.
    pub fn write(&self, device: &StoreDevice, text: &str) -> Result<bool> {
        // Git refuses to track a path with a `.git` part; say so instead of failing the commit.
        if device.id.eq_ignore_ascii_case(".git") {
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "cannot export {device} to git at {}: a file may not be named .git",
                    self.root().display()
                ),
            ));
        }
        self.tree.write(device, text)
    }

    /// Stages everything (`git add -A`) and makes one commit with `message`; returns the new
    /// commit's hash, or `None` when nothing changed. Without a configured identity the commit
    /// is by `nbi <nbi@localhost>`.
    pub fn commit(&self, message: &str) -> Result<Option<String>> {
        self.git(&["add", "--all"])?;
        let status = self.git(&["status", "--porcelain"])?;
        if status.stdout.is_empty() {
            return Ok(None);
        }
        let mut args: Vec<String> = Vec::new();
        if self.config_value("user.email")?.is_none() {
            args.extend(identity_arg("user.email", FALLBACK_EMAIL));
            args.extend(identity_arg("user.name", FALLBACK_NAME));
        } else if self.config_value("user.name")?.is_none() {
            args.extend(identity_arg("user.name", FALLBACK_NAME));
        }
        args.extend(["commit", "--quiet", "--message", message].map(String::from));
        self.git(&args)?;
        let head = self.git(&["rev-parse", "HEAD"])?;
        Ok(Some(
            String::from_utf8_lossy(&head.stdout).trim().to_owned(),
        ))
    }

    /// A configuration value as git sees it here, `None` when unset or empty.
    fn config_value(&self, key: &str) -> Result<Option<String>> {
        let output = self.run(&["config", key])?;
        // `git config KEY` exits 1 when the key is unset; that is an answer, not a failure.
        if output.status.code() == Some(1) {
            return Ok(None);
        }
        let output = self.check(&["config", key], output)?;
        let value = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        Ok(Some(value).filter(|v| !v.is_empty()))
    }

    /// Runs git; a non-zero exit is an `Io` error carrying git's own message.
    fn git<S: AsRef<str>>(&self, args: &[S]) -> Result<Output> {
        let output = self.run(args)?;
        self.check(args, output)
    }

    fn check<S: AsRef<str>>(&self, args: &[S], output: Output) -> Result<Output> {
        if output.status.success() {
            return Ok(output);
        }
        let command = subcommand(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(Error::new(
            ErrorKind::Io,
            format!(
                "git export at {}: `git {command}` failed ({}): {}",
                self.root().display(),
                output.status,
                stderr.trim()
            ),
        ))
    }

    fn run<S: AsRef<str>>(&self, args: &[S]) -> Result<Output> {
        let mut command = Command::new("git");
        command
            .arg("-C")
            .arg(self.root())
            .args(args.iter().map(AsRef::as_ref))
            .stdin(Stdio::null());
        for var in REDIRECTING_VARS {
            command.env_remove(var);
        }
        if self.isolated {
            command
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .env("GIT_CONFIG_NOSYSTEM", "1");
            for var in [
                "GIT_AUTHOR_NAME",
                "GIT_AUTHOR_EMAIL",
                "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL",
                "EMAIL",
            ] {
                command.env_remove(var);
            }
        }
        command.output().map_err(|e| {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "git export at {}: the `git` command was not found; install git or remove \
                     fleet.export.git",
                    self.root().display()
                )
            } else {
                format!(
                    "git export at {}: cannot run git: {e}",
                    self.root().display()
                )
            };
            Error::new(ErrorKind::Io, message).with_source(e)
        })
    }
}

/// `-c key=value`, which sets a value for one git command only.
fn identity_arg(key: &str, value: &str) -> [String; 2] {
    ["-c".to_owned(), format!("{key}={value}")]
}

/// The git subcommand in `args`: the first word that is neither an option nor a `-c` value.
fn subcommand<S: AsRef<str>>(args: &[S]) -> &str {
    let mut args = args.iter().map(AsRef::as_ref);
    while let Some(arg) = args.next() {
        if arg == "-c" {
            args.next();
        } else if !arg.starts_with('-') {
            return arg;
        }
    }
    ""
}
