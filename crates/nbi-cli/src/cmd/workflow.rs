//! `nbi workflow run FILE [--resume RUN]` and `nbi workflow status RUN`: workflows of
//! dependent steps, recorded in `[workflow] store`.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Subcommand;
use nbi_core::Transports;
use nbi_workflow::{
    ActionRegistry, ErrorKind, RunReport, RunStatus, Runner, Workflow, WorkflowSettings,
    WorkflowStore,
};

use super::{Context, signal};
use crate::exit::{Outcome, UsageError};
use crate::output::table;

/// `nbi workflow …`
#[derive(Debug, Subcommand)]
pub(crate) enum WorkflowCommand {
    /// Run a YAML workflow: every ready step in parallel, with retries and timeouts. Exit 0
    /// when every step succeeded, 1 when one failed, 130 when interrupted (resume it).
    #[command(
        after_help = "Examples:\n  nbi workflow run examples/workflows/nms-check.yaml\n  nbi workflow run examples/workflows/nms-check.yaml --resume 3   # only the steps run 3 did not finish"
    )]
    Run {
        /// The workflow file (YAML).
        file: PathBuf,
        /// Continue run RUN of this same workflow: rerun only the steps that did not succeed.
        #[arg(long, value_name = "RUN")]
        resume: Option<u64>,
        /// Steps in flight at once (default: `[workflow] max_parallel`, else 8).
        #[arg(long, value_name = "N")]
        max_parallel: Option<usize>,
    },
    /// Show the steps of run RUN: status, tries, duration and error.
    Status {
        /// The run's number.
        run: u64,
    },
}

/// Runs one `nbi workflow` command.
pub(crate) fn run(command: WorkflowCommand, ctx: &Context) -> anyhow::Result<Outcome> {
    let loaded = ctx.settings()?;
    let workflow_settings: WorkflowSettings = loaded.section("workflow")?.unwrap_or_default();
    let store_path = loaded.settings.resolve_path(&workflow_settings.store);
    match command {
        WorkflowCommand::Run {
            file,
            resume,
            max_parallel,
        } => {
            let workflow = Workflow::from_yaml_file(&file).map_err(usage)?;
            let parallel = max_parallel.unwrap_or(workflow_settings.max_parallel);
            if parallel == 0 {
                return Err(UsageError("--max-parallel must be at least 1".into()).into());
            }
            let transports = Transports::new(loaded.settings.clone());
            let registry = ActionRegistry::builtin(Some(transports.clone()));
            // Checked before the store is touched, so a wrong file leaves no trace.
            registry.check(&workflow).map_err(usage)?;
            let store = WorkflowStore::open(&store_path)?;
            let runner = Runner::new(registry, store).max_parallel(parallel);
            let report = signal::runtime()?.block_on(async {
                let cancel = signal::cancel_on_stop_signal();
                let result = match resume {
                    Some(run_id) => runner.resume(run_id, &workflow, cancel).await,
                    None => runner.run(&workflow, cancel).await,
                };
                // Sessions are logged out whatever the outcome; a logout failure changes nothing.
                let _ = transports.shutdown().await;
                result
            });
            let report = report.map_err(usage)?;
            print(&report, ctx)?;
            Ok(match report.status {
                RunStatus::Succeeded => Outcome::Success,
                RunStatus::Cancelled => Outcome::Interrupted,
                RunStatus::Failed | RunStatus::Running => Outcome::Failed,
            })
        }
        WorkflowCommand::Status { run } => {
            let store = open_existing(&store_path)?;
            let report = store.report(run).map_err(usage)?;
            print(&report, ctx)?;
            Ok(Outcome::Success)
        }
    }
}

/// Definition errors, unknown runs and refused resumes are the caller's to fix: exit 2.
fn usage(e: nbi_workflow::Error) -> anyhow::Error {
    match e.kind() {
        ErrorKind::Definition | ErrorKind::UnknownRun | ErrorKind::Changed => {
            UsageError(e.to_string()).into()
        }
        _ => e.into(),
    }
}

fn open_existing(path: &Path) -> anyhow::Result<WorkflowStore> {
    if !path.exists() {
        return Err(UsageError(format!(
            "no workflow store at {} (workflow.store); run `nbi workflow run FILE` first",
            path.display()
        ))
        .into());
    }
    WorkflowStore::open(path).with_context(|| format!("opening {}", path.display()))
}

fn print(report: &RunReport, ctx: &Context) -> anyhow::Result<()> {
    if ctx.output.is_json() {
        ctx.output.json(report)?;
        return Ok(());
    }
    let mut rows = vec![
        ["STEP", "STATUS", "ATTEMPTS", "DURATION", "ERROR"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for step in &report.steps {
        rows.push(vec![
            step.id.clone(),
            step.status.to_string(),
            step.attempts.to_string(),
            step.duration_s
                .map_or_else(|| "-".to_owned(), |d| format!("{d:.2}s")),
            step.error.clone().unwrap_or_default(),
        ]);
    }
    let text = format!(
        "run {} {}: {}\n{}",
        report.run_id,
        report.name,
        report.status,
        table(&rows)
    );
    ctx.output.text(&text)?;
    Ok(())
}
