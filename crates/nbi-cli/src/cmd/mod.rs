//! One module per command; [`run`] dispatches.

pub(crate) mod cms;
mod completions;
mod config;
mod demo;
mod fleet;
pub(crate) mod genieacs;
pub(crate) mod mano;
pub(crate) mod netbox;
pub(crate) mod ofsc;
mod signal;
mod sim;
mod sim_config;
pub(crate) mod voltha;
pub(crate) mod webhooks;
pub(crate) mod workflow;

use nbi_core::{Error, Loaded};

use crate::args::Command;
use crate::exit::Outcome;
use crate::output::Output;

/// What every command may use: the output and the settings.
#[derive(Debug)]
pub(crate) struct Context {
    pub(crate) output: Output,
    settings: nbi_core::Result<Loaded>,
}

impl Context {
    pub(crate) fn new(output: Output, settings: nbi_core::Result<Loaded>) -> Self {
        Context { output, settings }
    }

    /// The loaded settings, or the error that loading them gave.
    pub(crate) fn settings(&self) -> Result<&Loaded, Error> {
        self.settings
            .as_ref()
            .map_err(|e| Error::new(e.kind(), e.message()))
    }
}

/// Runs one command.
pub(crate) fn run(command: Command, ctx: &Context) -> anyhow::Result<Outcome> {
    match command {
        Command::Config(command) => config::run(command, ctx),
        Command::Completions { shell } => completions::run(shell),
        Command::Sim(args) => sim::run(args, ctx),
        Command::Fleet(command) => fleet::run(command, ctx),
        Command::Demo(args) => demo::run(args, ctx),
        Command::Voltha(args) => voltha::run(args, ctx),
        Command::Genieacs(args) => genieacs::run(*args, ctx),
        Command::Mano(args) => mano::run(*args, ctx),
        Command::Ofsc(args) => ofsc::run(*args, ctx),
        Command::Cms(args) => cms::run(args, ctx),
        Command::Netbox(args) => netbox::run(args, ctx),
        Command::Webhooks(command) => webhooks::run(command, ctx),
        Command::Workflow(command) => workflow::run(command, ctx),
    }
}
