//! VOLTHA's errors are gRPC statuses. A gRPC–JSON gateway answers them as a mapped HTTP
//! status with `{"code": N, "message": "…", "details": []}` (read into [`ProblemDetails`] by
//! the transport), or — through a transcoding proxy that passes statuses through — as
//! HTTP 200 with `grpc-status` / `grpc-message` headers, which [`crate::GrpcStatusClassifier`]
//! turns into the same kind of error. [`GrpcErrorExt`] reads the code back from either.

use std::fmt;

use http::StatusCode;
use nbi_core::{Error, ProblemDetails, ProblemStatus, Response};

pub use nbi_core::{ErrorKind, Result};

/// A gRPC status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum GrpcCode {
    /// 0: not an error.
    Ok,
    /// 1: the caller cancelled.
    Cancelled,
    /// 2: unknown error.
    Unknown,
    /// 3: the request is invalid whatever the system's state.
    InvalidArgument,
    /// 4: the deadline passed; the operation may have happened.
    DeadlineExceeded,
    /// 5: no such entity.
    NotFound,
    /// 6: the entity exists already.
    AlreadyExists,
    /// 7: not allowed.
    PermissionDenied,
    /// 8: a quota or resource ran out.
    ResourceExhausted,
    /// 9: the system is not in the state the operation needs (enable an enabled device …).
    FailedPrecondition,
    /// 10: aborted by a conflict.
    Aborted,
    /// 11: out of range.
    OutOfRange,
    /// 12: not implemented.
    Unimplemented,
    /// 13: internal error.
    Internal,
    /// 14: the service is unavailable for now; retrying may work.
    Unavailable,
    /// 15: data was lost.
    DataLoss,
    /// 16: the credentials were missing or rejected.
    Unauthenticated,
    /// A code gRPC does not define.
    Other(u32),
}

impl GrpcCode {
    /// The code of a number.
    pub fn from_u32(code: u32) -> Self {
        use GrpcCode::*;
        match code {
            0 => Ok,
            1 => Cancelled,
            2 => Unknown,
            3 => InvalidArgument,
            4 => DeadlineExceeded,
            5 => NotFound,
            6 => AlreadyExists,
            7 => PermissionDenied,
            8 => ResourceExhausted,
            9 => FailedPrecondition,
            10 => Aborted,
            11 => OutOfRange,
            12 => Unimplemented,
            13 => Internal,
            14 => Unavailable,
            15 => DataLoss,
            16 => Unauthenticated,
            other => Other(other),
        }
    }

    /// The code's number.
    pub fn as_u32(self) -> u32 {
        use GrpcCode::*;
        match self {
            Ok => 0,
            Cancelled => 1,
            Unknown => 2,
            InvalidArgument => 3,
            DeadlineExceeded => 4,
            NotFound => 5,
            AlreadyExists => 6,
            PermissionDenied => 7,
            ResourceExhausted => 8,
            FailedPrecondition => 9,
            Aborted => 10,
            OutOfRange => 11,
            Unimplemented => 12,
            Internal => 13,
            Unavailable => 14,
            DataLoss => 15,
            Unauthenticated => 16,
            Other(n) => n,
        }
    }

    /// The code's name (`NOT_FOUND`).
    pub fn name(self) -> &'static str {
        use GrpcCode::*;
        match self {
            Ok => "OK",
            Cancelled => "CANCELLED",
            Unknown | Other(_) => "UNKNOWN",
            InvalidArgument => "INVALID_ARGUMENT",
            DeadlineExceeded => "DEADLINE_EXCEEDED",
            NotFound => "NOT_FOUND",
            AlreadyExists => "ALREADY_EXISTS",
            PermissionDenied => "PERMISSION_DENIED",
            ResourceExhausted => "RESOURCE_EXHAUSTED",
            FailedPrecondition => "FAILED_PRECONDITION",
            Aborted => "ABORTED",
            OutOfRange => "OUT_OF_RANGE",
            Unimplemented => "UNIMPLEMENTED",
            Internal => "INTERNAL",
            Unavailable => "UNAVAILABLE",
            DataLoss => "DATA_LOSS",
            Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The HTTP status a gRPC–JSON gateway answers for this code.
    pub fn http_status(self) -> StatusCode {
        use GrpcCode::*;
        match self {
            Ok => StatusCode::OK,
            Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
            InvalidArgument | FailedPrecondition | OutOfRange => StatusCode::BAD_REQUEST,
            DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
            NotFound => StatusCode::NOT_FOUND,
            AlreadyExists | Aborted => StatusCode::CONFLICT,
            PermissionDenied => StatusCode::FORBIDDEN,
            ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
            Unimplemented => StatusCode::NOT_IMPLEMENTED,
            Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Unauthenticated => StatusCode::UNAUTHORIZED,
            Unknown | Internal | DataLoss | Other(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Whether trying again later may succeed: UNAVAILABLE, DEADLINE_EXCEEDED and
    /// RESOURCE_EXHAUSTED.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            GrpcCode::Unavailable | GrpcCode::DeadlineExceeded | GrpcCode::ResourceExhausted
        )
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.as_u32())
    }
}

/// Reads the gRPC status out of an [`Error`] from a VOLTHA call.
///
/// ```
/// use nbi_voltha::{GrpcCode, GrpcErrorExt};
/// # fn check(err: &nbi_voltha::Error) {
/// if err.grpc_code() == Some(GrpcCode::FailedPrecondition) {
///     eprintln!("wrong state: {}", err.grpc_message().unwrap_or_default());
/// }
/// # }
/// ```
pub trait GrpcErrorExt {
    /// The gRPC code, when the server sent one (in a gateway body or a `grpc-status` header).
    fn grpc_code(&self) -> Option<GrpcCode>;
    /// The server's message.
    fn grpc_message(&self) -> Option<&str>;
}

impl GrpcErrorExt for Error {
    fn grpc_code(&self) -> Option<GrpcCode> {
        let from_problem = self
            .problem()
            .and_then(|p| p.vendor_code.as_deref())
            .and_then(|c| c.trim().parse::<u32>().ok());
        let from_header = || {
            self.raw()
                .and_then(|r| r.headers.get("grpc-status"))
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u32>().ok())
        };
        from_problem.or_else(from_header).map(GrpcCode::from_u32)
    }

    fn grpc_message(&self) -> Option<&str> {
        self.problem().and_then(|p| p.title.as_deref())
    }
}

/// The non-OK status a 2xx response carries in `grpc-status`, with its decoded message.
/// An unreadable `grpc-status` is UNKNOWN: a status that cannot be read is not a success.
pub(crate) fn header_status(response: &Response) -> Option<(GrpcCode, String)> {
    if !response.status().is_success() {
        return None;
    }
    let raw = response.header("grpc-status")?;
    let code = raw
        .trim()
        .parse::<u32>()
        .map_or(GrpcCode::Unknown, GrpcCode::from_u32);
    if code == GrpcCode::Ok {
        return None;
    }
    let message = response
        .header("grpc-message")
        .map(percent_decode)
        .unwrap_or_default();
    Some((code, message))
}

/// The error of a status carried in headers: the gateway's HTTP status for the code, and the
/// code and message in [`ProblemDetails`] as a gateway body would give them.
pub(crate) fn status_error(response: &Response, code: GrpcCode, message: String) -> Error {
    let status = code.http_status();
    let mut problem = ProblemDetails::titled(message);
    problem.vendor_code = Some(code.as_u32().to_string());
    problem.status = Some(ProblemStatus::Number(status.as_u16()));
    Error::from_status(status, Some(problem)).with_raw(response.raw())
}

/// `grpc-message` is percent-encoded UTF-8; bad escapes are kept as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::HeaderMap;

    fn response(status: u16, headers: &[(&'static str, &str)]) -> Response {
        let mut h = HeaderMap::new();
        for (k, v) in headers {
            h.insert(*k, v.parse().unwrap());
        }
        Response::new(StatusCode::from_u16(status).unwrap(), h, Bytes::new())
    }

    #[test]
    fn codes_round_trip_and_map_to_gateway_statuses() {
        for n in 0..=20 {
            assert_eq!(GrpcCode::from_u32(n).as_u32(), n);
        }
        assert_eq!(GrpcCode::NotFound.http_status(), StatusCode::NOT_FOUND);
        assert_eq!(
            GrpcCode::FailedPrecondition.http_status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(GrpcCode::AlreadyExists.http_status(), StatusCode::CONFLICT);
        assert!(GrpcCode::Unavailable.is_transient());
        assert!(!GrpcCode::FailedPrecondition.is_transient());
        assert_eq!(GrpcCode::NotFound.to_string(), "NOT_FOUND (5)");
    }

    #[test]
    fn header_statuses_are_read_and_decoded() {
        let ok = response(200, &[("grpc-status", "0")]);
        assert!(header_status(&ok).is_none());
        assert!(header_status(&response(200, &[])).is_none());
        let failed = response(
            200,
            &[
                ("grpc-status", "9"),
                ("grpc-message", "device%20is%20ENABLED%C3%A9"),
            ],
        );
        let (code, message) = header_status(&failed).unwrap();
        assert_eq!(code, GrpcCode::FailedPrecondition);
        assert_eq!(message, "device is ENABLEDé");
        let garbage = response(200, &[("grpc-status", "nine")]);
        assert_eq!(header_status(&garbage).unwrap().0, GrpcCode::Unknown);
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn the_code_is_read_back_from_either_form() {
        let r = response(200, &[("grpc-status", "6")]);
        let err = status_error(&r, GrpcCode::AlreadyExists, "exists".into());
        assert_eq!(err.status(), Some(StatusCode::CONFLICT));
        assert_eq!(err.grpc_code(), Some(GrpcCode::AlreadyExists));
        assert_eq!(err.grpc_message(), Some("exists"));
        let body = br#"{"code":5,"message":"device x not found","details":[]}"#;
        let gateway = Error::from_status(StatusCode::NOT_FOUND, ProblemDetails::from_json(body));
        assert_eq!(gateway.grpc_code(), Some(GrpcCode::NotFound));
        assert_eq!(gateway.grpc_message(), Some("device x not found"));
    }
}
