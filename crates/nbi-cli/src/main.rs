//! `nbi`: the command-line tool over the nbi crates.
//!
//! Exit status: 0 everything asked succeeded, 1 it ran but something failed, 2 bad usage or
//! bad settings (the message names the field), 130 interrupted. `--output json` prints one
//! JSON document on stdout; logs go to stderr.

mod args;
mod cmd;
mod exit;
mod logging;
mod output;

use std::process::ExitCode;

use clap::Parser;
use nbi_core::Settings;

use crate::args::Cli;
use crate::cmd::Context;
use crate::output::Output;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return exit::clap_error(&e),
    };
    let output = Output::new(cli.global.output);
    // Loaded up front so logging can follow `settings.log_format`; a command that needs no
    // settings never sees a loading error.
    let loaded = Settings::load(&cli.global.load_options());
    let log_format = loaded.as_ref().ok().map(|l| l.settings.settings.log_format);
    logging::init(&cli.global, log_format);
    let context = Context::new(output, loaded);
    exit::report(cmd::run(cli.command, &context), &output)
}
