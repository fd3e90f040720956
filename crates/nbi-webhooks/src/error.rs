//! The crate's error: bad settings, an unusable store, a socket that cannot be bound.

use std::fmt;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong while setting up or running the receiver. A rejected delivery is not an
/// error: it is a [`Rejection`](crate::Rejection) answered with a 4xx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Settings or builder input were missing or invalid; the message names the field.
    Config,
    /// The deliveries store (SQLite) could not be opened, read or written.
    Store,
    /// A socket or file could not be used.
    Io,
}

impl ErrorKind {
    /// A short, stable name (`config`, `store`, `io`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Config => "config",
            ErrorKind::Store => "store",
            ErrorKind::Io => "io",
        }
    }
}

/// The error of the receiver's setup and storage. Its message never holds a secret.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// An error of `kind`. The message must not contain secrets.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// A settings error naming the field: `webhooks.secret: …`.
    pub fn config(field: impl fmt::Display, reason: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Config, format!("{field}: {reason}"))
    }

    pub(crate) fn store(what: impl fmt::Display, e: rusqlite::Error) -> Self {
        Error::new(ErrorKind::Store, format!("deliveries store: {what}: {e}")).with_source(e)
    }

    /// Attaches the underlying cause.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What kind of error this is.
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

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<nbi_core::Error> for Error {
    fn from(e: nbi_core::Error) -> Self {
        let kind = match e.kind() {
            nbi_core::ErrorKind::Config => ErrorKind::Config,
            _ => ErrorKind::Io,
        };
        Error::new(kind, e.to_string())
    }
}
