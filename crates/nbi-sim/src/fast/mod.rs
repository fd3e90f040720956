//! A lean HTTP/1.1 connection loop for benchmark mode.
//!
//! hyper and axum cost a few microseconds per request, which matters when the simulator must
//! stay far cheaper than the clients measured against it. Here requests a [`FastRoute`] knows
//! (the anchors' `GET …/config` with faults off) are answered straight from the socket buffer
//! with one write per batch of pipelined requests; every other request — admin routes, faults
//! switched on, anything unusual — is handed to the axum router, so behaviour, stats and faults
//! stay exactly those of the normal server.

mod delegate;
mod wire;

use std::sync::Arc;
use std::time::Duration;

use bytes::{Buf, BytesMut};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use crate::shared::Shared;
use crate::stats::DeviceHit;
use wire::{Head, Parsed};

/// The largest request head accepted (431 beyond).
const MAX_HEAD: usize = 16 * 1024;

/// Requests answered without the router.
pub(crate) trait FastRoute: Send + Sync + 'static {
    /// The answer to `GET path` (`query` without `?`), or `None` to hand it to the router.
    fn answer(&self, path: &str, query: Option<&str>) -> Option<FastAnswer>;
}

/// A 200 JSON answer from a [`FastRoute`].
#[derive(Debug)]
pub(crate) struct FastAnswer {
    /// How long to wait before answering (`?delay_ms=`).
    pub(crate) delay: Duration,
    /// The route template, for the stats.
    pub(crate) route: &'static str,
    /// The device fetched, for the stats.
    pub(crate) device: DeviceHit,
    /// The JSON body.
    pub(crate) body: Vec<u8>,
}

/// What the loop needs besides the socket.
#[derive(Clone)]
pub(crate) struct FastServer {
    pub(crate) shared: Arc<Shared>,
    pub(crate) route: Arc<dyn FastRoute>,
    pub(crate) router: axum::Router,
}

impl FastServer {
    /// Serves one connection until the client closes it, asks to, or sends garbage.
    pub(crate) async fn serve<S>(self, mut io: S)
    where
        S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
    {
        let mut input = BytesMut::with_capacity(4096);
        let mut output = Vec::with_capacity(8192);
        loop {
            let keep_open = self.answer_buffered(&mut input, &mut output).await;
            if !output.is_empty() {
                if io.write_all(&output).await.is_err() {
                    return;
                }
                output.clear();
            }
            if keep_open != Flow::Continue {
                return;
            }
            if input.len() >= MAX_HEAD {
                wire::error(&mut output, 431, "Request Header Fields Too Large");
                let _ = io.write_all(&output).await;
                return;
            }
            match io.read_buf(&mut input).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    }

    /// Answers every complete request in `input` into `output`.
    async fn answer_buffered(&self, input: &mut BytesMut, output: &mut Vec<u8>) -> Flow {
        loop {
            let head = match wire::parse(input) {
                Parsed::Partial => return Flow::Continue,
                Parsed::Invalid(reason) => {
                    wire::error(output, 400, reason);
                    return Flow::Close;
                }
                Parsed::Complete(head) => head,
            };
            let Some(body_len) = head.body_len else {
                wire::error(output, 400, "chunked request bodies are not supported");
                return Flow::Close;
            };
            if body_len > delegate::MAX_REQUEST_BODY {
                wire::error(output, 413, "Payload Too Large");
                return Flow::Close;
            }
            if input.len() < head.len + body_len {
                return Flow::Continue;
            }
            let close = head.close;
            let flow = self.answer_one(&head, input, output).await;
            input.advance(head.len + body_len);
            if flow != Flow::Continue {
                return flow;
            }
            if close {
                return Flow::Close;
            }
        }
    }

    async fn answer_one(&self, head: &Head, input: &BytesMut, output: &mut Vec<u8>) -> Flow {
        if let Some(answer) = self.fast_answer(head) {
            let _in_flight = self.shared.stats.begin(self.tenant_label(), &head.path);
            if !answer.delay.is_zero() {
                tokio::time::sleep(answer.delay).await;
            }
            wire::ok_json(output, &answer.body, head.close);
            self.shared
                .stats
                .outcome("GET", answer.route, "200", Some(answer.device));
            return Flow::Continue;
        }
        let end = (head.len + head.body_len.unwrap_or(0)).min(input.len());
        let body = bytes::Bytes::copy_from_slice(&input[head.len..end]);
        delegate::answer(&self.router, head, body, output).await
    }

    /// The fast answer, when the route knows the request and no fault could apply to it.
    fn fast_answer(&self, head: &Head) -> Option<FastAnswer> {
        if head.method != "GET" || head.body_len != Some(0) {
            return None;
        }
        if !self
            .shared
            .faults
            .for_tenant(Some(self.tenant_label()))
            .is_quiet()
        {
            return None;
        }
        self.route.answer(&head.path, head.query.as_deref())
    }

    /// Benchmark mode has no auth: every request belongs to the first tenant.
    fn tenant_label(&self) -> &str {
        self.shared.tenant_name(0)
    }
}

/// What a connection does after answering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Read the next request.
    Continue,
    /// Flush what was answered, then close.
    Close,
    /// Close at once (a reset fault).
    Kill,
}

#[cfg(test)]
mod tests;
