//! The fleet's error: inventory, normalization, store, or a transport failure underneath.

use std::fmt;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The inventory is invalid (the message names the file and line).
    Inventory,
    /// A body could not be turned into configuration text (names the JSON pointer or rule).
    Decode,
    /// The snapshot store failed or is locked by another backup.
    Store,
    /// A file could not be read or written.
    Io,
    /// Bad usage: an unknown device, a version that does not exist.
    Usage,
    /// The transport failed (see [`Error::core`]).
    Transport,
}

impl ErrorKind {
    /// A short, stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Inventory => "inventory",
            ErrorKind::Decode => "decode",
            ErrorKind::Store => "store",
            ErrorKind::Io => "io",
            ErrorKind::Usage => "usage",
            ErrorKind::Transport => "transport",
        }
    }
}

/// The error of fleet operations. Messages never carry secrets.
pub struct Error {
    kind: ErrorKind,
    message: String,
    core: Option<nbi_core::Error>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// An error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            core: None,
            source: None,
        }
    }

    /// Attaches an underlying cause (which must not print secrets).
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The transport error, when this is one.
    pub fn core(&self) -> Option<&nbi_core::Error> {
        self.core.as_ref()
    }
}

impl From<nbi_core::Error> for Error {
    fn from(e: nbi_core::Error) -> Self {
        Error {
            kind: ErrorKind::Transport,
            message: e.to_string(),
            core: Some(e),
            source: None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.kind).field("message", &self.message);
        if let Some(core) = &self.core {
            d.field("core", core);
        }
        if let Some(source) = &self.source {
            d.field("source", &source.to_string());
        }
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match (&self.core, &self.source) {
            (Some(core), _) => Some(core),
            (None, Some(s)) => Some(s.as_ref()),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_errors_keep_their_kind_and_context() {
        let e: Error = nbi_core::Error::validation("bad").into();
        assert_eq!(e.kind(), ErrorKind::Transport);
        assert_eq!(
            e.core().map(nbi_core::Error::kind),
            Some(nbi_core::ErrorKind::Validation)
        );
        assert!(std::error::Error::source(&e).is_some());
    }
}
