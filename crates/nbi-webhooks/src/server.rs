//! [`WebhookServer`]: a bound socket serving a receiver's routers until shutdown.

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;

use crate::error::{Error, ErrorKind, Result};
use crate::idle::{IDLE_TIMEOUT, IdleListener};

/// A listening socket, bound before serving so the address (port 0 picks one) is known and a
/// clash is reported up front.
#[derive(Debug)]
pub struct WebhookServer {
    listener: TcpListener,
    local_addr: SocketAddr,
}

impl WebhookServer {
    /// Binds `listen`; `field` names the setting in the error (e.g. `webhooks.listen`).
    pub async fn bind(listen: SocketAddr, field: &str) -> Result<WebhookServer> {
        let cannot_listen = |e: std::io::Error| {
            Error::new(
                ErrorKind::Io,
                format!("{field}: cannot listen on {listen} ({})", e.kind()),
            )
            .with_source(e)
        };
        let listener = TcpListener::bind(listen).await.map_err(cannot_listen)?;
        let local_addr = listener.local_addr().map_err(cannot_listen)?;
        Ok(WebhookServer {
            listener,
            local_addr,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves `router` until `shutdown` completes, then finishes the requests in flight. A
    /// connection that sends nothing for 30 s while a request (head or body) is awaited is
    /// closed.
    pub async fn serve(
        self,
        router: Router,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        let listener = IdleListener {
            inner: self.listener,
            idle: IDLE_TIMEOUT,
        };
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::new(ErrorKind::Io, "webhook server failed").with_source(e))
    }
}
