//! One attempt on the wire: build the HTTP request, send it within the timeout, read the body
//! up to the cap, and map failures to error kinds by how far the request got.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderName, HeaderValue};
use url::Url;

use crate::auth::Credential;
use crate::error::{Error, ErrorKind, Result};
use crate::request::{Body, Idempotency, RequestSpec};
use crate::response::Response;

static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// Everything one attempt needs besides the spec.
pub(crate) struct AttemptInput<'a> {
    pub(crate) http: &'a reqwest::Client,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) credential: Option<&'a Credential>,
    pub(crate) timeout: Duration,
    pub(crate) max_body: usize,
}

/// Joins the base URL and the spec's path and query.
pub(crate) fn target_url(base: &Url, spec: &RequestSpec) -> Result<Url> {
    let mut url = base.clone();
    let base_path = base.path().trim_end_matches('/');
    let path = spec.path();
    let joined = if path.starts_with('/') {
        format!("{base_path}{path}")
    } else {
        format!("{base_path}/{path}")
    };
    url.set_path(&joined);
    url.set_query(None);
    if !spec.query_pairs().is_empty() {
        url.query_pairs_mut().extend_pairs(
            spec.query_pairs()
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        );
    }
    Ok(url)
}

/// Sends one attempt. Errors carry no URL (reqwest's are stripped of it).
pub(crate) async fn send(spec: &RequestSpec, input: AttemptInput<'_>) -> Result<Response> {
    let AttemptInput {
        http,
        url,
        mut headers,
        credential,
        timeout,
        max_body,
    } = input;
    let body = match spec.body_ref() {
        Body::Empty => None,
        Body::Bytes {
            content_type,
            bytes,
        } => Some((content_type.clone(), bytes.clone())),
        Body::WithCredential {
            content_type,
            render,
        } => {
            let Some(credential) = credential else {
                return Err(Error::build(
                    "this request's body needs a session, but the transport has no auth provider",
                ));
            };
            Some((content_type.clone(), render(credential)?))
        }
    };
    if let Idempotency::Key(key) = spec.idempotency() {
        let value = HeaderValue::from_str(key)
            .map_err(|_| Error::build("idempotency key is not a valid header value"))?;
        headers.insert(IDEMPOTENCY_KEY.clone(), value);
    }
    let mut builder = http.request(spec.method().clone(), url).headers(headers);
    if let Some((content_type, bytes)) = body {
        builder = builder.header(CONTENT_TYPE, content_type).body(bytes);
    }
    let exchange = async {
        let mut response = builder.send().await.map_err(map_reqwest)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body = read_capped(response, max_body).await?;
        Ok::<_, Error>(Response::new(status, headers, body))
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_) => Err(Error::new(
            ErrorKind::Timeout,
            format!("no complete response within {:.1}s", timeout.as_secs_f64()),
        )),
    }
}

pub(crate) async fn read_capped(mut response: reqwest::Response, max_body: usize) -> Result<Bytes> {
    // The headers were moved out already: hyper knows the declared length.
    let declared = response.content_length();
    if declared.is_some_and(|n| n > max_body as u64) {
        return Err(too_large(max_body));
    }
    let mut buf = BytesMut::with_capacity(declared.map_or(8 * 1024, |n| n as usize));
    while let Some(chunk) = response.chunk().await.map_err(map_reqwest)? {
        if buf.len() + chunk.len() > max_body {
            return Err(too_large(max_body));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

fn too_large(max_body: usize) -> Error {
    Error::new(
        ErrorKind::Decode,
        format!("response body exceeds the {max_body}-byte cap"),
    )
}

/// Maps a reqwest failure by how far the request got; the URL (and its query) is dropped.
pub(crate) fn map_reqwest(e: reqwest::Error) -> Error {
    let kind = if e.is_connect() {
        ErrorKind::Connect
    } else if e.is_timeout() {
        ErrorKind::Timeout
    } else if e.is_builder() {
        ErrorKind::Build
    } else {
        ErrorKind::Io
    };
    let message = match kind {
        ErrorKind::Connect => "could not connect",
        ErrorKind::Timeout => "timed out",
        ErrorKind::Build => "could not build the request",
        _ => "connection failed before a complete response",
    };
    Error::new(kind, message).with_source(e.without_url())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Operation, OperationClass};

    const OP: Operation = Operation::new("op", OperationClass::GET);

    #[test]
    fn urls_join_base_path_and_query() {
        let base = Url::parse("https://nms.example/api/").unwrap();
        let spec = RequestSpec::get(OP, "/v1/devices/{id}")
            .path_param("id", "r 1")
            .query("a", "b&c");
        let url = target_url(&base, &spec).unwrap();
        assert_eq!(
            url.as_str(),
            "https://nms.example/api/v1/devices/r%201?a=b%26c"
        );
        let base = Url::parse("https://nms.example").unwrap();
        assert_eq!(
            target_url(&base, &RequestSpec::get(OP, "x"))
                .unwrap()
                .as_str(),
            "https://nms.example/x"
        );
    }
}
