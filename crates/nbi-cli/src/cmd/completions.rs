//! `nbi completions SHELL`: a completion script on stdout.

use clap::CommandFactory;

use crate::args::Cli;
use crate::exit::Outcome;

pub(crate) fn run(shell: clap_complete::Shell) -> anyhow::Result<Outcome> {
    clap_complete::generate(shell, &mut Cli::command(), "nbi", &mut std::io::stdout());
    Ok(Outcome::Success)
}
