//! Secret values: where they come from, and how they stay out of every output.
//!
//! Credentials are held as [`SecretString`] (from `secrecy`), whose `Debug` prints a
//! placeholder. A credential is resolved through a [`SecretResolver`] each time it is needed
//! for a login, so a rotated secret (a new file, a new keyring entry) is picked up without a
//! restart.

use std::fmt;
use std::sync::Arc;

pub use secrecy::{ExposeSecret, SecretString};

use crate::error::Result;

mod command;
mod keyring;
mod source;

pub use source::SecretSource;

/// Produces a secret's current value.
pub trait SecretResolver: Send + Sync + fmt::Debug {
    /// The secret's value now. Errors name the source, never the value.
    fn resolve(&self) -> Result<SecretString>;
}

/// A shared resolver.
pub type SharedSecret = Arc<dyn SecretResolver>;

/// A secret known up front (from code, or already read from its source).
#[derive(Clone)]
pub struct FixedSecret(SecretString);

impl FixedSecret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        FixedSecret(SecretString::from(value.into()))
    }

    /// Wraps a value as a shared resolver.
    pub fn shared(value: impl Into<String>) -> SharedSecret {
        Arc::new(Self::new(value))
    }
}

impl fmt::Debug for FixedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FixedSecret([REDACTED])")
    }
}

impl SecretResolver for FixedSecret {
    fn resolve(&self) -> Result<SecretString> {
        Ok(self.0.clone())
    }
}
