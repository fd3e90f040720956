//! One place maps how a command ended to the process exit status.

use std::process::ExitCode;

use nbi_core::ErrorKind;

use crate::output::Output;

/// How a command that ran ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Everything asked succeeded (exit 0).
    Success,
    /// It ran but something failed, e.g. some devices (exit 1).
    Failed,
    /// Stopped by SIGINT/SIGTERM (exit 130).
    Interrupted,
}

impl Outcome {
    fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::Failed => ExitCode::from(1),
            Outcome::Interrupted => ExitCode::from(130),
        }
    }
}

/// Bad usage found after parsing (an unknown tenant, conflicting values): exit 2.
#[derive(Debug)]
pub(crate) struct UsageError(pub(crate) String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The exit status of a command's result, after reporting any error.
pub(crate) fn report(result: anyhow::Result<Outcome>, output: &Output) -> ExitCode {
    match result {
        Ok(outcome) => outcome.exit_code(),
        // The reader went away (`nbi config show | head`): not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let (code, kind) = classify(&e);
            if let Some(said) = server_said(&e) {
                eprintln!("nbi: the server says: {said}");
            }
            output.error(kind, &format!("{e:#}"));
            ExitCode::from(code)
        }
    }
}

/// What the server said about a failed call: its problem's detail, title and field errors.
/// The error's own message leaves server text out (it may be logged anywhere); a person
/// running a command needs it to fix the request.
fn server_said(e: &anyhow::Error) -> Option<String> {
    let problem = e
        .chain()
        .find_map(|cause| cause.downcast_ref::<nbi_core::Error>())?
        .problem()?;
    let mut said: Vec<String> = problem
        .detail
        .iter()
        .chain(&problem.title)
        .cloned()
        .collect();
    said.dedup();
    said.extend(
        problem
            .field_errors
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message)),
    );
    (!said.is_empty()).then(|| said.join("; "))
}

/// The exit status and error kind of a failure: settings and usage errors exit 2.
fn classify(e: &anyhow::Error) -> (u8, &'static str) {
    for cause in e.chain() {
        if let Some(err) = cause.downcast_ref::<nbi_core::Error>() {
            // Input refused before anything was sent is bad usage; a server's refusal is not.
            let refused_locally = err.kind() == ErrorKind::Validation && err.status().is_none();
            let code = if err.kind() == ErrorKind::Config || refused_locally {
                2
            } else {
                1
            };
            return (code, err.kind().as_str());
        }
        if let Some(err) = cause.downcast_ref::<nbi_fleet::Error>() {
            return fleet_error(err);
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            return (2, "usage");
        }
    }
    (1, "error")
}

/// Fleet errors: a bad inventory or bad usage exits 2, like bad settings.
fn fleet_error(err: &nbi_fleet::Error) -> (u8, &'static str) {
    use nbi_fleet::ErrorKind;
    match err.kind() {
        ErrorKind::Usage | ErrorKind::Inventory => (2, err.kind().as_str()),
        ErrorKind::Transport => match err.core() {
            Some(core) if core.kind() == nbi_core::ErrorKind::Config => (2, "config"),
            Some(core) => (1, core.kind().as_str()),
            None => (1, "transport"),
        },
        kind => (1, kind.as_str()),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit status of a command line clap refused (2), or of `--help`/`--version` (0).
pub(crate) fn clap_error(e: &clap::Error) -> ExitCode {
    let _ = e.print();
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_exit_statuses() {
        let config = anyhow::Error::new(nbi_core::Error::config("a.b", "bad"));
        assert_eq!(classify(&config), (2, "config"));
        let usage = anyhow::Error::new(UsageError("no such tenant".into())).context("while x");
        assert_eq!(classify(&usage), (2, "usage"));
        assert_eq!(classify(&anyhow::anyhow!("other")), (1, "error"));
        let pipe = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&pipe));
    }

    #[test]
    fn local_validation_is_usage_but_a_servers_refusal_is_not() {
        let local = anyhow::Error::new(nbi_core::Error::validation("bandwidth: above 10000"));
        assert_eq!(classify(&local), (2, "validation"));
        let server = nbi_core::Error::from_status(
            reqwest::StatusCode::UNPROCESSABLE_ENTITY,
            Some(nbi_core::ProblemDetails::titled("Validation failed")),
        );
        assert_eq!(classify(&anyhow::Error::new(server)).0, 1);
    }

    #[test]
    fn what_the_server_said_is_shown_with_its_field_errors() {
        let mut problem = nbi_core::ProblemDetails::titled("Validation failed");
        problem.detail = Some("2 fields are invalid".into());
        problem.field_errors.push(nbi_core::FieldError {
            field: "latency".into(),
            message: "must be at least 1".into(),
        });
        let e =
            nbi_core::Error::from_status(reqwest::StatusCode::UNPROCESSABLE_ENTITY, Some(problem));
        let said = server_said(&anyhow::Error::new(e).context("creating an intent"));
        assert_eq!(
            said.as_deref(),
            Some("2 fields are invalid; Validation failed; latency: must be at least 1")
        );
        assert_eq!(server_said(&anyhow::anyhow!("no server involved")), None);
    }
}
