//! Request heads in, response heads out: the HTTP/1.1 framing of the fast loop.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The most headers a request may carry.
const MAX_HEADERS: usize = 32;

/// A parsed request head.
#[derive(Debug)]
pub(crate) struct Head {
    pub(crate) method: String,
    /// The path, without the query.
    pub(crate) path: String,
    /// The query, without `?`.
    pub(crate) query: Option<String>,
    pub(crate) headers: Vec<(String, Vec<u8>)>,
    /// Bytes of the head, blank line included.
    pub(crate) len: usize,
    /// `Content-Length` (0 when absent); `None` for chunked bodies.
    pub(crate) body_len: Option<usize>,
    /// Whether the client asked to close after this request (or speaks HTTP/1.0 without
    /// keep-alive).
    pub(crate) close: bool,
}

/// The outcome of parsing the start of a buffer.
#[derive(Debug)]
pub(crate) enum Parsed {
    Complete(Head),
    Partial,
    Invalid(&'static str),
}

/// Parses the request head at the start of `buf`.
pub(crate) fn parse(buf: &[u8]) -> Parsed {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let len = match request.parse(buf) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(httparse::Error::TooManyHeaders) => return Parsed::Invalid("too many headers"),
        Err(_) => return Parsed::Invalid("malformed request"),
    };
    let (Some(method), Some(target), Some(version)) =
        (request.method, request.path, request.version)
    else {
        return Parsed::Invalid("malformed request");
    };
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query.to_owned())),
        None => (target, None),
    };
    let mut content_length: Option<usize> = None;
    let mut chunked = false;
    let mut close = version == 0;
    for header in request.headers.iter() {
        let name = header.name;
        if name.eq_ignore_ascii_case("content-length") {
            let parsed = std::str::from_utf8(header.value)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok());
            match parsed {
                Some(n) if content_length.is_none_or(|seen| seen == n) => {
                    content_length = Some(n);
                }
                Some(_) => return Parsed::Invalid("conflicting Content-Length headers"),
                None => return Parsed::Invalid("bad Content-Length"),
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = true;
        } else if name.eq_ignore_ascii_case("connection") {
            let value = String::from_utf8_lossy(header.value).to_ascii_lowercase();
            if value.contains("close") {
                close = true;
            } else if value.contains("keep-alive") {
                close = false;
            }
        }
    }
    // A chunked body (even with a Content-Length beside it) is refused by the caller.
    let body_len = (!chunked).then_some(content_length.unwrap_or(0));
    let headers = request
        .headers
        .iter()
        .map(|h| (h.name.to_owned(), h.value.to_vec()))
        .collect();
    Parsed::Complete(Head {
        method: method.to_owned(),
        path: path.to_owned(),
        query,
        headers,
        len,
        body_len,
        close,
    })
}

/// Appends a `200 OK` JSON response.
pub(crate) fn ok_json(out: &mut Vec<u8>, body: &[u8], close: bool) {
    response_head(out, 200, "OK", body.len(), close);
    out.extend_from_slice(b"content-type: application/json\r\n\r\n");
    out.extend_from_slice(body);
}

/// Appends a plain-text error response; the connection is closed after it.
pub(crate) fn error(out: &mut Vec<u8>, status: u16, text: &str) {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    response_head(out, status, reason, text.len(), true);
    out.extend_from_slice(b"content-type: text/plain\r\n\r\n");
    out.extend_from_slice(text.as_bytes());
}

/// Appends the status line, `date`, `content-length` and `connection: close` when closing; the
/// caller adds its own headers and the blank line.
pub(crate) fn response_head(out: &mut Vec<u8>, status: u16, reason: &str, len: usize, close: bool) {
    out.extend_from_slice(format!("HTTP/1.1 {status} {reason}\r\n").as_bytes());
    out.extend_from_slice(b"date: ");
    with_date(|date| out.extend_from_slice(date.as_bytes()));
    out.extend_from_slice(b"\r\ncontent-length: ");
    out.extend_from_slice(len.to_string().as_bytes());
    out.extend_from_slice(b"\r\n");
    if close {
        out.extend_from_slice(b"connection: close\r\n");
    }
}

/// The `Date` header value, formatted once per second.
fn with_date(f: impl FnOnce(&str)) {
    static CACHE: Mutex<(u64, String)> = Mutex::new((u64::MAX, String::new()));
    let now = SystemTime::now();
    let second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    if cache.0 != second {
        *cache = (
            second,
            httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_secs(second)),
        );
    }
    f(&cache.1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_heads_and_their_framing() {
        let Parsed::Complete(head) =
            parse(b"GET /api/v1/devices/7/config?delay_ms=3 HTTP/1.1\r\nHost: x\r\n\r\nGET /next")
        else {
            panic!("complete head expected")
        };
        assert_eq!(head.method, "GET");
        assert_eq!(head.path, "/api/v1/devices/7/config");
        assert_eq!(head.query.as_deref(), Some("delay_ms=3"));
        assert_eq!(head.body_len, Some(0));
        assert!(!head.close);
        assert_eq!(head.len, 61);

        let Parsed::Complete(head) =
            parse(b"PUT /_sim/faults HTTP/1.0\r\nContent-Length: 12\r\n\r\n")
        else {
            panic!("complete head expected")
        };
        assert_eq!(head.body_len, Some(12));
        assert!(head.close, "HTTP/1.0 closes by default");

        let Parsed::Complete(head) =
            parse(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        else {
            panic!("complete head expected")
        };
        assert_eq!(head.body_len, None);
        assert!(head.close);

        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost"), Parsed::Partial));
        assert!(matches!(
            parse(b"\x00\x01 nonsense\r\n\r\n"),
            Parsed::Invalid(_)
        ));
        assert!(matches!(
            parse(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            Parsed::Invalid("bad Content-Length")
        ));
    }

    #[test]
    fn writes_complete_responses() {
        let mut out = Vec::new();
        ok_json(&mut out, b"{}", false);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\ndate: "));
        assert!(text.ends_with("content-length: 2\r\ncontent-type: application/json\r\n\r\n{}"));
        let mut out = Vec::new();
        error(&mut out, 400, "bad");
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 400 Bad Request\r\n"));
        assert!(text.contains("connection: close\r\n"));
    }
}
