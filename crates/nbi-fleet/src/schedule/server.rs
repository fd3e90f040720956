//! The daemon's HTTP side: `GET /metrics` (nbi-core's scrape handler) and `GET /healthz`.

use std::future::Future;
use std::net::SocketAddr;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use nbi_core::Metrics;
use tokio::net::TcpListener;

use super::health::HealthState;
use crate::error::{Error, ErrorKind, Result};

/// A router answering `GET /metrics` (OpenMetrics text) and `GET /healthz` (JSON, HTTP 200
/// while starting or when the last run ran, 503 when it could not run at all).
pub fn health_router(metrics: Metrics, health: HealthState) -> Router {
    let healthz = Router::new()
        .route("/healthz", get(healthz))
        .with_state(health);
    nbi_core::telemetry::metrics_router(metrics).merge(healthz)
}

async fn healthz(State(health): State<HealthState>) -> Response {
    let report = health.report();
    let status = if report.is_serving {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(report)).into_response()
}

/// The listening socket of `/metrics` and `/healthz`, bound before serving so the address is
/// known (and a port clash reported) before the first run.
#[derive(Debug)]
pub struct HealthServer {
    listener: TcpListener,
    local_addr: SocketAddr,
}

impl HealthServer {
    /// Binds `listen` (`[settings.metrics] listen`; port 0 picks a free one). An address that
    /// cannot be bound is an [`ErrorKind::Io`] error naming the setting.
    pub async fn bind(listen: SocketAddr) -> Result<HealthServer> {
        let cannot_listen = |e: std::io::Error| {
            Error::new(
                ErrorKind::Io,
                format!("settings.metrics.listen: cannot listen on {listen}"),
            )
            .with_source(e)
        };
        let listener = TcpListener::bind(listen).await.map_err(cannot_listen)?;
        let local_addr = listener.local_addr().map_err(cannot_listen)?;
        Ok(HealthServer {
            listener,
            local_addr,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve(
        self,
        metrics: Metrics,
        health: HealthState,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<()> {
        tracing::info!(
            target: "nbi::fleet::schedule",
            address = %self.local_addr,
            "serving /metrics and /healthz"
        );
        axum::serve(self.listener, health_router(metrics, health))
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::new(ErrorKind::Io, "health server failed").with_source(e))
    }
}

/// Binds `listen` and serves `/metrics` and `/healthz` until `shutdown` completes.
pub async fn serve_health(
    listen: SocketAddr,
    metrics: Metrics,
    health: HealthState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    HealthServer::bind(listen)
        .await?
        .serve(metrics, health, shutdown)
        .await
}
