//! `{ command = "…" }` secret sources: run through `sh -c` with a time limit.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::source::command_program;
use crate::error::{Error, ErrorKind, Result};

/// How long a secret command may run.
pub(crate) const TIME_LIMIT: Duration = Duration::from_secs(10);

/// How often the child is polled for exit.
const POLL: Duration = Duration::from_millis(5);

/// Runs `cmd` with `sh -c` and returns its trimmed stdout. Errors name the program and the exit
/// status, never the output (it may be the secret, or part of it).
pub(crate) fn run(cmd: &str, limit: Duration) -> Result<SecretString> {
    let program = command_program(cmd);
    let fail = |reason: String| {
        Error::new(
            ErrorKind::Config,
            format!("secret source command:{program}: {reason}"),
        )
    };
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        // Its own process group, so a timeout can end whatever the shell started.
        .process_group(0)
        .spawn()
        .map_err(|e| fail(format!("cannot start sh ({})", e.kind())))?;

    let output = read_stdout_in_background(&mut child);
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                kill_group(&mut child);
                return Err(fail(format!(
                    "did not finish within {} s",
                    limit.as_secs_f64()
                )));
            }
            Ok(None) => std::thread::sleep(POLL),
            Err(e) => return Err(fail(format!("cannot wait for it ({})", e.kind()))),
        }
    };
    if !status.success() {
        let reason = match status.code() {
            Some(code) => format!("exited with status {code}"),
            None => "was killed by a signal".to_string(),
        };
        return Err(fail(reason));
    }
    let remaining = deadline.saturating_duration_since(Instant::now());
    let bytes = output
        .recv_timeout(remaining.max(POLL))
        .map_err(|_| fail("its output did not close in time".to_string()))?
        .map_err(|e| fail(format!("cannot read its output ({})", e.kind())))?;
    let text = String::from_utf8(bytes).map_err(|_| fail("printed non-UTF-8 output".into()))?;
    Ok(SecretString::from(text.trim().to_string()))
}

/// Reads the child's stdout on a thread, so a full pipe never blocks the child.
fn read_stdout_in_background(child: &mut Child) -> mpsc::Receiver<std::io::Result<Vec<u8>>> {
    let (tx, rx) = mpsc::channel();
    if let Some(mut stdout) = child.stdout.take() {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let result = stdout.read_to_end(&mut buf).map(|_| buf);
            let _ = tx.send(result);
        });
    }
    rx
}

/// Ends the shell and everything it started (its process group).
fn kill_group(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill")
        .args(["-KILL", "--", &group])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn stdout_is_trimmed() {
        let value = run("printf '  tok3n \\n'", TIME_LIMIT).unwrap();
        assert_eq!(value.expose_secret(), "tok3n");
    }

    #[test]
    fn failure_names_the_status_but_not_the_output() {
        let err = run("echo leaked-output; exit 3", TIME_LIMIT).unwrap_err();
        let msg = err.to_string();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(msg.contains("exited with status 3"), "{msg}");
        assert!(!msg.contains("leaked-output"), "{msg}");
    }

    #[test]
    fn a_slow_command_is_stopped_at_the_limit() {
        let started = Instant::now();
        let err = run("sleep 5; echo late", Duration::from_millis(100)).unwrap_err();
        assert!(err.to_string().contains("did not finish"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}
