//! `nbi mano webhooks …`.

use clap::Subcommand;
use nbi_core::{ExposeSecret, SecretResolver, SecretSource};
use nbi_mano::{SubscriptionRequest, WebhookEvent};
use serde_json::json;

use super::{Done, Mano, ok};
use crate::exit::UsageError;

/// Webhook verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every subscription (secrets are never shown).
    List,
    /// Subscribe a URL to events, signed with the secret read from --secret-file.
    Subscribe {
        /// Where deliveries go.
        #[arg(long)]
        url: String,
        /// The events, comma-separated (deployment.started, slice.deployed, …).
        #[arg(long, value_delimiter = ',', required = true)]
        events: Vec<String>,
        /// A file holding the signing secret (kept off the command line).
        #[arg(long)]
        secret_file: std::path::PathBuf,
        /// Create it inactive.
        #[arg(long)]
        inactive: bool,
    },
    /// Delete a subscription.
    Unsubscribe {
        /// The subscription's id.
        id: String,
    },
}

pub(super) fn run(mano: &Mano, verb: Verb) -> Done {
    let w = mano.webhooks();
    match verb {
        Verb::List => ok(&w.list()?),
        Verb::Subscribe {
            url,
            events,
            secret_file,
            inactive,
        } => {
            let secret = SecretSource::File(secret_file)
                .resolve()
                .map_err(|e| UsageError(format!("--secret-file: {e}")))?;
            let secret = secret.expose_secret().to_owned();
            let events = events
                .iter()
                .map(|e| WebhookEvent::from(e.as_str()))
                .collect();
            let mut request = SubscriptionRequest::new(url, events, secret);
            request.active = !inactive;
            ok(&w.subscribe(&request)?)
        }
        Verb::Unsubscribe { id } => {
            w.unsubscribe(&id)?;
            ok(&json!({ "deleted": id }))
        }
    }
}
