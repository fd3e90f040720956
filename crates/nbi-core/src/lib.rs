//! The one resilient, multi-tenant HTTP transport under every nbi client.
#![deny(missing_docs)]

pub mod auth;
pub mod breaker;
pub mod clock;
pub mod error;
pub mod limit;
pub mod request;
pub mod response;
pub mod retry;
pub mod secret;
mod timeouts;

pub use crate::auth::{AuthContext, AuthProvider, Credential, SharedAuth};
pub use crate::breaker::{
    BreakerConfig, BreakerKey, BreakerOpen, BreakerPermit, BreakerRegistry, BreakerState,
    CircuitBreaker,
};
pub use crate::clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use crate::error::{
    Error, ErrorKind, FieldError, ProblemDetails, ProblemStatus, RawResponse, RequestContext,
    Result,
};
pub use crate::limit::{Bulkhead, BulkheadPermit, RateLimitConfig, RateLimitGate, RateLimiter};
pub use crate::request::{Body, BodyFn, Idempotency, Operation, OperationClass, RequestSpec};
pub use crate::response::Response;
pub use crate::retry::config::RetryConfig;
pub use crate::secret::{ExposeSecret, FixedSecret, SecretResolver, SecretString, SharedSecret};
pub use crate::timeouts::Timeouts;
