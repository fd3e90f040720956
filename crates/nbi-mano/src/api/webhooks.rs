//! [`WebhooksApi`]: the guide's webhook subscriptions.

use nbi_core::{Mode, RequestSpec};
use serde::Deserialize;

use crate::client::Client;
use crate::endpoint::*;
use crate::models::{Subscription, SubscriptionRequest};
use crate::validate::validated;

/// `/webhooks/subscriptions`.
#[derive(Debug, Clone)]
pub struct WebhooksApi<M: Mode> {
    client: Client<M>,
}

#[derive(Deserialize)]
struct Subscriptions {
    #[serde(default)]
    subscriptions: Vec<Subscription>,
}

impl<M: Mode> WebhooksApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        WebhooksApi { client }
    }

    /// `POST /webhooks/subscriptions` (201 `{id}`), after local validation.
    pub fn subscribe(&self, subscription: &SubscriptionRequest) -> M::Output<Subscription> {
        if let Err(e) = validated(subscription) {
            return self.client.fail(e);
        }
        self.client
            .json(RequestSpec::post(SUBSCRIBE, SUBSCRIPTIONS).json(subscription))
    }

    /// `GET /webhooks/subscriptions`.
    pub fn list(&self) -> M::Output<Vec<Subscription>> {
        let inner = self.client.inner();
        self.client.run(Box::pin(async move {
            let all: Subscriptions = inner
                .json(RequestSpec::get(LIST_SUBSCRIPTIONS, SUBSCRIPTIONS))
                .await?;
            Ok(all.subscriptions)
        }))
    }

    /// `DELETE /webhooks/subscriptions/{id}`.
    pub fn unsubscribe(&self, id: &str) -> M::Output<()> {
        self.client
            .empty(RequestSpec::delete(UNSUBSCRIBE, SUBSCRIPTION).path_param("subscriptionId", id))
    }
}
