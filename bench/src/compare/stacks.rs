//! The clients compared, how each is started, and how its result line is read.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, bail};
use serde::Serialize;
use serde_json::Value;

use crate::client::{SOURCE, TENANT};

/// One client stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stack {
    /// nbi-core's pipeline alone (`fetch-nbi`).
    NbiTransport,
    /// The whole fleet job (`nbi fleet backup`).
    NbiFleet,
    /// httpx + tenacity + pybreaker (`httpx_resilient.py`).
    HttpxResilient,
    /// aiohttp (`aiohttp_client.py`).
    Aiohttp,
    /// Plain httpx (`httpx_plain.py`).
    HttpxPlain,
    /// A bare reqwest loop (`fetch-bare`): the limit.
    Bare,
}

impl Stack {
    /// Every stack, in the order they run and are printed.
    pub const ALL: [Stack; 6] = [
        Stack::Bare,
        Stack::NbiTransport,
        Stack::NbiFleet,
        Stack::Aiohttp,
        Stack::HttpxPlain,
        Stack::HttpxResilient,
    ];

    /// The Python stacks.
    pub const PYTHON: [Stack; 3] = [Stack::Aiohttp, Stack::HttpxPlain, Stack::HttpxResilient];

    /// The name in tables.
    pub fn label(self) -> &'static str {
        match self {
            Stack::NbiTransport => "nbi transport",
            Stack::NbiFleet => "nbi fleet backup",
            Stack::HttpxResilient => "httpx+tenacity+pybreaker",
            Stack::Aiohttp => "aiohttp",
            Stack::HttpxPlain => "httpx",
            Stack::Bare => "bare reqwest (limit)",
        }
    }

    /// Whether it is one of the Python anchors.
    pub fn is_python(self) -> bool {
        Stack::PYTHON.contains(&self)
    }

    fn anchor_script(self) -> Option<&'static str> {
        match self {
            Stack::HttpxResilient => Some("httpx_resilient.py"),
            Stack::Aiohttp => Some("aiohttp_client.py"),
            Stack::HttpxPlain => Some("httpx_plain.py"),
            _ => None,
        }
    }
}

/// Where the programs are.
#[derive(Debug, Clone)]
pub(crate) struct Programs {
    /// The folder holding `nbi`, `fetch-nbi`, `fetch-bare`, `rusage` and `xml-rate`.
    pub bin_dir: PathBuf,
    /// The venv's interpreter, when the Python stacks run.
    pub python: Option<PathBuf>,
    /// `../shared/anchors`.
    pub anchors: PathBuf,
}

/// One client run's work.
#[derive(Debug, Clone)]
pub(crate) struct Work<'a> {
    /// The server's base URL.
    pub url: &'a str,
    /// Devices to fetch.
    pub n: usize,
    /// Fetches in flight at most.
    pub concurrency: usize,
    /// Bound on the fetch loop, in seconds.
    pub max_seconds: f64,
    /// A fresh folder for the fleet job's settings, inventory and store.
    pub scratch: &'a Path,
}

/// The command line (program first) that runs `stack` on `work`.
pub(crate) fn command(
    stack: Stack,
    programs: &Programs,
    work: &Work<'_>,
) -> anyhow::Result<Vec<OsString>> {
    let load_args = [
        "--base-url".to_owned(),
        work.url.to_owned(),
        "--n".to_owned(),
        work.n.to_string(),
        "--concurrency".to_owned(),
        work.concurrency.to_string(),
        "--max-seconds".to_owned(),
        work.max_seconds.to_string(),
    ];
    let mut line: Vec<OsString> = Vec::new();
    match stack {
        Stack::Bare | Stack::NbiTransport => {
            let bin = if stack == Stack::Bare {
                "fetch-bare"
            } else {
                "fetch-nbi"
            };
            line.push(programs.bin_dir.join(bin).into());
            line.extend(load_args.map(OsString::from));
        }
        Stack::NbiFleet => {
            let config = write_fleet_files(work)?;
            line.push(programs.bin_dir.join("nbi").into());
            line.push("--config".into());
            line.push(config.into());
            line.extend(["--output", "json", "fleet", "backup"].map(OsString::from));
        }
        Stack::HttpxResilient | Stack::Aiohttp | Stack::HttpxPlain => {
            let python = programs
                .python
                .as_ref()
                .context("the Python stacks are not ready")?;
            let script = stack.anchor_script().unwrap_or_default();
            line.push(python.into());
            line.push(programs.anchors.join(script).into());
            line.extend(load_args.map(OsString::from));
            line.extend(["--id-template", "dev{i:05d}"].map(OsString::from));
        }
    }
    Ok(line)
}

/// Settings and inventory for `nbi fleet backup`, written by the harness; returns `nbi.toml`.
fn write_fleet_files(work: &Work<'_>) -> anyhow::Result<PathBuf> {
    let c = work.concurrency;
    let settings = format!(
        "[settings]\nallow_insecure_http = true\n\n\
         [tenants.{TENANT}.{SOURCE}]\nkind = \"http-json\"\nurl = \"{url}\"\n\
         config_path = \"/api/v1/devices/{{id}}/config\"\nconfig_pointer = \"/data/running_config\"\n\
         max_concurrency = {c}\nauth = {{ scheme = \"none\" }}\n\
         rate_limit = {{ per_minute = 1000000000 }}\n\n\
         [fleet]\nstore = \"nbi.db\"\ninventory = \"devices.csv\"\nconcurrency = {c}\n\
         per_source_concurrency = {c}\n",
        url = work.url
    );
    let mut inventory = String::from("tenant,source,id\n");
    for i in 0..work.n {
        inventory.push_str(&format!(
            "{TENANT},{SOURCE},{}\n",
            crate::client::device_id(i)
        ));
    }
    let config = work.scratch.join("nbi.toml");
    std::fs::write(&config, settings).context("cannot write the fleet settings")?;
    std::fs::write(work.scratch.join("devices.csv"), inventory)
        .context("cannot write the fleet inventory")?;
    Ok(config)
}

/// What a client says it did.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClientReport {
    /// Devices fetched.
    pub ok: u64,
    /// Devices not fetched.
    pub failed: u64,
    /// Wall time of its fetch loop (the whole backup for the fleet job), in seconds.
    pub loop_s: f64,
}

/// Reads a client's result: its whole stdout as one JSON object, else its last JSON line.
pub(crate) fn parse_report(stack: Stack, stdout: &str) -> anyhow::Result<ClientReport> {
    // `nbi --output json` prints one pretty document; the other clients one line after
    // whatever else they printed.
    let whole = serde_json::from_str::<Value>(stdout.trim()).ok();
    let Some(doc) = whole.filter(Value::is_object).or_else(|| {
        stdout.lines().rev().find_map(|line| {
            serde_json::from_str::<Value>(line.trim())
                .ok()
                .filter(Value::is_object)
        })
    }) else {
        bail!("{} printed no JSON result line", stack.label());
    };
    let number = |key: &str| {
        doc.get(key)
            .and_then(Value::as_f64)
            .with_context(|| format!("{}: no {key:?} in {doc}", stack.label()))
    };
    Ok(match stack {
        Stack::NbiFleet => {
            let devices = number("devices")? as u64;
            let failed = number("failed")? as u64;
            ClientReport {
                ok: devices.saturating_sub(failed),
                failed,
                loop_s: number("duration_s")?,
            }
        }
        _ => ClientReport {
            ok: number("ok")? as u64,
            failed: number("failed")? as u64,
            loop_s: number("loop_wall_s")?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_of_both_shapes_are_read() {
        let anchor =
            "warming up\n{\"stack\":\"aiohttp\",\"ok\":9,\"failed\":1,\"loop_wall_s\":0.5}\n";
        let report = parse_report(Stack::Aiohttp, anchor).unwrap();
        assert_eq!((report.ok, report.failed, report.loop_s), (9, 1, 0.5));
        let fleet = "{\n  \"run_id\": 1,\n  \"devices\":10,\"changed\":10,\"unchanged\":0,\"failed\":2,\
                     \"requests\":12,\"retries\":2,\"duration_s\":1.25}";
        let report = parse_report(Stack::NbiFleet, fleet).unwrap();
        assert_eq!((report.ok, report.failed, report.loop_s), (8, 2, 1.25));
        assert!(parse_report(Stack::Bare, "no json here").is_err());
    }

    #[test]
    fn the_fleet_job_gets_settings_and_an_inventory() {
        let dir = tempfile::tempdir().unwrap();
        let programs = Programs {
            bin_dir: "/bin".into(),
            python: None,
            anchors: "/anchors".into(),
        };
        let work = Work {
            url: "http://127.0.0.1:9",
            n: 3,
            concurrency: 50,
            max_seconds: 10.0,
            scratch: dir.path(),
        };
        let line = command(Stack::NbiFleet, &programs, &work).unwrap();
        assert_eq!(line.last().unwrap(), "backup");
        let settings = std::fs::read_to_string(dir.path().join("nbi.toml")).unwrap();
        nbi_core::Settings::from_toml_str(&settings, dir.path()).unwrap();
        let inventory = std::fs::read_to_string(dir.path().join("devices.csv")).unwrap();
        assert_eq!(inventory.lines().count(), 4);
        assert!(command(Stack::Aiohttp, &programs, &work).is_err());
    }
}
