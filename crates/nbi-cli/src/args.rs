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
    /// Serve simulators of the NBIs on 127.0.0.1, with fault injection, until SIGINT/SIGTERM.
    #[command(
        after_help = "Examples:\n  nbi sim --tenants 3 --devices 100 --fail-rate 0.05 --write-config lab/nbi.toml\n  nbi sim --auth none --devices 20000   # what the Python anchors fetch"
    )]
    Sim(SimArgs),
    /// Back up and diff the configuration of the fleet in `[fleet]`.
    #[command(subcommand)]
    Fleet(FleetCommand),
    /// NetBox: any model through the generic endpoint API, IP pools, rendered configs.
    Netbox(crate::cmd::netbox::Args),
    /// Start simulators in-process, back up a 3-tenant fleet twice with changes between, and
    /// show the summaries, a diff and an HTML report (nbi-demo.db, nbi-demo.html).
    Demo(DemoArgs),
    /// VOLTHA: devices, logical devices, adapters, device types, ONUs and health.
    Voltha(crate::cmd::voltha::Args),
    /// The GenieACS NBI: devices, tasks, faults, presets, objects, provisions, virtual
    /// parameters, files and ping (JSON out).
    Genieacs(Box<crate::cmd::genieacs::Args>),
    /// Calix CMS: E7 ONTs, VLANs and Ethernet services over NETCONF, and the REST NBI.
    Cms(crate::cmd::cms::Args),
    /// Receive signed webhooks (MANO or Standard Webhooks), deduplicated, into a JSON-lines file.
    #[command(subcommand)]
    Webhooks(crate::cmd::webhooks::WebhooksCommand),
    /// O-RAN Intent-MANO: intents, plans, deployments, VNFs, TN, O2, monitoring, webhooks.
    Mano(Box<crate::cmd::mano::Args>),
    /// Workflows of dependent steps: run (or resume) a YAML file, show a run's steps.
    #[command(subcommand)]
    Workflow(crate::cmd::workflow::WorkflowCommand),
    /// Oracle Field Service: activities, resources, users, events, capacity and metadata.
    Ofsc(Box<crate::cmd::ofsc::Args>),
}

/// `nbi demo …`
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Devices per tenant (3 tenants).
    #[arg(long, default_value_t = 334)]
    pub(crate) devices: usize,
    /// Devices whose configuration changes between the two backups.
    #[arg(long, default_value_t = 25)]
    pub(crate) changes: usize,
    /// The folder nbi-demo.db and nbi-demo.html are written to.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,
    /// Seed of the simulators' faults.
    #[arg(long, default_value_t = 7)]
    pub(crate) seed: u64,
}

/// A device named `tenant/source/id`.
pub(crate) type DeviceArg = nbi_fleet::DeviceRef;

/// `nbi fleet …`
#[derive(Debug, Subcommand)]
pub(crate) enum FleetCommand {
    /// Fetch every device's configuration and record what changed.
    #[command(
        after_help = "Examples:\n  nbi fleet backup\n  nbi fleet backup --tenant acme --concurrency 20\n  nbi fleet backup --resume 12   # only the devices run 12 has no result for"
    )]
    Backup(BackupArgs),
    /// The last run of each tenant: counts, and failures with their reasons.
    Status,
    /// Print a device's configuration (latest, or --version N).
    #[command(disable_version_flag = true)]
    Show {
        /// The device, `tenant/source/id`.
        device: DeviceArg,
        /// The version to print (from 1).
        #[arg(long)]
        version: Option<u32>,
    },
    /// A device's versions: when each was first seen, its size and hash.
    History {
        /// The device, `tenant/source/id`.
        device: DeviceArg,
    },
    /// A unified diff between two versions of a device (default: the last two).
    Diff {
        /// The device, `tenant/source/id`.
        device: DeviceArg,
        /// The old version (default: the one before --to).
        #[arg(long)]
        from: Option<u32>,
        /// The new version (default: the latest).
        #[arg(long)]
        to: Option<u32>,
        /// Exit 1 when the versions differ.
        #[arg(long)]
        exit_code: bool,
    },
    /// Write each device's latest (or --run R's) configuration to DIR/tenant/source/id.
    Export {
        /// The folder to write to.
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
        /// The run whose versions to write (default: the latest of each device).
        #[arg(long)]
        run: Option<u64>,
    },
    /// Write a self-contained HTML report of the latest runs.
    Report {
        /// The file to write.
        #[arg(long, value_name = "FILE")]
        html: PathBuf,
        /// How many runs to list.
        #[arg(long, default_value_t = 20)]
        runs: u32,
    },
    /// Keep `retention.keep_versions` versions per device and compact the store.
    Prune,
    /// Re-apply today's normalization rules to the stored raw bodies (no fetching).
    Renormalize,
    /// Run backups on `[fleet] schedule` in the foreground, serving /metrics and /healthz.
    Schedule,
}

/// `nbi fleet backup …`
#[derive(Debug, Args)]
pub(crate) struct BackupArgs {
    /// Only this tenant's devices.
    #[arg(long)]
    pub(crate) tenant: Option<String>,
    /// Only this device, `tenant/source/id` (repeatable).
    #[arg(long)]
    pub(crate) device: Vec<DeviceArg>,
    /// Device fetches in flight at most (default: `[fleet] concurrency`).
    #[arg(long)]
    pub(crate) concurrency: Option<usize>,
    /// Continue run RUN: fetch only the devices it has no result for.
    #[arg(long, value_name = "RUN")]
    pub(crate) resume: Option<u64>,
}

/// `nbi sim …`
#[derive(Debug, Args)]
pub(crate) struct SimArgs {
    /// Services to serve, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "nms")]
    pub(crate) services: Vec<String>,
    /// Tenants per service.
    #[arg(long, default_value_t = 1)]
    pub(crate) tenants: usize,
    /// Devices per tenant.
    #[arg(long, default_value_t = 10)]
    pub(crate) devices: usize,
    /// Added latency per request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub(crate) latency_ms: u64,
    /// Random extra latency up to this many milliseconds.
    #[arg(long, default_value_t = 0)]
    pub(crate) jitter_ms: u64,
    /// Share of requests answered 503 with Retry-After.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) fail_rate: f64,
    /// Share of requests answered 429 with Retry-After and X-RateLimit-* headers.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) throttle_rate: f64,
    /// Share of connections closed before any response.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) reset_rate: f64,
    /// Share of requests never answered (longer than any client timeout).
    #[arg(long, default_value_t = 0.0)]
    pub(crate) stall_rate: f64,
    /// Share of responses whose body is cut short.
    #[arg(long, default_value_t = 0.0)]
    pub(crate) truncate_rate: f64,
    /// Issued tokens stop working after this many seconds.
    #[arg(long)]
    pub(crate) token_ttl_s: Option<u64>,
    /// Issued tokens stop working after this many uses.
    #[arg(long)]
    pub(crate) token_uses: Option<u64>,
    /// `default` gives each tenant its own credentials and scheme; `none` serves exactly what
    /// the benchmark anchors fetch (no auth, ids 0..N-1, 4 KB envelopes, ?delay_ms=N).
    #[arg(long, value_enum, default_value_t = SimAuth::Default)]
    pub(crate) auth: SimAuth,
    /// Seed of every random choice, so a run can be repeated.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,
    /// Serve HTTPS with a generated self-signed certificate (written beside --write-config).
    #[arg(long)]
    pub(crate) https: bool,
    /// Write an nbi.toml (secrets as files beside it) and a devices.csv inventory for these
    /// simulators.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_config: Option<PathBuf>,
}

/// `nbi sim --auth`
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SimAuth {
    /// No auth: the benchmark mode.
    None,
    /// Per-tenant credentials, schemes in rotation.
    Default,
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
