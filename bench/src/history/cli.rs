//! Timing the `nbi` binary end to end, as a person would run it.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

/// The longest one `nbi` invocation may take.
const CALL_LIMIT: Duration = Duration::from_secs(30);

/// Runs `nbi args…` in `dir` (so no `nbi.toml` is picked up) and returns its wall time.
/// A non-zero exit or no output is an error carrying what it printed on stderr.
pub(crate) fn time_nbi(nbi: &Path, dir: &Path, args: &[&str]) -> anyhow::Result<Duration> {
    let out_path = dir.join("nbi.out");
    let err_path = dir.join("nbi.err");
    let started = Instant::now();
    let mut child = Command::new(nbi)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(File::create(&out_path)?)
        .stderr(File::create(&err_path)?)
        .spawn()
        .with_context(|| format!("cannot start {}", nbi.display()))?;
    // Polled rather than waited on, so a hung child cannot hang the harness.
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > CALL_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "`nbi {}` took over {} s; killed",
                args.join(" "),
                CALL_LIMIT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    let elapsed = started.elapsed();
    let printed = std::fs::metadata(&out_path)?.len();
    if !status.success() || printed == 0 {
        let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
        bail!(
            "`nbi {}` failed ({status}, {printed} bytes out): {}",
            args.join(" "),
            stderr.trim()
        );
    }
    Ok(elapsed)
}
