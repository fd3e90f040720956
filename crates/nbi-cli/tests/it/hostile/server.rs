//! A local server on 127.0.0.1:0 that answers every request with one scripted, hostile reply,
//! written byte for byte on a plain TCP socket so that replies no well-behaved HTTP library
//! would send (endless headers, lying lengths, gigabyte bodies) can be sent. Bodies are
//! generated while writing: a 1 GB reply never exists in the test's memory.

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How a reply's body is produced.
#[derive(Clone)]
pub(crate) enum Body {
    /// These bytes, with a matching `Content-Length`.
    Fixed(Vec<u8>),
    /// `prefix`, then `filler` repeated until `total` bytes were sent, then `suffix`; in
    /// chunked encoding when `chunked`, else as they are (a stream of header lines).
    Stream {
        prefix: Vec<u8>,
        filler: Vec<u8>,
        total: u64,
        suffix: Vec<u8>,
        chunked: bool,
    },
    /// Nothing after the head: the head itself is the attack (or declares what never comes).
    None,
}

/// One scripted reply: the status line and headers as written, then the body.
#[derive(Clone)]
pub(crate) struct Reply {
    head: Vec<u8>,
    body: Body,
}

impl Reply {
    /// A `200` with this content type and body.
    pub(crate) fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::status(200, content_type, body)
    }

    /// A reply with this status, content type and body.
    pub(crate) fn status(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        let body = body.into();
        let head = format!(
            "HTTP/1.1 {status} Hostile\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        Reply {
            head: head.into_bytes(),
            body: Body::Fixed(body),
        }
    }

    /// A `200` whose chunked body is `prefix` then `filler` repeated, `total` bytes in all.
    pub(crate) fn stream(content_type: &str, prefix: &str, filler: &str, total: u64) -> Reply {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        );
        Reply {
            head: head.into_bytes(),
            body: Body::Stream {
                prefix: prefix.as_bytes().to_vec(),
                filler: filler.as_bytes().to_vec(),
                total,
                suffix: Vec::new(),
                chunked: true,
            },
        }
    }

    /// Exactly these bytes, then the connection is closed.
    pub(crate) fn raw(bytes: impl Into<Vec<u8>>) -> Reply {
        Reply {
            head: bytes.into(),
            body: Body::None,
        }
    }

    /// A `200` head with `count` extra headers of `value_len` bytes each (streamed), then a
    /// small JSON body.
    pub(crate) fn headers(count: u64, value_len: usize) -> Reply {
        let line = format!("X-Hostile: {}\r\n", "h".repeat(value_len));
        Reply {
            head: b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n".to_vec(),
            body: Body::Stream {
                prefix: Vec::new(),
                total: count.saturating_mul(line.len() as u64),
                filler: line.into_bytes(),
                suffix: b"Content-Length: 2\r\nConnection: close\r\n\r\n{}".to_vec(),
                chunked: false,
            },
        }
    }
}

type Route = dyn Fn(&str) -> Reply + Send + Sync;

/// The running server; it stops with the test process.
pub(crate) struct HostileServer {
    pub(crate) addr: SocketAddr,
    paths: Arc<Mutex<Vec<String>>>,
}

impl HostileServer {
    /// Serves `reply` to every request until the test process ends.
    pub(crate) fn start(reply: Reply) -> HostileServer {
        HostileServer::routed(move |_| reply.clone())
    }

    /// Serves each request what `route` returns for it (given the request as text, head and
    /// body), until the test process ends.
    pub(crate) fn routed(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> HostileServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let paths = Arc::new(Mutex::new(Vec::new()));
        let seen = paths.clone();
        let route: Arc<Route> = Arc::new(route);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                while let Ok((socket, _)) = listener.accept().await {
                    let (route, seen) = (route.clone(), seen.clone());
                    tokio::spawn(async move {
                        let _ = serve(socket, &*route, &seen).await;
                    });
                }
            });
        });
        HostileServer { addr, paths }
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The request targets (`GET /path`) seen so far.
    pub(crate) fn requests(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

/// Reads one request (head and declared body, so that closing does not reset the
/// connection under the reply), then writes the reply.
async fn serve(
    mut socket: TcpStream,
    route: &Route,
    seen: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            return Ok(());
        }
        request.extend_from_slice(&buf[..n]);
        if let Some(at) = request.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        if request.len() > 1 << 20 {
            return Ok(());
        }
    };
    let head = String::from_utf8_lossy(&request[..head_end]).into_owned();
    let first = head.lines().next().unwrap_or_default();
    seen.lock()
        .unwrap()
        .push(first.rsplit_once(' ').map_or(first, |(t, _)| t).to_owned());
    let declared: usize = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse().ok())
        .unwrap_or(0);
    while request.len() - head_end < declared.min(1 << 20) {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        request.extend_from_slice(&buf[..n]);
    }
    let reply = route(&String::from_utf8_lossy(&request));

    socket.write_all(&reply.head).await?;
    match reply.body {
        Body::Fixed(bytes) => socket.write_all(&bytes).await?,
        Body::None => {}
        Body::Stream {
            prefix,
            filler,
            total,
            suffix,
            chunked,
        } => {
            write_stream(&mut socket, chunked, &prefix, &filler, total).await?;
            socket.write_all(&suffix).await?;
        }
    }
    socket.shutdown().await
}

/// Writes `prefix` then `filler` until `total` bytes, in 64 KiB pieces built once.
async fn write_stream(
    socket: &mut TcpStream,
    chunked: bool,
    prefix: &[u8],
    filler: &[u8],
    total: u64,
) -> std::io::Result<()> {
    let mut piece = Vec::with_capacity(64 * 1024 + filler.len());
    while piece.len() < 64 * 1024 {
        piece.extend_from_slice(filler);
    }
    let mut sent = 0u64;
    let mut write = async |bytes: &[u8]| -> std::io::Result<()> {
        if bytes.is_empty() {
            return Ok(());
        }
        if chunked {
            let mut framed = Vec::with_capacity(bytes.len() + 16);
            write!(framed, "{:x}\r\n", bytes.len())?;
            framed.extend_from_slice(bytes);
            framed.extend_from_slice(b"\r\n");
            socket.write_all(&framed).await
        } else {
            socket.write_all(bytes).await
        }
    };
    write(prefix).await?;
    sent += prefix.len() as u64;
    while sent < total {
        let left = usize::try_from(total - sent).unwrap_or(usize::MAX);
        let bytes = &piece[..piece.len().min(left)];
        write(bytes).await?;
        sent += bytes.len() as u64;
    }
    if chunked {
        socket.write_all(b"0\r\n\r\n").await?;
    }
    Ok(())
}
