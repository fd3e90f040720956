//! The spec's schema constraints, checked on request bodies; each broken one becomes a
//! `{field, message, code}` of the 422 answer.

use serde_json::Value;

use super::errors::FieldIssue;

pub(super) const SLICE_TYPES: &[&str] = &["eMBB", "uRLLC", "mIoT", "balanced"];
pub(super) const VNF_TYPES: &[&str] = &[
    "UPF", "AMF", "SMF", "PCF", "UDM", "AUSF", "NSSF", "NEF", "NRF", "gNB", "CU", "DU", "RU",
    "RAN", "CN", "TN",
];
pub(super) const EVENTS: &[&str] = &[
    "deployment.started",
    "deployment.completed",
    "deployment.failed",
    "slice.created",
    "slice.deployed",
    "slice.failed",
    "slice.deleted",
];

/// Collects the issues of one body.
pub(super) struct Check<'a> {
    body: &'a Value,
    prefix: String,
    issues: Vec<FieldIssue>,
}

impl<'a> Check<'a> {
    pub(super) fn new(body: &'a Value) -> Self {
        Check {
            body,
            prefix: String::new(),
            issues: Vec::new(),
        }
    }

    /// Checks `body`, naming its fields `prefix` + field (`intents[0].`).
    pub(super) fn at(body: &'a Value, prefix: String) -> Self {
        Check {
            body,
            prefix,
            issues: Vec::new(),
        }
    }

    fn name(&self, field: &str) -> String {
        format!("{}{field}", self.prefix)
    }

    fn issue(&mut self, field: &str, message: String, code: &'static str) {
        let field = self.name(field);
        self.issues.push(FieldIssue {
            message: format!("{field} {message}"),
            field,
            code,
        });
    }

    /// The value of `field`, or an issue when it is required and absent.
    fn get(&mut self, field: &str, required: bool) -> Option<&'a Value> {
        match self.body.get(field) {
            Some(Value::Null) | None => {
                if required {
                    self.issue(field, "is required".into(), "REQUIRED");
                }
                None
            }
            Some(v) => Some(v),
        }
    }

    pub(super) fn number(&mut self, field: &str, min: f64, max: Option<f64>, required: bool) {
        let Some(v) = self.get(field, required) else {
            return;
        };
        let Some(n) = v.as_f64() else {
            return self.issue(field, "must be a number".into(), "TYPE_ERROR");
        };
        let ok = n >= min && max.is_none_or(|max| n <= max);
        if !ok {
            let message = match max {
                Some(max) => format!("must be between {min} and {max}"),
                None => format!("must be at least {min}"),
            };
            self.issue(field, message, "RANGE_ERROR");
        }
    }

    pub(super) fn integer(&mut self, field: &str, min: i64, max: Option<i64>, required: bool) {
        let Some(v) = self.get(field, required) else {
            return;
        };
        let Some(n) = v.as_i64() else {
            return self.issue(field, "must be an integer".into(), "TYPE_ERROR");
        };
        if n < min || max.is_some_and(|max| n > max) {
            let message = match max {
                Some(max) => format!("must be between {min} and {max}"),
                None => format!("must be at least {min}"),
            };
            self.issue(field, message, "RANGE_ERROR");
        }
    }

    pub(super) fn one_of(&mut self, field: &str, allowed: &[&str], required: bool) {
        let Some(v) = self.get(field, required) else {
            return;
        };
        if !v.as_str().is_some_and(|s| allowed.contains(&s)) {
            let message = format!("must be one of {}", allowed.join(", "));
            self.issue(field, message, "ENUM_ERROR");
        }
    }

    pub(super) fn string(&mut self, field: &str, min: usize, max: usize, required: bool) {
        let Some(v) = self.get(field, required) else {
            return;
        };
        let Some(s) = v.as_str() else {
            return self.issue(field, "must be a string".into(), "TYPE_ERROR");
        };
        let len = s.chars().count();
        if len < min || len > max {
            let message = format!("must be {min} to {max} characters long");
            self.issue(field, message, "LENGTH_ERROR");
        }
    }

    /// A lowercase DNS label (`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`).
    pub(super) fn dns_label(&mut self, field: &str) {
        let Some(s) = self.body.get(field).and_then(Value::as_str) else {
            return;
        };
        let bytes = s.as_bytes();
        let inner = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
        let ok = bytes.first().is_some_and(inner)
            && bytes.last().is_some_and(inner)
            && bytes.iter().all(|b| inner(b) || *b == b'-');
        if !ok {
            let message = "must match ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$".into();
            self.issue(field, message, "PATTERN_ERROR");
        }
    }

    pub(super) fn uri(&mut self, field: &str, required: bool) {
        let Some(v) = self.get(field, required) else {
            return;
        };
        let ok = v.as_str().is_some_and(|s| {
            s.split_once("://")
                .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
        });
        if !ok {
            self.issue(field, "must be an absolute URI".into(), "FORMAT_ERROR");
        }
    }

    /// Checks the object at `field` with `check`, its fields named `field.x`.
    pub(super) fn object(&mut self, field: &str, required: bool, check: impl FnOnce(&mut Check)) {
        let Some(v) = self.get(field, required) else {
            return;
        };
        if !v.is_object() {
            return self.issue(field, "must be an object".into(), "TYPE_ERROR");
        }
        let mut nested = Check {
            body: v,
            prefix: self.name(&format!("{field}.")),
            issues: Vec::new(),
        };
        check(&mut nested);
        self.issues.append(&mut nested.issues);
    }

    pub(super) fn finish(self) -> Result<(), Vec<FieldIssue>> {
        if self.issues.is_empty() {
            Ok(())
        } else {
            Err(self.issues)
        }
    }

    pub(super) fn into_issues(self) -> Vec<FieldIssue> {
        self.issues
    }
}

/// `QoSIntentRequest`.
pub(super) fn qos_intent(c: &mut Check) {
    c.number("bandwidth", 1.0, Some(10_000.0), true);
    c.number("latency", 1.0, Some(1_000.0), true);
    c.one_of("slice_type", SLICE_TYPES, true);
    c.number("jitter", 0.0, Some(100.0), false);
    c.number("packet_loss", 0.0, Some(1.0), false);
    c.number("reliability", 0.95, Some(0.99999), false);
}

/// `VNFRequest`.
pub(super) fn vnf_request(c: &mut Check) {
    c.string("name", 1, 63, true);
    c.dns_label("name");
    c.one_of("type", VNF_TYPES, true);
    c.string("version", 1, 255, true);
    c.object("qos", true, |q| {
        q.number("bandwidth", 1.0, Some(5_000.0), true);
        q.number("latency", 1.0, Some(1_000.0), true);
        q.number("jitter", 0.0, Some(100.0), false);
        q.number("packet_loss", 0.0, Some(1.0), false);
        q.number("reliability", 0.95, Some(0.99999), false);
        q.one_of("slice_type", SLICE_TYPES, false);
    });
    c.object("placement", true, |p| {
        p.one_of("cloud_type", &["edge", "regional", "central"], true);
    });
    c.object("resources", false, |r| {
        r.integer("cpu_cores", 1, None, false);
        r.integer("memory_gb", 1, None, false);
        r.integer("storage_gb", 1, None, false);
        r.object("gpu", false, |g| g.integer("count", 1, None, true));
    });
    c.object("image", true, |i| {
        i.string("repository", 1, 1024, true);
        i.string("tag", 1, 128, true);
        i.one_of("pull_policy", &["Always", "IfNotPresent", "Never"], false);
    });
}

/// `TNAgentRequest`.
pub(super) fn tn_agent(c: &mut Check) {
    c.string("name", 1, 63, true);
    c.uri("endpoint", true);
}

/// `TNSliceConfig`.
pub(super) fn tn_slice(c: &mut Check) {
    c.string("slice_id", 1, 255, true);
    c.number("bandwidth_mbps", 1.0, None, true);
    c.integer("vlan_id", 1, Some(4094), false);
    c.one_of("qos_class", SLICE_TYPES, false);
    c.integer("priority", 1, Some(8), false);
    c.number("latency_budget_ms", 1.0, None, false);
}

/// `PerformanceTestConfig`.
pub(super) fn performance_test(c: &mut Check) {
    c.string("test_id", 1, 255, true);
    c.integer("duration_seconds", 1, Some(3600), true);
    c.number("bandwidth_mbps", 1.0, None, false);
    c.integer("packet_size", 64, Some(9000), false);
}

/// `DeploymentRequest`.
pub(super) fn deployment_request(c: &mut Check) {
    c.string("name", 1, 255, true);
    c.string("nf_deployment_descriptor_id", 1, 255, true);
}

/// A webhook subscription: `{url, events, secret, active}`.
pub(super) fn subscription(c: &mut Check, body: &Value) {
    c.uri("url", true);
    c.string("secret", 1, 1024, true);
    match body.get("events").and_then(Value::as_array) {
        Some(events) if !events.is_empty() => {
            for (i, e) in events.iter().enumerate() {
                if !e.as_str().is_some_and(|e| EVENTS.contains(&e)) {
                    let field = format!("events[{i}]");
                    let message = format!("must be one of {}", EVENTS.join(", "));
                    c.issue(&field, message, "ENUM_ERROR");
                }
            }
        }
        _ => c.issue("events", "must list at least one event".into(), "REQUIRED"),
    }
}
