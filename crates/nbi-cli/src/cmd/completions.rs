//! `nbi completions SHELL`: a completion script on stdout.

use std::io::{ErrorKind, Write};

use clap::CommandFactory;

use crate::args::Cli;
use crate::exit::Outcome;

pub(crate) fn run(shell: clap_complete::Shell) -> anyhow::Result<Outcome> {
    // Rendered into memory first: clap_complete panics when its writer fails, and a reader
    // that closes early (`nbi completions bash | head`) is not an error worth a panic.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "nbi", &mut script);
    match std::io::stdout().lock().write_all(&script) {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(Outcome::Success),
    }
}
