//! [`WriteObject`] (PUT / PATCH) and [`DeleteObject`]: one-object writes that may carry
//! `If-Match`.

use std::fmt;
use std::marker::PhantomData;

use http::HeaderValue;
use http::header::IF_MATCH;
use nbi_core::{Error, Mode, RequestSpec, Result};
use serde::de::DeserializeOwned;

use crate::client::Client;

/// Adds `If-Match: etag` to `spec`.
fn with_if_match(spec: Result<RequestSpec>, etag: &str) -> Result<RequestSpec> {
    let value = HeaderValue::from_str(etag)
        .map_err(|_| Error::build("If-Match: the entity tag is not a valid header value"))?;
    spec.map(|s| s.header(IF_MATCH, value))
}

/// A PUT or PATCH of one object; `send()` returns the object as stored.
#[must_use = "nothing is sent until send()"]
pub struct WriteObject<M: Mode, T> {
    client: Client<M>,
    spec: Result<RequestSpec>,
    _object: PhantomData<fn() -> T>,
}

impl<M: Mode, T> fmt::Debug for WriteObject<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WriteObject")
            .field("spec", &self.spec)
            .finish()
    }
}

impl<M: Mode, T: DeserializeOwned + Send + 'static> WriteObject<M, T> {
    pub(crate) fn new(client: Client<M>, spec: Result<RequestSpec>) -> Self {
        WriteObject {
            client,
            spec,
            _object: PhantomData,
        }
    }

    /// Only write if the object still has this `ETag` (from `get_tagged`); otherwise the
    /// server answers 412 ([`NetboxErrorExt::is_precondition_failed`](crate::NetboxErrorExt::is_precondition_failed)).
    pub fn if_match(mut self, etag: &str) -> Self {
        self.spec = with_if_match(self.spec, etag);
        self
    }

    /// Sends the write.
    pub fn send(self) -> M::Output<T> {
        match self.spec {
            Ok(spec) => self.client.json(spec),
            Err(e) => self.client.fail(e),
        }
    }
}

/// A DELETE of one object.
#[must_use = "nothing is sent until send()"]
pub struct DeleteObject<M: Mode> {
    client: Client<M>,
    spec: Result<RequestSpec>,
}

impl<M: Mode> fmt::Debug for DeleteObject<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeleteObject")
            .field("spec", &self.spec)
            .finish()
    }
}

impl<M: Mode> DeleteObject<M> {
    pub(crate) fn new(client: Client<M>, spec: Result<RequestSpec>) -> Self {
        DeleteObject { client, spec }
    }

    /// Only delete if the object still has this `ETag`.
    pub fn if_match(mut self, etag: &str) -> Self {
        self.spec = with_if_match(self.spec, etag);
        self
    }

    /// Sends the delete (204).
    pub fn send(self) -> M::Output<()> {
        match self.spec {
            Ok(spec) => self.client.empty(spec),
            Err(e) => self.client.fail(e),
        }
    }
}
