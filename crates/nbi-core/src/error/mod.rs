//! The one error type of every nbi call.
//!
//! [`Error`] is opaque: match on [`Error::kind`], read the call's [`RequestContext`] and, when a
//! response arrived, its [`ProblemDetails`]. No part of an error ever holds a query string, a
//! header value or a secret, so an error can be logged or shown as it is.

mod context;
mod problem;

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

pub use context::RequestContext;
pub use problem::{FieldError, ProblemDetails, ProblemStatus};

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, grouped by how far the request got.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Settings were missing or invalid. Nothing was sent.
    Config,
    /// The request could not be built (bad path parameter, unserializable body). Nothing was sent.
    Build,
    /// Input was rejected before sending, or the server answered 400/422 with field errors.
    Validation,
    /// No connection could be made. Nothing reached the server, so any method may be retried.
    Connect,
    /// The operation's timeout elapsed. The request may have reached the server.
    Timeout,
    /// The connection failed after the request was sent (reset, truncated body). The request may
    /// have reached the server.
    Io,
    /// The circuit breaker for this service, tenant and URL is open. Nothing was sent.
    CircuitOpen,
    /// The server (or a client-side limit) refused the call for now; see [`Error::retry_after`].
    RateLimited,
    /// Authentication failed, also after one refresh of the credential.
    Auth,
    /// A response arrived with a status (or an in-body error) that is a failure.
    Status,
    /// A response arrived but its body could not be decoded; the message names the JSON or XML path.
    Decode,
}

impl ErrorKind {
    /// A short, stable name used in logs and as the `status` metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Config => "config",
            ErrorKind::Build => "build",
            ErrorKind::Validation => "validation",
            ErrorKind::Connect => "connect",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Io => "io",
            ErrorKind::CircuitOpen => "circuit_open",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Auth => "auth",
            ErrorKind::Status => "status",
            ErrorKind::Decode => "decode",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status, headers and (capped) body of a response that ended in an error.
///
/// Its `Debug` output lists header names only, never their values.
#[derive(Clone)]
pub struct RawResponse {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body, cut at the transport's size cap.
    pub body: Bytes,
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// The error of every nbi call.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    context: Option<RequestContext>,
    status: Option<StatusCode>,
    problem: Option<ProblemDetails>,
    retry_after: Option<Duration>,
    raw: Option<RawResponse>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    /// An error of `kind` with a message. The message must not contain secrets.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            inner: Box::new(Inner {
                kind,
                message: message.into(),
                context: None,
                status: None,
                problem: None,
                retry_after: None,
                raw: None,
                source: None,
            }),
        }
    }

    /// A settings error naming the field path (`tenants.acme.netbox.url`) and the reason.
    pub fn config(field: impl fmt::Display, reason: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Config, format!("{field}: {reason}"))
    }

    /// A request that could not be built.
    pub fn build(reason: impl Into<String>) -> Self {
        Error::new(ErrorKind::Build, reason)
    }

    /// Input rejected before anything was sent.
    pub fn validation(reason: impl Into<String>) -> Self {
        Error::new(ErrorKind::Validation, reason)
    }

    /// A body that could not be decoded; `path` is the JSON pointer or XML path that failed.
    pub fn decode(path: impl fmt::Display, reason: impl fmt::Display) -> Self {
        Error::new(ErrorKind::Decode, format!("at {path}: {reason}"))
    }

    /// An authentication failure.
    pub fn auth(reason: impl Into<String>) -> Self {
        Error::new(ErrorKind::Auth, reason)
    }

    /// A failure status (or an in-body error reported by a client's classifier).
    pub fn from_status(status: StatusCode, problem: Option<ProblemDetails>) -> Self {
        // Server text stays in `problem()`: it may echo input, and the Display format is a
        // contract (`service[tenant] operation: HTTP 503 after 3 attempts`).
        let message = format!("HTTP {}", status.as_u16());
        let kind = match status.as_u16() {
            401 | 403 => ErrorKind::Auth,
            429 => ErrorKind::RateLimited,
            400 | 422 if problem.as_ref().is_some_and(|p| !p.field_errors.is_empty()) => {
                ErrorKind::Validation
            }
            _ => ErrorKind::Status,
        };
        let mut e = Error::new(kind, message);
        e.inner.status = Some(status);
        e.inner.problem = problem;
        e
    }

    /// Attach the call's context (service, tenant, operation, attempts, …).
    pub fn with_context(mut self, context: RequestContext) -> Self {
        self.inner.context = Some(context);
        self
    }

    /// Attach the server's problem details.
    pub fn with_problem(mut self, problem: ProblemDetails) -> Self {
        self.inner.problem = Some(problem);
        self
    }

    /// Attach how long the server asked us to wait.
    pub fn with_retry_after(mut self, after: Duration) -> Self {
        self.inner.retry_after = Some(after);
        self
    }

    /// Attach the raw response.
    pub fn with_raw(mut self, raw: RawResponse) -> Self {
        if self.inner.status.is_none() {
            self.inner.status = Some(raw.status);
        }
        self.inner.raw = Some(raw);
        self
    }

    /// Attach an underlying cause. It must not print secrets or URLs with query strings:
    /// transport errors are stripped of their URL before they get here.
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The call this error belongs to, when it came from a call.
    pub fn context(&self) -> Option<&RequestContext> {
        self.inner.context.as_ref()
    }

    /// Mutable access to the context, for the transport to update attempts and elapsed time.
    pub(crate) fn context_mut(&mut self) -> &mut Option<RequestContext> {
        &mut self.inner.context
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The server's problem details, when its error body could be read.
    pub fn problem(&self) -> Option<&ProblemDetails> {
        self.inner.problem.as_ref()
    }

    /// How long the server asked callers to wait before trying again.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The raw response (status, headers, capped body), when one arrived.
    pub fn raw(&self) -> Option<&RawResponse> {
        self.inner.raw.as_ref()
    }

    /// The message without the context prefix.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// True for failures worth retrying later: connect, timeout, I/O, 5xx, 429, open circuit.
    pub fn is_transient(&self) -> bool {
        match self.inner.kind {
            ErrorKind::Connect
            | ErrorKind::Timeout
            | ErrorKind::Io
            | ErrorKind::CircuitOpen
            | ErrorKind::RateLimited => true,
            ErrorKind::Status => self.inner.status.is_some_and(|s| s.is_server_error()),
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(ctx) = &self.inner.context {
            write!(f, "{ctx}: ")?;
        }
        f.write_str(&self.inner.message)?;
        if let Some(ctx) = &self.inner.context
            && ctx.attempts > 1
        {
            write!(f, " after {} attempts", ctx.attempts)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", &self.inner.kind)
            .field("message", &self.inner.message);
        if let Some(ctx) = &self.inner.context {
            d.field("context", ctx);
        }
        if let Some(status) = &self.inner.status {
            d.field("status", status);
        }
        if let Some(problem) = &self.inner.problem {
            d.field("problem", problem);
        }
        if let Some(after) = &self.inner.retry_after {
            d.field("retry_after", after);
        }
        if let Some(source) = &self.inner.source {
            d.field("source", &source.to_string());
        }
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests;
