//! `nbi webhooks serve`: receive signed webhooks until SIGINT or SIGTERM, appending each
//! accepted event to `out` as one JSON line.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use async_trait::async_trait;
use clap::{Args, Subcommand};
use nbi_webhooks::{
    Delivery, DeliveryStore, Handler, HandlerError, JsonLinesFile, WebhookServer, WebhookSettings,
};
use serde_json::json;
use tokio_util::sync::CancellationToken;

use super::Context;
use super::signal::{runtime, wait_for_stop_signal};
use crate::exit::{Outcome, UsageError};
use crate::output::Output;

/// How long handlers still running at shutdown may take; what is left stays pending in the
/// store and is handled at the next start.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// `nbi webhooks …`
#[derive(Debug, Subcommand)]
pub(crate) enum WebhooksCommand {
    /// Receive signed webhooks (settings in [webhooks]) until SIGINT/SIGTERM; each accepted
    /// event is appended to `out` as a JSON line {id, type, received_at, payload}.
    #[command(
        after_help = "Example settings:\n  [webhooks]\n  scheme = \"mano\"                  # or \"standard\"\n  secret = { env = \"MANO_WEBHOOK_SECRET\" }\n  out = \"events.jsonl\"\n\nExample:\n  nbi webhooks serve --listen 0.0.0.0:8088 --out /var/lib/nbi/events.jsonl"
    )]
    Serve(ServeArgs),
}

/// `nbi webhooks serve …`
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on (default: [webhooks] listen, else 127.0.0.1:8088).
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// The JSON-lines file accepted events are appended to (default: [webhooks] out).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub(crate) fn run(command: WebhooksCommand, ctx: &Context) -> anyhow::Result<Outcome> {
    match command {
        WebhooksCommand::Serve(args) => serve(args, ctx),
    }
}

fn serve(args: ServeArgs, ctx: &Context) -> anyhow::Result<Outcome> {
    let loaded = ctx.settings()?;
    let mut settings: WebhookSettings = loaded.section("webhooks")?.ok_or_else(|| {
        UsageError(
            "webhooks: no [webhooks] table in the settings; add scheme = \"mano\" and secret = { env = \"…\" }"
                .into(),
        )
    })?;
    let base_dir = loaded.settings.base_dir.clone();
    if let Some(out) = args.out {
        // A flag's relative path is the user's working folder's, as for any command line.
        settings.out = Some(std::env::current_dir()?.join(out));
    }
    let out = settings.out.as_ref().map(|p| base_dir.join(p));
    let listen = args.listen.unwrap_or(settings.listen);
    let ops_listen = loaded.settings.settings.metrics.as_ref().map(|m| m.listen);
    let builder = settings.receiver_builder().map_err(settings_error)?;
    let store_path = settings.store_path(&base_dir);
    let output = ctx.output;

    runtime()?.block_on(async move {
        let store = DeliveryStore::open(&store_path)?;
        let out = out.map(JsonLinesFile::open).transpose()?;
        let receiver = builder
            .dedupe(store)
            .handler(EventPrinter { out, output })
            .metrics(nbi_core::Metrics::new())
            .build()
            .map_err(settings_error)?;
        let server = WebhookServer::bind(listen, "webhooks.listen").await?;
        let stop = CancellationToken::new();
        let mut router = receiver.router();
        let ops = match ops_listen {
            Some(addr) => {
                let ops = WebhookServer::bind(addr, "settings.metrics.listen").await?;
                tracing::info!(target: "nbi::webhooks", address = %ops.local_addr(), "serving /metrics and /healthz");
                Some(tokio::spawn(ops.serve(receiver.ops_router(), stop.clone().cancelled_owned())))
            }
            None => {
                router = router.merge(receiver.ops_router());
                None
            }
        };
        let address = server.local_addr();
        let serving = tokio::spawn(server.serve(router, stop.clone().cancelled_owned()));
        // Whatever --output says, tools wait for this line to know the receiver listens.
        output.json_line(&json!({ "listen": address.to_string(), "path": receiver.path() }))?;
        let resumed = receiver.redeliver_pending().await?;
        if resumed > 0 {
            tracing::info!(target: "nbi::webhooks", resumed, "handling deliveries accepted before the last stop");
        }
        tracing::info!(target: "nbi::webhooks", %address, store = %store_path.display(), "receiving; stop with SIGINT or SIGTERM");

        let stopped = tokio::select! {
            signal = wait_for_stop_signal() => signal,
            result = wait_server(serving) => return result.map(|()| Outcome::Failed),
        };
        stopped?;
        stop.cancel();
        if let Some(ops) = ops {
            let _ = ops.await;
        }
        if tokio::time::timeout(DRAIN_TIMEOUT, receiver.drain()).await.is_err() {
            tracing::warn!(target: "nbi::webhooks", "handlers still running at stop; they resume at the next start");
        }
        tracing::info!(target: "nbi::webhooks", "stopped");
        // Stopping is how a receiver ends: success.
        Ok(Outcome::Success)
    })
}

/// Waits for the server task; it ends only if serving failed.
async fn wait_server(
    serving: tokio::task::JoinHandle<nbi_webhooks::Result<()>>,
) -> anyhow::Result<()> {
    serving
        .await
        .context("the webhook server stopped")?
        .context("the webhook server stopped")
}

/// Bad settings exit 2 with the field named.
fn settings_error(e: nbi_webhooks::Error) -> anyhow::Error {
    match e.kind() {
        nbi_webhooks::ErrorKind::Config => UsageError(e.to_string()).into(),
        _ => e.into(),
    }
}

/// Appends each event to `out` and reports it on stdout (the JSON line with --output json).
#[derive(Debug)]
struct EventPrinter {
    out: Option<JsonLinesFile>,
    output: Output,
}

#[async_trait]
impl Handler for EventPrinter {
    async fn handle(&self, delivery: &Delivery) -> Result<(), HandlerError> {
        if let Some(out) = &self.out {
            out.handle(delivery).await?;
        }
        let printed = if self.output.is_json() {
            self.output.json_line(&delivery.line())
        } else {
            let line = delivery.line();
            self.output.text(&format!(
                "{} {} {}",
                line.received_at, line.event_type, line.id
            ))
        };
        // stdout going away must not turn into a retry that appends the event twice.
        if let Err(e) = printed {
            tracing::warn!(target: "nbi::webhooks", error = %e, "could not print an event");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_error_is_a_usage_error() {
        let e = settings_error(nbi_webhooks::Error::config("webhooks.secret", "not set"));
        assert!(e.downcast_ref::<UsageError>().is_some());
    }
}
