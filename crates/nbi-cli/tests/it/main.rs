//! The `nbi` binary, run as a user would.

mod config;
mod sim;

use std::path::Path;
use std::process::{Command, Output};

/// Runs `nbi` in `dir` with only the given environment variables.
pub(crate) fn nbi(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nbi"))
        .current_dir(dir)
        .env_clear()
        // Coverage runs tell the instrumented binary where to write its profile.
        .envs(std::env::var_os("LLVM_PROFILE_FILE").map(|v| ("LLVM_PROFILE_FILE", v)))
        .envs(env.iter().copied())
        .args(args)
        .output()
        .expect("nbi runs")
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
