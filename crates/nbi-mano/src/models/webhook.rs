//! Webhook subscriptions (the guide's `/webhooks/subscriptions`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Extra, string_enum};

string_enum! {
    /// An event a subscription can ask for.
    WebhookEvent {
        /// A deployment started.
        DeploymentStarted = "deployment.started",
        /// A deployment completed.
        DeploymentCompleted = "deployment.completed",
        /// A deployment failed.
        DeploymentFailed = "deployment.failed",
        /// A slice was created.
        SliceCreated = "slice.created",
        /// A slice was deployed.
        SliceDeployed = "slice.deployed",
        /// A slice failed.
        SliceFailed = "slice.failed",
        /// A slice was deleted.
        SliceDeleted = "slice.deleted",
    }
}

/// The body of a subscription: `{url, events, secret, active}`.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionRequest {
    /// Where deliveries go.
    pub url: String,
    /// The events to deliver.
    pub events: Vec<WebhookEvent>,
    /// The HMAC key deliveries are signed with.
    pub secret: String,
    /// Whether deliveries are on.
    pub active: bool,
}

impl SubscriptionRequest {
    /// An active subscription of `url` to `events`, signed with `secret`.
    pub fn new(
        url: impl Into<String>,
        events: Vec<WebhookEvent>,
        secret: impl Into<String>,
    ) -> Self {
        SubscriptionRequest {
            url: url.into(),
            events,
            secret: secret.into(),
            active: true,
        }
    }
}

impl fmt::Debug for SubscriptionRequest {
    // The signing secret never reaches a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SubscriptionRequest")
            .field("url", &self.url)
            .field("events", &self.events)
            .field("secret", &"***")
            .field("active", &self.active)
            .finish()
    }
}

/// A subscription as the server keeps it (201 answers `{id}`; listings add the rest).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Subscription {
    /// Its id.
    pub id: String,
    /// Where deliveries go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The events delivered.
    #[serde(default)]
    pub events: Vec<WebhookEvent>,
    /// Whether deliveries are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Fields this client does not model.
    #[serde(flatten)]
    pub extra: Extra,
}
