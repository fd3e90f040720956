//! The command line as clap parses it, before any settings are read.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};
use nbi_core::LoadOptions;

/// nbi: one resilient client for access-network northbound APIs.
#[derive(Debug, Parser)]
#[command(name = "nbi", version, about, propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// The settings file (default: ./nbi.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// What stdout holds: text for people, or one JSON document.
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub(crate) output: OutputFormat,
    /// More log detail on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, global = true, action = ArgAction::Count)]
    pub(crate) verbose: u8,
    /// Log errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Override one setting, highest precedence (repeatable), e.g.
    /// --set tenants.acme.netbox.max_concurrency=5
    #[arg(long = "set", global = true, value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub(crate) set: Vec<(String, String)>,
}

impl GlobalArgs {
    /// What to load the settings from.
    pub(crate) fn load_options(&self) -> LoadOptions {
        LoadOptions {
            file: self.config.clone(),
            overrides: self.set.clone(),
            ..LoadOptions::default()
        }
    }
}

/// The format of stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Text for people.
    #[default]
    Text,
    /// One JSON document (JSON lines for long-running commands).
    Json,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Inspect and check the settings.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script.
    #[command(after_help = "Example:\n  nbi completions bash > /etc/bash_completion.d/nbi")]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `nbi config …`
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Print the effective settings, each value's source, every secret redacted.
    Show,
    /// Check the settings; exit 2 naming the field when they are wrong.
    Check,
}

fn parse_key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_string(), value.to_string()))
        }
        _ => Err("expected KEY=VALUE, e.g. tenants.acme.netbox.max_concurrency=5".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_go_anywhere() {
        let cli = Cli::try_parse_from([
            "nbi", "config", "show", "--output", "json", "-vv", "--set", "a.b=c=d",
        ])
        .unwrap();
        assert_eq!(cli.global.output, OutputFormat::Json);
        assert_eq!(cli.global.verbose, 2);
        assert_eq!(cli.global.set, [("a.b".to_string(), "c=d".to_string())]);
        assert!(Cli::try_parse_from(["nbi", "--set", "novalue", "config", "show"]).is_err());
    }
}
