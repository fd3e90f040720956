//! Local validation of request bodies against the spec's schema constraints, so a bad request
//! fails with every broken field named before anything is sent.

use crate::error::{FieldIssue, invalid};
use crate::models::{
    DeploymentRequest, PerformanceTestConfig, PlanRequest, QoSIntentRequest, SliceType,
    SubscriptionRequest, TnAgentRequest, TnSliceConfig, VnfRequest, VnfType, WebhookEvent,
};
use nbi_core::Result;

/// A request body that knows its constraints.
pub(crate) trait Validate {
    /// Records every broken constraint into `c`.
    fn check(&self, c: &mut Checker);
}

/// Checks `body`; an error of kind `Validation` naming each broken field.
pub(crate) fn validated<T: Validate + ?Sized>(body: &T) -> Result<()> {
    let mut c = Checker::default();
    body.check(&mut c);
    if c.issues.is_empty() {
        Ok(())
    } else {
        Err(invalid(c.issues))
    }
}

/// Collects broken constraints, naming fields under a prefix (`intents[2].`).
#[derive(Debug, Default)]
pub(crate) struct Checker {
    prefix: String,
    issues: Vec<FieldIssue>,
}

impl Checker {
    fn push(&mut self, field: &str, message: String, code: &str) {
        let field = format!("{}{field}", self.prefix);
        self.issues.push(FieldIssue {
            message: format!("{field} {message}"),
            field,
            code: Some(code.to_owned()),
        });
    }

    pub(crate) fn range(&mut self, field: &str, v: f64, min: f64, max: Option<f64>) {
        if v.is_nan() || v < min || max.is_some_and(|max| v > max) {
            let message = match max {
                Some(max) => format!("must be between {min} and {max}"),
                None => format!("must be at least {min}"),
            };
            self.push(field, message, "RANGE_ERROR");
        }
    }

    pub(crate) fn range_opt(&mut self, field: &str, v: Option<f64>, min: f64, max: Option<f64>) {
        if let Some(v) = v {
            self.range(field, v, min, max);
        }
    }

    pub(crate) fn length(&mut self, field: &str, v: &str, min: usize, max: usize) {
        let n = v.chars().count();
        if n == 0 && min > 0 {
            self.push(field, "is required".into(), "REQUIRED");
        } else if n < min || n > max {
            self.push(
                field,
                format!("must be {min} to {max} characters long"),
                "LENGTH_ERROR",
            );
        }
    }

    pub(crate) fn required<T>(&mut self, field: &str, v: &Option<T>) {
        if v.is_none() {
            self.push(field, "is required".into(), "REQUIRED");
        }
    }

    /// A value the API defines (an `Other` one was not in the spec's enum).
    pub(crate) fn known(&mut self, field: &str, value: &str, known: &[&str]) {
        if !known.contains(&value) {
            self.push(
                field,
                format!("must be one of {}", known.join(", ")),
                "ENUM_ERROR",
            );
        }
    }

    pub(crate) fn dns_label(&mut self, field: &str, v: &str) {
        let b = v.as_bytes();
        let inner = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        let ok = b.is_empty()
            || (b.first().is_some_and(inner)
                && b.last().is_some_and(inner)
                && b.iter().all(|c| inner(c) || *c == b'-'));
        if !ok {
            self.push(
                field,
                "must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$".into(),
                "PATTERN_ERROR",
            );
        }
    }

    pub(crate) fn uri(&mut self, field: &str, v: &str) {
        if v.is_empty() {
            return self.push(field, "is required".into(), "REQUIRED");
        }
        if url::Url::parse(v).is_err() {
            self.push(field, "must be an absolute URI".into(), "FORMAT_ERROR");
        }
    }

    /// Checks `inner` with its fields named `field.x`.
    pub(crate) fn nested(&mut self, field: &str, inner: &dyn Validate) {
        let saved = std::mem::take(&mut self.prefix);
        self.prefix = format!("{saved}{field}.");
        inner.check(self);
        self.prefix = saved;
    }
}

fn slice_type(c: &mut Checker, field: &str, v: &Option<SliceType>, required: bool) {
    match v {
        None if required => c.required(field, v),
        None => {}
        Some(t) => c.known(field, t.as_str(), SliceType::known()),
    }
}

impl Validate for QoSIntentRequest {
    fn check(&self, c: &mut Checker) {
        c.range("bandwidth", self.bandwidth, 1.0, Some(10_000.0));
        c.range("latency", self.latency, 1.0, Some(1_000.0));
        slice_type(c, "slice_type", &self.slice_type, true);
        c.range_opt("jitter", self.jitter, 0.0, Some(100.0));
        c.range_opt("packet_loss", self.packet_loss, 0.0, Some(1.0));
        c.range_opt("reliability", self.reliability, 0.95, Some(0.99999));
    }
}

impl Validate for PlanRequest {
    fn check(&self, c: &mut Checker) {
        if self.intents.is_empty() {
            c.push(
                "intents",
                "must list at least one QoS intent".into(),
                "REQUIRED",
            );
        }
        for (i, intent) in self.intents.iter().enumerate() {
            c.nested(&format!("intents[{i}]"), intent);
        }
    }
}

impl Validate for VnfRequest {
    fn check(&self, c: &mut Checker) {
        c.length("name", &self.name, 1, 63);
        c.dns_label("name", &self.name);
        match &self.vnf_type {
            None => c.required("type", &self.vnf_type),
            Some(t) => c.known("type", t.as_str(), VnfType::known()),
        }
        c.length("version", &self.version, 1, 255);
        let q = &self.qos;
        c.range("qos.bandwidth", q.bandwidth, 1.0, Some(5_000.0));
        c.range("qos.latency", q.latency, 1.0, Some(1_000.0));
        c.range_opt("qos.jitter", q.jitter, 0.0, Some(100.0));
        c.range_opt("qos.packet_loss", q.packet_loss, 0.0, Some(1.0));
        c.range_opt("qos.reliability", q.reliability, 0.95, Some(0.99999));
        slice_type(c, "qos.slice_type", &q.slice_type, false);
        match &self.placement.cloud_type {
            None => c.required("placement.cloud_type", &self.placement.cloud_type),
            Some(t) => c.known(
                "placement.cloud_type",
                t.as_str(),
                crate::CloudType::known(),
            ),
        }
        for (i, rule) in self.placement.affinity_rules.iter().enumerate() {
            let at = format!("placement.affinity_rules[{i}]");
            c.known(
                &format!("{at}.type"),
                &rule.kind,
                &["affinity", "anti-affinity"],
            );
            c.known(
                &format!("{at}.scope"),
                &rule.scope,
                &["host", "rack", "zone", "region"],
            );
        }
        if let Some(r) = &self.resources {
            let at_least_one = |c: &mut Checker, f: &str, v: Option<u32>| {
                c.range_opt(f, v.map(f64::from), 1.0, None);
            };
            at_least_one(c, "resources.cpu_cores", r.cpu_cores);
            at_least_one(c, "resources.memory_gb", r.memory_gb);
            at_least_one(c, "resources.storage_gb", r.storage_gb);
            if let Some(gpu) = &r.gpu {
                at_least_one(c, "resources.gpu.count", Some(gpu.count));
            }
        }
        c.length("image.repository", &self.image.repository, 1, 1024);
        c.length("image.tag", &self.image.tag, 1, 128);
        if let Some(p) = &self.image.pull_policy {
            c.known("image.pull_policy", p, &["Always", "IfNotPresent", "Never"]);
        }
    }
}

impl Validate for TnAgentRequest {
    fn check(&self, c: &mut Checker) {
        c.length("name", &self.name, 1, 63);
        c.uri("endpoint", &self.endpoint);
    }
}

impl Validate for TnSliceConfig {
    fn check(&self, c: &mut Checker) {
        c.length("slice_id", &self.slice_id, 1, 255);
        c.range("bandwidth_mbps", self.bandwidth_mbps, 1.0, None);
        c.range_opt("vlan_id", self.vlan_id.map(f64::from), 1.0, Some(4094.0));
        slice_type(c, "qos_class", &self.qos_class, false);
        c.range_opt("priority", self.priority.map(f64::from), 1.0, Some(8.0));
        c.range_opt("latency_budget_ms", self.latency_budget_ms, 1.0, None);
    }
}

impl Validate for PerformanceTestConfig {
    fn check(&self, c: &mut Checker) {
        c.length("test_id", &self.test_id, 1, 255);
        c.range(
            "duration_seconds",
            f64::from(self.duration_seconds),
            1.0,
            Some(3600.0),
        );
        c.range_opt("bandwidth_mbps", self.bandwidth_mbps, 1.0, None);
        c.range_opt(
            "packet_size",
            self.packet_size.map(f64::from),
            64.0,
            Some(9000.0),
        );
    }
}

impl Validate for DeploymentRequest {
    fn check(&self, c: &mut Checker) {
        c.length("name", &self.name, 1, 255);
        c.length(
            "nf_deployment_descriptor_id",
            &self.nf_deployment_descriptor_id,
            1,
            255,
        );
    }
}

impl Validate for SubscriptionRequest {
    fn check(&self, c: &mut Checker) {
        c.uri("url", &self.url);
        c.length("secret", &self.secret, 1, 1024);
        if self.events.is_empty() {
            c.push("events", "must list at least one event".into(), "REQUIRED");
        }
        for (i, e) in self.events.iter().enumerate() {
            c.known(&format!("events[{i}]"), e.as_str(), WebhookEvent::known());
        }
    }
}

/// `validate()` on each request body, so callers can refuse bad input before any call is
/// made (the client runs the same checks before sending).
macro_rules! public_validate {
    ($($model:ty),+ $(,)?) => {$(
        impl $model {
            /// Checks the body against the spec's constraints: an error of kind `Validation`
            /// naming every broken field ([`ManoErrorExt::field_issues`](crate::ManoErrorExt)).
            pub fn validate(&self) -> Result<()> {
                validated(self)
            }
        }
    )+};
}

public_validate!(
    QoSIntentRequest,
    PlanRequest,
    VnfRequest,
    TnAgentRequest,
    TnSliceConfig,
    PerformanceTestConfig,
    DeploymentRequest,
    SubscriptionRequest,
);

/// `replicas` of a scale request, 0–100.
pub(crate) fn replicas(replicas: u32) -> Result<()> {
    let mut c = Checker::default();
    c.range("replicas", f64::from(replicas), 0.0, Some(100.0));
    if c.issues.is_empty() {
        Ok(())
    } else {
        Err(invalid(c.issues))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ManoErrorExt;

    #[test]
    fn every_broken_intent_field_is_named() {
        let bad = QoSIntentRequest {
            bandwidth: 20_000.0,
            latency: 0.5,
            slice_type: Some(SliceType::Other("6G".into())),
            reliability: Some(0.9),
            ..Default::default()
        };
        let err = validated(&bad).unwrap_err();
        assert_eq!(err.kind(), nbi_core::ErrorKind::Validation);
        let fields: Vec<_> = err.field_issues().into_iter().map(|f| f.field).collect();
        assert_eq!(
            fields,
            ["bandwidth", "latency", "slice_type", "reliability"]
        );
        assert!(validated(&QoSIntentRequest::new(10_000.0, 1.0, SliceType::Miot)).is_ok());
    }

    #[test]
    fn plan_items_are_named_by_index() {
        let plan = PlanRequest {
            intents: vec![
                QoSIntentRequest::new(10.0, 10.0, SliceType::Embb),
                QoSIntentRequest::new(10.0, 1001.0, SliceType::Embb),
            ],
            dry_run: None,
        };
        let err = validated(&plan).unwrap_err();
        assert_eq!(err.field_issues()[0].field, "intents[1].latency");
    }
}
