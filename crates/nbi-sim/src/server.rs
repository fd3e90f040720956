//! The accept loop: one task per connection, each killable by its handler (to drop the
//! connection before any response), all stopped on shutdown.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use tower_service::Service;

use crate::fast::FastServer;

/// Put in every request's extensions: firing it closes the request's connection at once.
#[derive(Clone, Debug)]
pub(crate) struct ConnKill(Arc<Notify>);

impl ConnKill {
    /// A kill switch and the signal its connection waits on.
    pub(crate) fn new() -> (Self, Arc<Notify>) {
        let signal = Arc::new(Notify::new());
        (ConnKill(signal.clone()), signal)
    }

    pub(crate) fn fire(&self) {
        // notify_one keeps a permit, so the signal is not lost if nobody waits yet.
        self.0.notify_one();
    }
}

/// A listening socket bound to 127.0.0.1 on a free port.
pub(crate) async fn bind() -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}

/// How a server answers its connections.
#[derive(Clone)]
pub(crate) enum Handler {
    /// hyper + the axum router.
    Router(Router),
    /// The lean loop of benchmark mode (which falls back to its router).
    Fast(FastServer),
}

/// Serves `handler` on `listener` until `shutdown` changes or its sender is dropped; open
/// connections (and stalled requests) are dropped with the loop.
pub(crate) fn serve(
    listener: TcpListener,
    handler: Handler,
    tls: Option<TlsAcceptor>,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                _ = shutdown.changed() => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    connections.spawn(connection(stream, handler.clone(), tls.clone()));
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        connections.shutdown().await;
    })
}

async fn connection(stream: TcpStream, handler: Handler, tls: Option<TlsAcceptor>) {
    // Small responses must not wait for Nagle.
    let _ = stream.set_nodelay(true);
    match tls {
        None => serve_with(stream, handler).await,
        Some(acceptor) => {
            if let Ok(stream) = acceptor.accept(stream).await {
                serve_with(stream, handler).await;
            }
        }
    }
}

async fn serve_with<S>(io: S, handler: Handler)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    match handler {
        Handler::Router(router) => serve_io(io, router).await,
        Handler::Fast(fast) => fast.serve(io).await,
    }
}

async fn serve_io<S>(io: S, router: Router)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let kill = ConnKill(Arc::new(Notify::new()));
    let signal = kill.0.clone();
    let service = service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(kill.clone());
        let mut router = router.clone();
        async move { router.call(request).await }
    });
    let conn = http1::Builder::new().serve_connection(TokioIo::new(io), service);
    tokio::select! {
        _ = conn => {}
        _ = signal.notified() => {}
    }
}
