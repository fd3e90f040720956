//! Why the simulators could not start.

use std::fmt;

/// The error returned by [`spawn`](crate::spawn).
#[non_exhaustive]
#[derive(Debug)]
pub enum SimError {
    /// The configuration cannot be served (e.g. no services).
    Config(String),
    /// A listening socket could not be opened.
    Bind(std::io::Error),
    /// The HTTPS certificate or TLS settings could not be made.
    Tls(String),
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::Config(reason) => write!(f, "invalid simulator settings: {reason}"),
            SimError::Bind(_) => f.write_str("cannot listen on 127.0.0.1"),
            SimError::Tls(reason) => write!(f, "cannot set up HTTPS: {reason}"),
        }
    }
}

impl std::error::Error for SimError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SimError::Bind(e) => Some(e),
            _ => None,
        }
    }
}
