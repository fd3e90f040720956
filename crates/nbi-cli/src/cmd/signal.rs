//! SIGINT and SIGTERM: how long-running commands are told to stop.

use anyhow::Context as _;
use tokio_util::sync::CancellationToken;

/// Waits for SIGINT (Ctrl-C) or SIGTERM.
pub(crate) async fn wait_for_stop_signal() -> anyhow::Result<()> {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("could not listen for SIGTERM")?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result.context("could not listen for SIGINT")?,
        _ = term.recv() => {}
    }
    Ok(())
}

/// A token cancelled on the first SIGINT or SIGTERM (a task listens in the background).
pub(crate) fn cancel_on_stop_signal() -> CancellationToken {
    let token = CancellationToken::new();
    let cancel = token.clone();
    tokio::spawn(async move {
        match wait_for_stop_signal().await {
            Ok(()) => {
                tracing::warn!(target: "nbi", "stopping: recording what finished");
                cancel.cancel();
            }
            // Without signal handling the command still runs; it just cannot be stopped cleanly.
            Err(e) => tracing::warn!(target: "nbi", error = %e, "no signal handling"),
        }
    });
    token
}

/// A multi-threaded runtime for one command.
pub(crate) fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")
}
