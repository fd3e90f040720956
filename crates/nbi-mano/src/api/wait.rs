//! Watching a deployment: [`WaitForDeployment`] (poll to the end, with progress, a total
//! timeout and cancellation) and the stream of [`DeploymentEvent`]s.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::stream::{self, BoxStream, StreamExt};
use nbi_core::{Mode, RequestSpec, Result};
use serde::Serialize;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::client::{Client, Inner};
use crate::endpoint::{DEPLOYMENT, GET_DEPLOYMENT};
use crate::error::{StopReason, wait_stopped};
use crate::models::{DeploymentState, DeploymentStatus};

/// The guide's polling interval and overall limit.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// Called with every status polled.
type ProgressFn = Arc<dyn Fn(&DeploymentStatus) + Send + Sync>;

/// Polls a deployment every `interval` (default 5 s) until it is `completed` — returned as
/// `Ok` — or `failed` / `cancelled`, past `timeout` (default 30 min) or cancelled by the token:
/// each an error with [`ManoErrorKind::DeploymentNotCompleted`](crate::ManoErrorKind) and the
/// last status in [`ManoErrorExt::deployment_status`](crate::ManoErrorExt). A transient
/// failure of one poll (5xx, timeout, connection) is retried at the next; any other ends the
/// wait.
#[must_use]
pub struct WaitForDeployment<M: Mode> {
    client: Client<M>,
    id: String,
    interval: Duration,
    timeout: Duration,
    cancel: Option<CancellationToken>,
    on_progress: Option<ProgressFn>,
}

impl<M: Mode> fmt::Debug for WaitForDeployment<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitForDeployment")
            .field("id", &self.id)
            .field("interval", &self.interval)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl<M: Mode> WaitForDeployment<M> {
    pub(crate) fn new(client: Client<M>, id: &str) -> Self {
        WaitForDeployment {
            client,
            id: id.to_owned(),
            interval: DEFAULT_INTERVAL,
            timeout: DEFAULT_TIMEOUT,
            cancel: None,
            on_progress: None,
        }
    }

    /// Time between polls.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval.max(Duration::from_millis(1));
        self
    }

    /// The whole wait's limit.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Stops the wait when `token` is cancelled (the deployment itself goes on).
    pub fn cancel_on(mut self, token: CancellationToken) -> Self {
        self.cancel = Some(token);
        self
    }

    /// Calls `progress` with every status polled.
    pub fn on_progress(
        mut self,
        progress: impl Fn(&DeploymentStatus) + Send + Sync + 'static,
    ) -> Self {
        self.on_progress = Some(Arc::new(progress));
        self
    }

    /// Waits.
    pub fn send(self) -> M::Output<DeploymentStatus> {
        let inner = self.client.inner();
        let cancel = self.cancel.unwrap_or_default();
        let (id, interval, timeout, progress) =
            (self.id, self.interval, self.timeout, self.on_progress);
        self.client.run(Box::pin(async move {
            let deadline = Instant::now() + timeout;
            let mut last: Option<DeploymentStatus> = None;
            loop {
                let polled = tokio::select! {
                    _ = cancel.cancelled() => return Err(wait_stopped(&id, StopReason::Cancelled, last)),
                    _ = tokio::time::sleep_until(deadline) => return Err(wait_stopped(&id, StopReason::TimedOut, last)),
                    polled = poll(&inner, &id) => polled,
                };
                match polled {
                    Ok(status) => {
                        if let Some(progress) = &progress {
                            progress(&status);
                        }
                        match status.status {
                            DeploymentState::Completed => return Ok(status),
                            ref s if s.is_terminal() => {
                                return Err(wait_stopped(&id, StopReason::Failed, Some(status)));
                            }
                            _ => last = Some(status),
                        }
                    }
                    Err(e) if e.is_transient() => {
                        tracing::debug!(target: "nbi::mano", error = %e, "deployment poll failed; polling again");
                    }
                    Err(e) => return Err(e),
                }
                tokio::select! {
                    _ = cancel.cancelled() => return Err(wait_stopped(&id, StopReason::Cancelled, last)),
                    _ = tokio::time::sleep_until(deadline) => return Err(wait_stopped(&id, StopReason::TimedOut, last)),
                    _ = tokio::time::sleep(interval) => {}
                }
            }
        }))
    }
}

async fn poll(inner: &Inner, id: &str) -> Result<DeploymentStatus> {
    inner
        .json(RequestSpec::get(GET_DEPLOYMENT, DEPLOYMENT).path_param("deploymentId", id))
        .await
}

/// A change of a deployment's status or progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DeploymentEvent {
    /// The deployment.
    pub deployment_id: String,
    /// The state before the change (`None` for the first event).
    pub previous: Option<DeploymentState>,
    /// The status now.
    pub status: DeploymentStatus,
}

struct Watch {
    inner: Arc<Inner>,
    id: String,
    interval: Duration,
    last: Option<DeploymentStatus>,
    first: bool,
    done: bool,
}

/// The polling stream behind [`OrchestratorApi::deployment_events`](crate::OrchestratorApi).
pub(crate) fn events(
    inner: Arc<Inner>,
    id: String,
    interval: Duration,
) -> BoxStream<'static, Result<DeploymentEvent>> {
    let watch = Watch {
        inner,
        id,
        interval: interval.max(Duration::from_millis(1)),
        last: None,
        first: true,
        done: false,
    };
    stream::unfold(watch, |mut w| async move {
        if w.done {
            return None;
        }
        loop {
            if !w.first {
                tokio::time::sleep(w.interval).await;
            }
            w.first = false;
            let status = match poll(&w.inner, &w.id).await {
                Ok(status) => status,
                Err(e) => {
                    w.done = true;
                    return Some((Err(e), w));
                }
            };
            let changed = w.last.as_ref().is_none_or(|l| {
                l.status != status.status || l.progress_percent != status.progress_percent
            });
            if !changed {
                continue;
            }
            w.done = status.status.is_terminal();
            let event = DeploymentEvent {
                deployment_id: w.id.clone(),
                previous: w.last.as_ref().map(|l| l.status.clone()),
                status: status.clone(),
            };
            w.last = Some(status);
            return Some((Ok(event), w));
        }
    })
    .boxed()
}
