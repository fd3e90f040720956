//! The one resilient, multi-tenant HTTP transport under every nbi client.
#![deny(missing_docs)]

pub mod auth;
pub mod breaker {
    //! placeholder until the breaker lands
    pub(crate) mod config;
}
pub mod clock;
pub mod config;
pub mod error;
pub mod limit {
    //! placeholder until limits land
    pub(crate) mod config;
}
pub mod request;
pub mod response;
pub mod retry {
    //! placeholder until retry lands
    pub(crate) mod config;
}
pub mod secret;
mod timeouts;

pub use crate::auth::{AuthContext, AuthProvider, Credential, SharedAuth};
pub use crate::breaker::config::BreakerConfig;
pub use crate::clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use crate::config::{LoadOptions, Loaded, Settings};
pub use crate::error::{
    Error, ErrorKind, FieldError, ProblemDetails, ProblemStatus, RawResponse, RequestContext,
    Result,
};
pub use crate::limit::config::RateLimitConfig;
pub use crate::request::{Body, BodyFn, Idempotency, Operation, OperationClass, RequestSpec};
pub use crate::response::Response;
pub use crate::retry::config::RetryConfig;
pub use crate::secret::{
    ExposeSecret, FixedSecret, SecretResolver, SecretSource, SecretString, SharedSecret,
};
pub use crate::timeouts::Timeouts;
