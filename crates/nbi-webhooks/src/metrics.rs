//! The receiver's Prometheus series, served on `/metrics` after nbi-core's.
//!
//! | Metric (as exported)              | Labels                                             |
//! |-----------------------------------|----------------------------------------------------|
//! | `nbi_webhooks_received_total`     | `scheme`, `outcome` (`accepted`, `duplicate`, or a [`Rejection`](crate::Rejection) name, or `store_error`) |
//! | `nbi_webhooks_handled_total`      | `outcome` (`ok`, `retry`, `failed`)                |

use std::fmt;
use std::sync::Arc;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReceivedLabels {
    scheme: String,
    outcome: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HandledLabels {
    outcome: String,
}

struct Inner {
    registry: Registry,
    received: Family<ReceivedLabels, Counter>,
    handled: Family<HandledLabels, Counter>,
    core: nbi_core::Metrics,
}

/// The receiver's counters, next to nbi-core's registry. Cloning shares the values.
#[derive(Clone)]
pub struct WebhookMetrics {
    inner: Arc<Inner>,
}

impl WebhookMetrics {
    /// Counters registered beside `core` (whose series `/metrics` serves first).
    pub fn new(core: nbi_core::Metrics) -> Self {
        let mut registry = Registry::default();
        let received = Family::<ReceivedLabels, Counter>::default();
        let handled = Family::<HandledLabels, Counter>::default();
        registry.register(
            "nbi_webhooks_received",
            "Webhook deliveries by scheme and outcome",
            received.clone(),
        );
        registry.register(
            "nbi_webhooks_handled",
            "Handler attempts by outcome (ok, retry, failed)",
            handled.clone(),
        );
        WebhookMetrics {
            inner: Arc::new(Inner {
                registry,
                received,
                handled,
                core,
            }),
        }
    }

    pub(crate) fn received(&self, scheme: crate::Scheme, outcome: &str) {
        self.inner
            .received
            .get_or_create(&ReceivedLabels {
                scheme: scheme.as_str().to_string(),
                outcome: outcome.to_string(),
            })
            .inc();
    }

    pub(crate) fn handled(&self, outcome: &str) {
        self.inner
            .handled
            .get_or_create(&HandledLabels {
                outcome: outcome.to_string(),
            })
            .inc();
    }

    /// How many deliveries of `scheme` ended with `outcome` so far.
    pub fn received_count(&self, scheme: crate::Scheme, outcome: &str) -> u64 {
        self.inner
            .received
            .get_or_create(&ReceivedLabels {
                scheme: scheme.as_str().to_string(),
                outcome: outcome.to_string(),
            })
            .get()
    }

    /// How many handler attempts ended with `outcome` (`ok`, `retry`, `failed`) so far.
    pub fn handled_count(&self, outcome: &str) -> u64 {
        self.inner
            .handled
            .get_or_create(&HandledLabels {
                outcome: outcome.to_string(),
            })
            .get()
    }

    /// The OpenMetrics page: nbi-core's series, then the receiver's, one `# EOF`.
    pub fn encode(&self) -> String {
        let core = self.inner.core.encode();
        let mut out = core
            .strip_suffix("# EOF\n")
            .map_or(core.clone(), str::to_string);
        if prometheus_client::encoding::text::encode(&mut out, &self.inner.registry).is_err() {
            tracing::warn!(target: "nbi::webhooks", "encoding metrics failed; the page is incomplete");
        }
        out
    }
}

impl fmt::Debug for WebhookMetrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookMetrics")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scheme;

    #[test]
    fn one_page_holds_both_registries_and_one_eof() {
        let core = nbi_core::Metrics::new();
        core.request(
            "mano",
            "acme",
            "get_intent",
            "200",
            std::time::Duration::from_millis(3),
        );
        let metrics = WebhookMetrics::new(core);
        metrics.received(Scheme::Mano, "accepted");
        metrics.received(Scheme::Mano, "accepted");
        metrics.handled("failed");
        let page = metrics.encode();
        assert!(
            page.contains(r#"nbi_webhooks_received_total{scheme="mano",outcome="accepted"} 2"#),
            "{page}"
        );
        assert!(page.contains(r#"nbi_webhooks_handled_total{outcome="failed"} 1"#));
        assert!(
            page.contains("nbi_requests_total{service=\"mano\""),
            "{page}"
        );
        assert_eq!(page.matches("# EOF").count(), 1);
        assert!(page.ends_with("# EOF\n"));
        assert_eq!(metrics.received_count(Scheme::Mano, "accepted"), 2);
    }
}
