//! [`Call`]: one request of the route table, typed by what it answers, sent in the client's
//! mode. Every typed operation of the area handlers is a `Call` (or a [`List`](crate::List)),
//! so adding an operation is one route and one method.

use std::fmt;

use nbi_core::{Error, Mode, RequestSpec, Response, Result};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::Client;
use crate::endpoint::Route;
use crate::error::remap;
use crate::params::{Params, require_id};

/// How a call's answer becomes its value.
type Decode<T> = fn(&Response) -> Result<T>;

/// One request, checked before it is sent: `send()` returns the typed answer, `send_raw()`
/// the response itself (status, headers, body).
#[must_use = "nothing is sent until send() or send_raw()"]
pub struct Call<M: Mode, T> {
    client: Client<M>,
    spec: Result<RequestSpec>,
    decode: Decode<T>,
}

impl<M: Mode, T> fmt::Debug for Call<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (method, path) = match &self.spec {
            Ok(spec) => (spec.method().as_str(), spec.path_template()),
            Err(_) => ("-", "-"),
        };
        f.debug_struct("Call")
            .field("method", &method)
            .field("path", &path)
            .finish_non_exhaustive()
    }
}

impl<M: Mode, T: Send + 'static> Call<M, T> {
    pub(crate) fn new(client: Client<M>, route: &Route) -> Self
    where
        T: DeserializeOwned,
    {
        Call {
            client,
            spec: Ok(RequestSpec::new(
                route.method.clone(),
                route.operation.clone(),
                route.path,
            )),
            decode: decode_json::<T>,
        }
    }

    /// Fills the path parameter `name`; an empty value is a validation error naming it.
    pub(crate) fn id(mut self, name: &'static str, value: &str) -> Self {
        self.spec = self
            .spec
            .and_then(|s| require_id(name, value).map(|()| s.path_param(name, value)));
        self
    }

    /// Checks `params` and adds them to the query.
    pub(crate) fn params(mut self, params: &impl Params) -> Self {
        self.spec = self.spec.and_then(|s| {
            params.validate()?;
            Ok(params
                .pairs()
                .into_iter()
                .fold(s, |s, (k, v)| s.query(k, v)))
        });
        self
    }

    /// Sets the JSON body.
    pub(crate) fn body(mut self, body: &(impl Serialize + ?Sized)) -> Self {
        self.spec = self.spec.map(|s| s.json(body));
        self
    }

    /// Marks a POST that only reads as safe to replay.
    pub(crate) fn replayable(mut self) -> Self {
        self.spec = self.spec.map(|s| s.idempotent(true));
        self
    }

    /// Fails with `error` when sent, without sending anything.
    pub(crate) fn fail(mut self, error: Error) -> Self {
        self.spec = Err(error);
        self
    }

    /// Answers with nothing to decode (204).
    pub(crate) fn empty(self) -> Call<M, ()> {
        Call {
            client: self.client,
            spec: self.spec,
            decode: |_| Ok(()),
        }
    }

    /// Adds a query parameter the typed parameters do not model.
    pub fn query(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        self.spec = self.spec.map(|s| s.query(key, value));
        self
    }

    /// Sends the request and decodes the answer.
    pub fn send(self) -> M::Output<T> {
        let decode = self.decode;
        let transport = self.client.transport().clone();
        let spec = self.spec;
        self.client.mode().run(Box::pin(async move {
            let response = transport.send(spec?).await.map_err(remap)?;
            decode(&response)
        }))
    }

    /// Sends the request and hands back the response as it arrived.
    pub fn send_raw(self) -> M::Output<Response> {
        let transport = self.client.transport().clone();
        let spec = self.spec;
        self.client.mode().run(Box::pin(async move {
            transport.send(spec?).await.map_err(remap)
        }))
    }
}

/// JSON, or `null` when the body is empty (a 204 to a PUT that answers an object elsewhere).
fn decode_json<T: DeserializeOwned>(response: &Response) -> Result<T> {
    if response.body().iter().all(u8::is_ascii_whitespace) {
        return nbi_core::response::decode_json(b"null")
            .map_err(|_| Error::decode(".", "the server answered an empty body"));
    }
    response.json()
}
