//! gRPC statuses as a gRPC–JSON gateway answers them, in the two forms clients meet.
//!
//! * [`Form::Gateway`]: the gateway maps the code to an HTTP status (404 for NOT_FOUND, 400 for
//!   INVALID_ARGUMENT and FAILED_PRECONDITION, 409 for ALREADY_EXISTS, 503 for UNAVAILABLE …)
//!   and writes `{"code": N, "message": "…", "details": []}`.
//! * [`Form::Headers`]: HTTP 200 with `grpc-status` and a percent-encoded `grpc-message`, and
//!   no body — what a transcoding proxy passes through for a trailers-only gRPC answer when it
//!   is not told to convert the status (Envoy's transcoder without `convert_grpc_status`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// gRPC status codes the simulator answers with.
pub(super) mod code {
    pub(in super::super) const INVALID_ARGUMENT: u16 = 3;
    pub(in super::super) const NOT_FOUND: u16 = 5;
    pub(in super::super) const ALREADY_EXISTS: u16 = 6;
    pub(in super::super) const FAILED_PRECONDITION: u16 = 9;
    pub(in super::super) const UNAVAILABLE: u16 = 14;
    pub(in super::super) const UNAUTHENTICATED: u16 = 16;
}

/// How an error reaches the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    /// Mapped HTTP status and a JSON status body.
    Gateway,
    /// HTTP 200 with `grpc-status` / `grpc-message` headers.
    Headers,
}

/// A failed RPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct GrpcError {
    pub(super) code: u16,
    pub(super) message: String,
    form: Form,
}

impl GrpcError {
    pub(super) fn new(code: u16, message: impl Into<String>) -> Self {
        GrpcError {
            code,
            message: message.into(),
            form: Form::Gateway,
        }
    }

    pub(super) fn not_found(message: impl Into<String>) -> Self {
        Self::new(code::NOT_FOUND, message)
    }

    pub(super) fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(code::INVALID_ARGUMENT, message)
    }

    pub(super) fn failed_precondition(message: impl Into<String>) -> Self {
        Self::new(code::FAILED_PRECONDITION, message)
    }

    pub(super) fn already_exists(message: impl Into<String>) -> Self {
        Self::new(code::ALREADY_EXISTS, message)
    }

    /// Answers in `form`.
    pub(super) fn in_form(mut self, form: Form) -> Self {
        self.form = form;
        self
    }
}

/// The HTTP status a gRPC–JSON gateway maps a gRPC code to.
pub(super) fn http_status(code: u16) -> StatusCode {
    match code {
        0 => StatusCode::OK,
        1 => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        3 | 9 | 11 => StatusCode::BAD_REQUEST,
        4 => StatusCode::GATEWAY_TIMEOUT,
        5 => StatusCode::NOT_FOUND,
        6 | 10 => StatusCode::CONFLICT,
        7 => StatusCode::FORBIDDEN,
        8 => StatusCode::TOO_MANY_REQUESTS,
        12 => StatusCode::NOT_IMPLEMENTED,
        14 => StatusCode::SERVICE_UNAVAILABLE,
        16 => StatusCode::UNAUTHORIZED,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// `grpc-message` is percent-encoded: anything outside printable ASCII, and `%` itself.
fn percent_encode(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for byte in message.bytes() {
        if (0x20..=0x7e).contains(&byte) && byte != b'%' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl IntoResponse for GrpcError {
    fn into_response(self) -> Response {
        match self.form {
            Form::Gateway => {
                let body = json!({"code": self.code, "message": self.message, "details": []});
                let mut response = (http_status(self.code), body.to_string()).into_response();
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                response
            }
            Form::Headers => {
                let mut response = StatusCode::OK.into_response();
                let headers = response.headers_mut();
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                headers.insert("grpc-status", HeaderValue::from(self.code));
                if let Ok(value) = HeaderValue::from_str(&percent_encode(&self.message)) {
                    headers.insert("grpc-message", value);
                }
                response
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_percent_encoded() {
        assert_eq!(percent_encode("100% déjà"), "100%25 d%C3%A9j%C3%A0");
    }

    #[test]
    fn codes_map_like_the_gateway() {
        assert_eq!(http_status(code::NOT_FOUND), StatusCode::NOT_FOUND);
        assert_eq!(
            http_status(code::FAILED_PRECONDITION),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(http_status(code::ALREADY_EXISTS), StatusCode::CONFLICT);
        assert_eq!(
            http_status(code::UNAVAILABLE),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(http_status(code::UNAUTHENTICATED), StatusCode::UNAUTHORIZED);
    }
}
