//! Prometheus metrics of every call, with names and labels fixed by the design (see the
//! [module docs](super)).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

/// Upper bounds (seconds) for call durations: 1 ms to 60 s.
const REQUEST_BUCKETS: [f64; 15] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
];

/// Upper bounds (seconds) for whole fleet runs: 1 s to 1 h.
const FLEET_RUN_BUCKETS: [f64; 10] = [
    1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0,
];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    service: String,
    tenant: String,
    operation: String,
    status: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OperationLabels {
    service: String,
    tenant: String,
    operation: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ServiceLabels {
    service: String,
    tenant: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct FleetDeviceLabels {
    tenant: String,
    outcome: String,
}

type HistogramFamily<L> = Family<L, Histogram, fn() -> Histogram>;

fn request_histogram() -> Histogram {
    Histogram::new(REQUEST_BUCKETS)
}

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: HistogramFamily<OperationLabels>,
    retries: Family<OperationLabels, Counter>,
    circuit_state: Family<ServiceLabels, Gauge>,
    inflight: Family<ServiceLabels, Gauge>,
    fleet_devices: Family<FleetDeviceLabels, Counter>,
    fleet_run: Histogram,
}

/// Every nbi metric in its own registry. Cloning is cheap and shares the values.
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

impl Metrics {
    /// A registry with every nbi metric family registered (and no series yet).
    pub fn new() -> Self {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        let durations = HistogramFamily::<OperationLabels>::new_with_constructor(
            request_histogram as fn() -> Histogram,
        );
        let retries = Family::<OperationLabels, Counter>::default();
        let circuit_state = Family::<ServiceLabels, Gauge>::default();
        let inflight = Family::<ServiceLabels, Gauge>::default();
        let fleet_devices = Family::<FleetDeviceLabels, Counter>::default();
        let fleet_run = Histogram::new(FLEET_RUN_BUCKETS);

        registry.register(
            "nbi_requests",
            "Finished calls by service, tenant, operation and final status",
            requests.clone(),
        );
        registry.register(
            "nbi_request_duration_seconds",
            "Time from the start of a call to its outcome, retries included",
            durations.clone(),
        );
        registry.register(
            "nbi_retries",
            "Attempts after the first, by service, tenant and operation",
            retries.clone(),
        );
        registry.register(
            "nbi_circuit_state",
            "Circuit breaker state: 0 closed, 1 half-open, 2 open",
            circuit_state.clone(),
        );
        registry.register(
            "nbi_inflight",
            "Calls in progress by service and tenant",
            inflight.clone(),
        );
        registry.register(
            "nbi_fleet_devices",
            "Devices processed by fleet runs, by tenant and outcome",
            fleet_devices.clone(),
        );
        registry.register(
            "nbi_fleet_run_duration_seconds",
            "Duration of whole fleet runs",
            fleet_run.clone(),
        );

        Metrics {
            inner: Arc::new(Inner {
                registry,
                requests,
                durations,
                retries,
                circuit_state,
                inflight,
                fleet_devices,
                fleet_run,
            }),
        }
    }

    /// Records one finished call: `status` is the HTTP code as text (`"200"`) or an error kind
    /// (`timeout`, `connect`, `circuit_open`, …).
    pub fn request(
        &self,
        service: &str,
        tenant: &str,
        operation: &str,
        status: &str,
        duration: Duration,
    ) {
        let op = operation_labels(service, tenant, operation);
        self.inner
            .durations
            .get_or_create(&op)
            .observe(duration.as_secs_f64());
        let labels = RequestLabels {
            service: op.service,
            tenant: op.tenant,
            operation: op.operation,
            status: status.to_owned(),
        };
        self.inner.requests.get_or_create(&labels).inc();
    }

    /// Records one retry (an attempt after the first).
    pub fn retry(&self, service: &str, tenant: &str, operation: &str) {
        self.inner
            .retries
            .get_or_create(&operation_labels(service, tenant, operation))
            .inc();
    }

    /// Sets the circuit state of a service and tenant: 0 closed, 1 half-open, 2 open.
    pub fn circuit_state(&self, service: &str, tenant: &str, state: i64) {
        self.inner
            .circuit_state
            .get_or_create(&service_labels(service, tenant))
            .set(state);
    }

    /// The in-flight gauge of a (service, tenant), for [`super::EndpointMetrics`].
    pub(crate) fn inflight_gauge(&self, service: &str, tenant: &str) -> Gauge {
        self.inner
            .inflight
            .get_or_create_owned(&service_labels(service, tenant))
    }

    /// The duration histogram of an operation.
    pub(crate) fn duration_histogram(
        &self,
        service: &str,
        tenant: &str,
        operation: &str,
    ) -> Histogram {
        self.inner
            .durations
            .get_or_create_owned(&operation_labels(service, tenant, operation))
    }

    /// The retry counter of an operation.
    pub(crate) fn retries_counter(&self, service: &str, tenant: &str, operation: &str) -> Counter {
        self.inner
            .retries
            .get_or_create_owned(&operation_labels(service, tenant, operation))
    }

    /// The request counter of an (operation, status).
    pub(crate) fn requests_counter(
        &self,
        service: &str,
        tenant: &str,
        operation: &str,
        status: &str,
    ) -> Counter {
        let labels = RequestLabels {
            service: service.to_owned(),
            tenant: tenant.to_owned(),
            operation: operation.to_owned(),
            status: status.to_owned(),
        };
        self.inner.requests.get_or_create_owned(&labels)
    }

    /// Counts a call as in flight until the returned guard is dropped.
    pub fn inflight(&self, service: &str, tenant: &str) -> InflightGuard {
        let gauge = self
            .inner
            .inflight
            .get_or_create_owned(&service_labels(service, tenant));
        gauge.inc();
        InflightGuard { gauge }
    }

    /// Records one device processed by a fleet run, with its outcome (`ok`, `failed`, …).
    pub fn fleet_device(&self, tenant: &str, outcome: &str) {
        let labels = FleetDeviceLabels {
            tenant: tenant.to_owned(),
            outcome: outcome.to_owned(),
        };
        self.inner.fleet_devices.get_or_create(&labels).inc();
    }

    /// Records the duration of one whole fleet run.
    pub fn fleet_run(&self, duration: Duration) {
        self.inner.fleet_run.observe(duration.as_secs_f64());
    }

    /// Every metric in the OpenMetrics text format, ending with `# EOF`.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(4096);
        // Writing into a String cannot fail; a failure could only come from a broken encoder,
        // and a partial page is still better than none.
        if prometheus_client::encoding::text::encode(&mut out, &self.inner.registry).is_err() {
            tracing::warn!("encoding metrics failed; the page is incomplete");
        }
        out
    }
}

fn operation_labels(service: &str, tenant: &str, operation: &str) -> OperationLabels {
    OperationLabels {
        service: service.to_owned(),
        tenant: tenant.to_owned(),
        operation: operation.to_owned(),
    }
}

fn service_labels(service: &str, tenant: &str) -> ServiceLabels {
    ServiceLabels {
        service: service.to_owned(),
        tenant: tenant.to_owned(),
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl fmt::Debug for Metrics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

/// Keeps a call counted in `nbi_inflight`; dropping it takes the call off.
#[must_use = "the call stops counting as in flight when the guard is dropped"]
#[derive(Debug)]
pub struct InflightGuard {
    gauge: Gauge,
}

impl InflightGuard {
    /// Counts one more in flight on `gauge` until dropped.
    pub(crate) fn new(gauge: Gauge) -> Self {
        gauge.inc();
        InflightGuard { gauge }
    }
}

impl Drop for InflightGuard {
    fn drop(&mut self) {
        self.gauge.dec();
    }
}

#[cfg(test)]
mod tests;
