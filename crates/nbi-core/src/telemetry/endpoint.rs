//! Metric handles of one (service, tenant), cached so that the hot path neither allocates label
//! strings nor looks them up in the registry once an (operation, status) has been seen.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;

use super::metrics::{InflightGuard, Metrics};

/// The handles of one operation.
#[derive(Debug, Clone)]
struct OperationHandles {
    duration: Histogram,
    retries: Counter,
    by_status: HashMap<String, Counter>,
}

/// [`Metrics`] bound to one (service, tenant).
#[derive(Debug, Clone)]
pub struct EndpointMetrics {
    metrics: Metrics,
    service: Arc<str>,
    tenant: Arc<str>,
    inflight: Gauge,
    operations: Arc<RwLock<HashMap<String, OperationHandles>>>,
}

impl EndpointMetrics {
    pub(crate) fn new(metrics: Metrics, service: &str, tenant: &str) -> Self {
        let inflight = metrics.inflight_gauge(service, tenant);
        EndpointMetrics {
            metrics,
            service: service.into(),
            tenant: tenant.into(),
            inflight,
            operations: Arc::default(),
        }
    }

    /// The registry these handles belong to.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Counts a call as in flight until the guard drops.
    pub fn inflight(&self) -> InflightGuard {
        InflightGuard::new(self.inflight.clone())
    }

    /// Records a finished call (`nbi_requests_total`, `nbi_request_duration_seconds`).
    pub fn request(&self, operation: &str, status: &str, duration: Duration) {
        let found = {
            let ops = self.read();
            ops.get(operation).map(|h| {
                h.duration.observe(duration.as_secs_f64());
                h.by_status.get(status).map(Counter::inc).is_some()
            })
        };
        match found {
            Some(true) => {}
            // First sight of this operation or status: register it, then count.
            Some(false) | None => {
                let mut ops = self.write();
                let handles = self.handles(&mut ops, operation);
                if found.is_none() {
                    handles.duration.observe(duration.as_secs_f64());
                }
                let counter =
                    self.metrics
                        .requests_counter(&self.service, &self.tenant, operation, status);
                counter.inc();
                handles.by_status.insert(status.to_owned(), counter);
            }
        }
    }

    /// Records one retry.
    pub fn retry(&self, operation: &str) {
        if let Some(h) = self.read().get(operation) {
            h.retries.inc();
            return;
        }
        let mut ops = self.write();
        self.handles(&mut ops, operation).retries.inc();
    }

    fn handles<'a>(
        &self,
        ops: &'a mut HashMap<String, OperationHandles>,
        operation: &str,
    ) -> &'a mut OperationHandles {
        ops.entry(operation.to_owned())
            .or_insert_with(|| OperationHandles {
                duration: self
                    .metrics
                    .duration_histogram(&self.service, &self.tenant, operation),
                retries: self
                    .metrics
                    .retries_counter(&self.service, &self.tenant, operation),
                by_status: HashMap::new(),
            })
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<String, OperationHandles>> {
        // Cached handles only; a panic elsewhere cannot leave them inconsistent.
        self.operations.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, OperationHandles>> {
        self.operations.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_handles_count_into_the_shared_registry() {
        let metrics = Metrics::new();
        let ep = EndpointMetrics::new(metrics.clone(), "netbox", "acme");
        ep.request("list_devices", "200", Duration::from_millis(5));
        ep.request("list_devices", "200", Duration::from_millis(5));
        ep.request("list_devices", "503", Duration::from_millis(5));
        ep.retry("list_devices");
        let _busy = ep.inflight();
        let text = metrics.encode();
        assert!(text.contains(r#"nbi_requests_total{service="netbox",tenant="acme",operation="list_devices",status="200"} 2"#), "{text}");
        assert!(text.contains(r#"status="503"} 1"#));
        assert!(text.contains(r#"nbi_request_duration_seconds_count{service="netbox",tenant="acme",operation="list_devices"} 3"#), "{text}");
        assert!(text.contains(
            r#"nbi_retries_total{service="netbox",tenant="acme",operation="list_devices"} 1"#
        ));
        assert!(text.contains(r#"nbi_inflight{service="netbox",tenant="acme"} 1"#));
    }
}
