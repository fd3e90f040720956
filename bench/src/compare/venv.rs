//! The Python side: a virtual environment under `bench/.venv` with the anchors' packages
//! from `bench/requirements.txt`, created by the harness when asked to.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, bail};
use serde::Serialize;

/// Whether the Python stacks run, and whether the harness may install them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PythonMode {
    /// Create `bench/.venv` if needed and install `bench/requirements.txt` from PyPI.
    Install,
    /// Use `bench/.venv` when it exists and has the packages; otherwise skip, saying so.
    IfPresent,
    /// Skip the Python stacks.
    Skip,
}

/// A ready interpreter and what is installed in it.
#[derive(Debug, Clone, Serialize)]
pub struct Python {
    /// The venv's interpreter.
    pub exe: PathBuf,
    /// `Python 3.x.y`.
    pub version: String,
    /// `name==version` of every installed package.
    pub packages: Vec<String>,
}

/// The modules every Python stack needs.
const IMPORTS: &str = "import httpx, aiohttp, tenacity, pybreaker, sniffio, defusedxml";

/// Prepares the interpreter as `mode` says; `Ok(None)` with a reason when the stacks are skipped.
pub(crate) fn prepare(
    mode: PythonMode,
    bench_dir: &Path,
) -> anyhow::Result<Result<Python, String>> {
    let venv = bench_dir.join(".venv");
    let exe = venv.join("bin").join("python");
    match mode {
        PythonMode::Skip => return Ok(Err("skipped (--no-python)".into())),
        PythonMode::IfPresent if !exe.is_file() => {
            return Ok(Err(format!(
                "skipped: no venv at {} (run without --python if-present to install one)",
                venv.display()
            )));
        }
        PythonMode::IfPresent => {
            if !succeeds(Command::new(&exe).args(["-c", IMPORTS])) {
                return Ok(Err(format!(
                    "skipped: {} lacks the anchors' packages",
                    venv.display()
                )));
            }
        }
        PythonMode::Install => install(&venv, &exe, &bench_dir.join("requirements.txt"))?,
    }
    let version = output(Command::new(&exe).arg("--version"))?;
    let freeze =
        output(Command::new(&exe).args(["-m", "pip", "freeze", "--disable-pip-version-check"]))?;
    Ok(Ok(Python {
        exe,
        version: version.trim().to_owned(),
        packages: freeze.lines().map(str::to_owned).collect(),
    }))
}

fn install(venv: &Path, exe: &Path, requirements: &Path) -> anyhow::Result<()> {
    if !exe.is_file() {
        eprintln!("compare: creating {} (python3 -m venv)", venv.display());
        let created = Command::new("python3")
            .args(["-m", "venv"])
            .arg(venv)
            .status();
        if !created.is_ok_and(|s| s.success()) {
            bail!("cannot create {} with `python3 -m venv`", venv.display());
        }
    }
    eprintln!(
        "compare: installing {} into {}",
        requirements.display(),
        venv.display()
    );
    let installed = Command::new(exe)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(requirements)
        .status()
        .with_context(|| format!("cannot run {}", exe.display()))?;
    if !installed.success() {
        bail!("pip could not install {}", requirements.display());
    }
    Ok(())
}

fn succeeds(command: &mut Command) -> bool {
    command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn output(command: &mut Command) -> anyhow::Result<String> {
    let out = command.output().context("cannot run the venv's python")?;
    if !out.status.success() {
        bail!(
            "the venv's python failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipping_needs_no_interpreter() {
        let dir = tempfile::tempdir().unwrap();
        let skipped = prepare(PythonMode::Skip, dir.path()).unwrap();
        assert!(skipped.unwrap_err().contains("--no-python"));
        let absent = prepare(PythonMode::IfPresent, dir.path()).unwrap();
        assert!(absent.unwrap_err().contains("no venv"));
    }
}
