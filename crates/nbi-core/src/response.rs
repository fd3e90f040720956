//! A response whose body has been read (and capped): status, headers, bytes, typed decoding.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::{Error, RawResponse, Result};
use crate::xml::{XmlElement, XmlLimits};

/// The default cap on a response body: 32 MiB.
pub const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

/// A successful response.
#[derive(Clone)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
    elapsed: Duration,
}

impl Response {
    /// Builds a response (the transport does this; tests and simulators may too).
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Response {
            status,
            headers,
            body,
            attempts: 1,
            elapsed: Duration::ZERO,
        }
    }

    pub(crate) fn with_attempts(mut self, attempts: u32, elapsed: Duration) -> Self {
        self.attempts = attempts;
        self.elapsed = elapsed;
        self
    }

    /// HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header's value as text, when present and printable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The body, owned.
    pub fn into_body(self) -> Bytes {
        self.body
    }

    /// How many attempts the call took.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Time from the start of the call to the end of the body.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<&str> {
        std::str::from_utf8(&self.body).map_err(|e| Error::decode("body", e))
    }

    /// Decodes a JSON body; a failure names the JSON path that did not fit.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode_json(&self.body)
    }

    /// Parses an XML body with the hardened reader of [`crate::xml`], within `limits`.
    pub fn xml(&self, limits: &XmlLimits) -> Result<XmlElement> {
        crate::xml::parse(&self.body, limits)
    }

    /// The response as a [`RawResponse`].
    pub fn raw(&self) -> RawResponse {
        RawResponse {
            status: self.status,
            headers: self.headers.clone(),
            body: self.body.clone(),
        }
    }
}

/// Decodes JSON, naming the path where it failed (`.results[3].site.id`).
///
/// The reason never quotes the body: serde's messages embed the offending value (`invalid
/// type: string "…"`), which may be a token or personal data, so only what was expected is
/// kept.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path.is_empty() {
            ".".to_string()
        } else {
            path
        };
        Error::decode(path, scrubbed_reason(&e.into_inner()))
    })
}

fn scrubbed_reason(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => {
            let text = e.to_string();
            let text = text.split(" at line ").next().unwrap_or_default();
            if text.starts_with("missing field") {
                // Names a field of our model, not data.
                text.to_owned()
            } else {
                match text.rsplit_once(", expected ") {
                    Some((_, expected)) => format!("unexpected value, expected {expected}"),
                    None => "unexpected type or value".to_owned(),
                }
            }
        }
        Category::Syntax => "not valid JSON".to_owned(),
        Category::Eof => "truncated JSON".to_owned(),
        Category::Io => "unreadable body".to_owned(),
    }
}

impl fmt::Debug for Response {
    // Header values may carry tokens (Set-Cookie): list names only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("status", &self.status)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .field("attempts", &self.attempts)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        results: Vec<Item>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: u32,
    }

    #[test]
    fn json_errors_name_the_path() {
        let r = Response::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(br#"{"results":[{"id":1},{"id":"x"}]}"#),
        );
        let e = r.json::<Page>().unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Decode);
        assert!(e.to_string().contains("results[1].id"), "{e}");
        assert!(e.to_string().contains("expected u32"), "{e}");
    }

    #[test]
    fn decode_errors_never_quote_the_body() {
        let r = Response::new(
            StatusCode::OK,
            HeaderMap::new(),
            Bytes::from_static(br#"{"results":[{"id":"tok-SECRET"}]}"#),
        );
        let e = r.json::<Page>().unwrap_err();
        assert!(!format!("{e} {e:?}").contains("tok-SECRET"), "{e}");
    }
}
