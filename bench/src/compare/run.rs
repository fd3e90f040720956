//! The run itself: scenarios × stacks, the XML reader against defusedxml, the targets.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context as _, bail};
use serde::Serialize;

use super::machine::{Machine, load_average};
use super::measure::{ClientPin, StackRun, run_client};
use super::server::{Server, ServerFaults};
use super::stacks::{Programs, Stack, Work, command};
use super::targets::{Target, evaluate};
use super::venv::{Python, PythonMode, prepare};
use crate::xml_rate::XmlRate;

/// What to run, validated by the binary.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Where `nbi`, `fetch-nbi`, `fetch-bare`, `rusage` and `xml-rate` are.
    pub bin_dir: PathBuf,
    /// The repository's `bench/` folder (venv, requirements, results).
    pub bench_dir: PathBuf,
    /// The Python anchors (`../shared/anchors`).
    pub anchors: PathBuf,
    /// Whether and how the Python stacks run.
    #[serde(skip)]
    pub python: PythonMode,
    /// Devices in the no-latency run.
    pub n: usize,
    /// Devices in the latency run.
    pub latency_n: usize,
    /// Devices in the fault run.
    pub fault_n: usize,
    /// Fetches in flight at most, for every client.
    pub concurrency: usize,
    /// Latency of the latency run, in milliseconds.
    pub latency_ms: u64,
    /// Bound on each client's loop, in seconds.
    pub max_seconds: f64,
    /// The core of the simulator (`taskset -c`).
    pub server_cpu: String,
    /// The core of the clients.
    pub client_cpu: String,
    /// Length of each XML reader's timed loop, in seconds.
    pub xml_seconds: f64,
}

/// The three scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scenario {
    /// No latency: requests/s and CPU per request.
    Throughput,
    /// Latency on every request: wall time against the ideal.
    Latency,
    /// 5 % 503, 2 % 429 with Retry-After, 1 % dropped connections.
    Faults,
}

impl Scenario {
    /// A heading for people.
    pub fn title(self, plan: &Plan) -> String {
        match self {
            Scenario::Throughput => format!(
                "No latency: {} devices, concurrency {}",
                plan.n, plan.concurrency
            ),
            Scenario::Latency => format!(
                "{} ms latency: {} devices, concurrency {}",
                plan.latency_ms, plan.latency_n, plan.concurrency
            ),
            Scenario::Faults => format!(
                "Faults (5 % 503, 2 % 429 with Retry-After, 1 % dropped connections): {} devices, concurrency {}",
                plan.fault_n, plan.concurrency
            ),
        }
    }
}

/// One scenario's runs.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    /// Which scenario.
    pub scenario: Scenario,
    /// Devices per client.
    pub n: usize,
    /// The simulator's settings.
    #[serde(skip)]
    pub faults: ServerFaults,
    /// `⌈n / concurrency⌉ × latency`, for the latency run.
    pub ideal_s: Option<f64>,
    /// One per stack that ran, in [`Stack::ALL`] order.
    pub runs: Vec<StackRun>,
}

impl ScenarioResult {
    /// The run of `stack`, if it ran.
    pub fn get(&self, stack: Stack) -> Option<&StackRun> {
        self.runs.iter().find(|r| r.stack == stack)
    }
}

/// The XML reader against defusedxml on the same reply.
#[derive(Debug, Clone, Serialize)]
pub struct XmlComparison {
    /// nbi-core's reader.
    pub nbi: XmlRate,
    /// defusedxml's figure, when Python ran.
    pub defusedxml: Option<serde_json::Value>,
    /// nbi replies/s over defusedxml replies/s.
    pub ratio: Option<f64>,
}

/// Everything one comparison measured.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The machine.
    pub machine: Machine,
    /// What was asked for.
    pub plan: Plan,
    /// The Python used, if any.
    pub python: Option<Python>,
    /// Why the Python stacks did not run, if they did not.
    pub python_skipped: Option<String>,
    /// The scenarios, in order.
    pub scenarios: Vec<ScenarioResult>,
    /// The XML readers.
    pub xml: XmlComparison,
    /// The targets with where we stand.
    pub targets: Vec<Target>,
}

impl Comparison {
    /// The result of one scenario.
    pub fn scenario(&self, scenario: Scenario) -> Option<&ScenarioResult> {
        self.scenarios.iter().find(|s| s.scenario == scenario)
    }
}

/// Runs the whole comparison; progress goes to stderr.
pub fn run(plan: &Plan) -> anyhow::Result<Comparison> {
    let mut machine = Machine::describe();
    for bin in ["nbi", "fetch-nbi", "fetch-bare", "rusage", "xml-rate"] {
        let path = plan.bin_dir.join(bin);
        if !path.is_file() {
            bail!(
                "{} not found: build with `cargo build --release -p nbi-cli -p nbi-bench` (or use bench/run)",
                path.display()
            );
        }
    }
    let (python, python_skipped) = match prepare(plan.python, &plan.bench_dir)? {
        Ok(_) if !plan.anchors.join("common.py").is_file() => (
            None,
            Some(format!("skipped: no anchors at {}", plan.anchors.display())),
        ),
        Ok(python) => (Some(python), None),
        Err(reason) => (None, Some(reason)),
    };
    if let Some(reason) = &python_skipped {
        eprintln!("compare: Python stacks {reason}");
    }
    let programs = Programs {
        bin_dir: plan.bin_dir.clone(),
        python: python.as_ref().map(|p| p.exe.clone()),
        anchors: plan.anchors.clone(),
    };
    let pin = ClientPin {
        rusage: plan.bin_dir.join("rusage"),
        cpu: plan.client_cpu.clone(),
    };
    let mut scenarios = Vec::new();
    for scenario in [Scenario::Throughput, Scenario::Latency, Scenario::Faults] {
        eprintln!("compare: {}", scenario.title(plan));
        scenarios.push(run_scenario(plan, scenario, &programs, &pin)?);
    }
    let xml = compare_xml(plan, python.as_ref())?;
    machine.load_at_end = load_average();
    let mut comparison = Comparison {
        machine,
        plan: plan.clone(),
        python,
        python_skipped,
        scenarios,
        xml,
        targets: Vec::new(),
    };
    comparison.targets = evaluate(&comparison);
    Ok(comparison)
}

fn run_scenario(
    plan: &Plan,
    scenario: Scenario,
    programs: &Programs,
    pin: &ClientPin,
) -> anyhow::Result<ScenarioResult> {
    let (n, faults) = match scenario {
        Scenario::Throughput => (plan.n, ServerFaults::QUIET),
        Scenario::Latency => (
            plan.latency_n,
            ServerFaults {
                latency_ms: plan.latency_ms,
                ..ServerFaults::QUIET
            },
        ),
        Scenario::Faults => (
            plan.fault_n,
            ServerFaults {
                latency_ms: 0,
                fail_rate: 0.05,
                throttle_rate: 0.02,
                reset_rate: 0.01,
            },
        ),
    };
    let ideal_s = (scenario == Scenario::Latency)
        .then(|| n.div_ceil(plan.concurrency) as f64 * plan.latency_ms as f64 / 1000.0);
    let mut runs = Vec::new();
    for stack in Stack::ALL {
        if stack.is_python() && programs.python.is_none() {
            continue;
        }
        let scratch = tempfile::tempdir().context("cannot create a scratch folder")?;
        let server = Server::start(&plan.bin_dir.join("nbi"), &plan.server_cpu, n, faults)?;
        let work = Work {
            url: server.url(),
            n,
            concurrency: plan.concurrency,
            max_seconds: plan.max_seconds,
            scratch: scratch.path(),
        };
        let line = command(stack, programs, &work)?;
        let limit = Duration::from_secs_f64(plan.max_seconds);
        let run = run_client(stack, n, &line, pin, scratch.path(), &server, limit)
            .with_context(|| format!("{} in the {scenario:?} run", stack.label()))?;
        eprintln!(
            "compare:   {:<26} {:>6} ok {:>5} failed {:>9.0} dev/s {:>8.1} µs CPU/dev {:>6.1} MiB",
            stack.label(),
            run.client.ok,
            run.client.failed,
            run.rate(),
            run.cpu_us_per_device(),
            run.cost.maxrss_kb as f64 / 1024.0
        );
        runs.push(run);
    }
    Ok(ScenarioResult {
        scenario,
        n,
        faults,
        ideal_s,
        runs,
    })
}

/// The reply both XML readers parse.
fn xml_fixture(plan: &Plan) -> PathBuf {
    plan.bench_dir
        .join("../crates/nbi-core/benches/fixtures/cms_ont_reply.xml")
}

fn compare_xml(plan: &Plan, python: Option<&Python>) -> anyhow::Result<XmlComparison> {
    let reply = xml_fixture(plan);
    let seconds = plan.xml_seconds.to_string();
    let nbi: XmlRate = serde_json::from_str(&pinned_output(
        &plan.client_cpu,
        &plan.bin_dir.join("xml-rate"),
        &[
            "--reply".as_ref(),
            reply.as_os_str(),
            "--seconds".as_ref(),
            seconds.as_ref(),
        ],
    )?)
    .context("xml-rate printed no JSON")?;
    let defusedxml = match python {
        None => None,
        Some(python) => {
            let script = plan.bench_dir.join("defusedxml_rate.py");
            let text = pinned_output(
                &plan.client_cpu,
                &python.exe,
                &[
                    script.as_os_str(),
                    "--reply".as_ref(),
                    reply.as_os_str(),
                    "--seconds".as_ref(),
                    seconds.as_ref(),
                ],
            )?;
            Some(
                serde_json::from_str::<serde_json::Value>(&text)
                    .context("defusedxml_rate.py printed no JSON")?,
            )
        }
    };
    let ratio = defusedxml
        .as_ref()
        .and_then(|d| d.get("replies_per_s")?.as_f64())
        .filter(|rate| *rate > 0.0)
        .map(|rate| nbi.replies_per_s / rate);
    eprintln!(
        "compare: XML reader {:.0} replies/s{}",
        nbi.replies_per_s,
        ratio.map_or(String::new(), |r| format!(", {r:.1} × defusedxml"))
    );
    Ok(XmlComparison {
        nbi,
        defusedxml,
        ratio,
    })
}

/// The stdout of `program args…` pinned to `cpu`.
fn pinned_output(cpu: &str, program: &Path, args: &[&std::ffi::OsStr]) -> anyhow::Result<String> {
    let out = Command::new("taskset")
        .args(["-c", cpu])
        .arg(program)
        .args(args)
        .output()
        .with_context(|| format!("cannot run {}", program.display()))?;
    if !out.status.success() {
        bail!(
            "{} failed: {}",
            program.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
