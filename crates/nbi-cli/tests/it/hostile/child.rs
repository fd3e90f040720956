//! Runs `nbi` as a child under a deadline while sampling its peak resident memory.

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How a bounded run of `nbi` ended.
#[derive(Debug)]
pub(crate) struct Bounded {
    /// The exit code (`None` when a signal ended it).
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// The highest `VmHWM` seen in /proc/<pid>/status, in KiB.
    pub(crate) peak_rss_kib: u64,
}

impl Bounded {
    /// Asserts the run ended by itself with `code`, no panic, under `max_rss_mib` of peak RSS.
    pub(crate) fn assert_typed_failure(&self, code: i32, max_rss_mib: u64) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "nbi panicked: {}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(code),
            "exit code; stdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        assert!(
            self.peak_rss_kib > 0,
            "no VmHWM sample was taken while nbi ran"
        );
        assert!(
            self.peak_rss_kib < max_rss_mib * 1024,
            "peak RSS {} MiB is over {max_rss_mib} MiB",
            self.peak_rss_kib / 1024
        );
        self
    }
}

/// The peak resident set of a live process, in KiB; `None` once it has exited.
fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// Runs `nbi ARGS` in `dir` with an empty environment; kills it and fails the test when it
/// is still running after `deadline`.
pub(crate) fn run_bounded(dir: &Path, args: &[&str], deadline: Duration) -> Bounded {
    let started = Instant::now();
    let mut child: Child = Command::new(env!("CARGO_BIN_EXE_nbi"))
        .current_dir(dir)
        .env_clear()
        .envs(std::env::var_os("LLVM_PROFILE_FILE").map(|v| ("LLVM_PROFILE_FILE", v)))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nbi starts");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let pid = child.id();
    let mut peak = 0;
    let status = loop {
        // Sampled before try_wait: a reaped process has no /proc entry to read.
        if let Some(hwm) = vm_hwm_kib(pid) {
            peak = peak.max(hwm);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "nbi {args:?} still running after {deadline:?} (peak RSS {} MiB)",
                peak / 1024
            );
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    let elapsed = started.elapsed();
    // Shown with `--nocapture`: the figures behind each bound.
    eprintln!(
        "nbi {args:?}: exit {:?}, peak RSS {} MiB, {} ms",
        status.code(),
        peak / 1024,
        elapsed.as_millis()
    );
    Bounded {
        code: status.code(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
        peak_rss_kib: peak,
    }
}
