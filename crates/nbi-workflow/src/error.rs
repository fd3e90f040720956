//! [`Error`]: what can go wrong before or around a run (a failing step is not an error: it is
//! recorded in the [`RunReport`](crate::RunReport)).

use std::fmt;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, with a message that names the step and field where there is one.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// The kind of an [`Error`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The workflow file or definition is wrong (syntax, unknown key, cycle, unknown action,
    /// bad reference); nothing ran.
    Definition,
    /// The run asked for does not exist in the store.
    UnknownRun,
    /// `--resume` of a run whose workflow has changed since; nothing ran.
    Changed,
    /// The state store could not be opened, read or written.
    Store,
}

impl ErrorKind {
    /// A short name for the kind (`definition`, `unknown_run`, `changed`, `store`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Definition => "definition",
            ErrorKind::UnknownRun => "unknown_run",
            ErrorKind::Changed => "changed",
            ErrorKind::Store => "store",
        }
    }
}

impl Error {
    /// An error of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// A definition error at `field` (e.g. `steps[plan].needs`).
    pub(crate) fn definition(field: impl fmt::Display, reason: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Definition, format!("{field}: {reason}"))
    }

    /// A store error while `doing` something.
    pub(crate) fn store(doing: &str, cause: impl fmt::Display) -> Self {
        Error::new(
            ErrorKind::Store,
            format!("workflow store: {doing}: {cause}"),
        )
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
