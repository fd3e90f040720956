//! Rate limits per (tenant, category) in fixed one-minute windows, with the guide's
//! `X-RateLimit-*` headers on every answer and a 429 with `Retry-After` once a window's quota
//! is spent; and the `API-Version` (plus, when set, deprecation and sunset) headers.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use super::{Mano, errors, lock};
use crate::config::Service;

/// The version the simulated server reports.
const API_VERSION: &str = "1.0.0";
/// The length of a rate window.
const WINDOW: Duration = Duration::from_secs(60);

/// Requests per minute of each category (the guide's numbers by default).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct Quotas {
    pub(super) standard: u32,
    pub(super) deployment: u32,
    pub(super) monitoring: u32,
}

impl Default for Quotas {
    fn default() -> Self {
        Quotas {
            standard: 1000,
            deployment: 100,
            monitoring: 5000,
        }
    }
}

impl Quotas {
    fn of(&self, category: &str) -> u32 {
        match category {
            "deployment" => self.deployment,
            "monitoring" => self.monitoring,
            _ => self.standard,
        }
    }
}

/// What the admin route may change for one tenant.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Knobs {
    pub(super) quotas: Quotas,
    pub(super) deprecation_date: Option<String>,
    pub(super) sunset_date: Option<String>,
    /// How long an orchestrator deployment runs.
    pub(super) deploy_s: u64,
}

impl Default for Knobs {
    fn default() -> Self {
        Knobs {
            quotas: Quotas::default(),
            deprecation_date: None,
            sunset_date: None,
            deploy_s: 30,
        }
    }
}

/// The open window of each category: when it started and how many calls it counted.
#[derive(Debug, Default)]
pub(super) struct RateWindows {
    windows: HashMap<&'static str, (Instant, u32)>,
}

/// The outcome of counting one call.
struct Count {
    allowed: bool,
    remaining: u32,
    reset_in: Duration,
}

impl RateWindows {
    fn count(&mut self, category: &'static str, quota: u32) -> Count {
        let now = Instant::now();
        let window = self.windows.entry(category).or_insert((now, 0));
        if now.duration_since(window.0) >= WINDOW {
            *window = (now, 0);
        }
        let reset_in = WINDOW.saturating_sub(now.duration_since(window.0));
        let allowed = window.1 < quota;
        if allowed {
            window.1 += 1;
        }
        Count {
            allowed,
            remaining: quota.saturating_sub(window.1),
            reset_in,
        }
    }
}

/// The category of a route, as the guide groups them.
pub(super) fn category(method: &Method, route: &str) -> &'static str {
    let polls = route.starts_with("/orchestrator/deployments/");
    if route.starts_with("/monitoring/") || route.ends_with("/status") || polls {
        return "monitoring";
    }
    let deployment = matches!(
        (method.as_str(), route),
        ("POST", "/orchestrator/plan" | "/orchestrator/deploy")
            | (_, "/vnf-operator/vnfs/{vnf_id}/scale")
            | (
                "POST" | "PUT" | "DELETE",
                "/vnf-operator/vnfs" | "/vnf-operator/vnfs/{vnf_id}"
            )
            | ("POST", "/tn-manager/agents/{agent_id}/slices")
            | (
                "POST" | "DELETE",
                "/o2-client/deployment-managers/{dm_id}/deployments"
                    | "/o2-client/deployment-managers/{dm_id}/deployments/{deployment_id}"
            )
    );
    if deployment { "deployment" } else { "standard" }
}

/// Counts the call against its window and answers 429 when the quota is spent; adds the rate
/// and version headers to every answer.
pub(super) async fn layer(
    State(mano): State<Arc<Mano>>,
    matched: Option<MatchedPath>,
    request: Request,
    next: Next,
) -> Response {
    let route = matched.as_ref().map_or("", |m| m.as_str());
    let category = category(request.method(), route);
    let tenant = mano
        .shared
        .auth(Service::Mano)
        .peek_tenant(request.headers())
        .unwrap_or(mano.anonymous());
    let knobs = mano.knobs(tenant);
    let quota = knobs.quotas.of(category);
    let count = lock(&mano.tenants[tenant].windows).count(category, quota);
    let path = request.uri().path().to_owned();
    let mut response = if count.allowed {
        next.run(request).await
    } else {
        errors::api_error(
            StatusCode::TOO_MANY_REQUESTS,
            "Rate limit exceeded. Please try again later.",
            &path,
        )
    };
    let headers = response.headers_mut();
    let reset_s = ceil_secs(count.reset_in);
    // Rounded up: a whole-second timestamp must never name a moment before the window ends.
    let reset_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |now| ceil_secs(now + count.reset_in));
    headers.insert("x-ratelimit-limit", HeaderValue::from(quota));
    headers.insert("x-ratelimit-remaining", HeaderValue::from(count.remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset_at));
    if !count.allowed {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(reset_s.max(1)));
        headers.insert("x-ratelimit-retry-after", HeaderValue::from(reset_s.max(1)));
    }
    version_headers(headers, &knobs);
    response
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

fn version_headers(headers: &mut HeaderMap, knobs: &super::Knobs) {
    headers.insert("api-version", HeaderValue::from_static(API_VERSION));
    let dated = [
        ("api-deprecation-date", &knobs.deprecation_date),
        ("api-sunset-date", &knobs.sunset_date),
    ];
    for (name, value) in dated {
        if let Some(v) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(name, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_fall_into_the_guides_categories() {
        assert_eq!(category(&Method::GET, "/monitoring/health"), "monitoring");
        assert_eq!(
            category(&Method::POST, "/orchestrator/deploy"),
            "deployment"
        );
        assert_eq!(category(&Method::GET, "/orchestrator/intents"), "standard");
        assert_eq!(category(&Method::GET, "/vnf-operator/vnfs"), "standard");
        assert_eq!(category(&Method::POST, "/vnf-operator/vnfs"), "deployment");
    }

    #[tokio::test(start_paused = true)]
    async fn a_spent_window_refuses_until_it_resets() {
        let mut windows = RateWindows::default();
        assert!(windows.count("standard", 2).allowed);
        let second = windows.count("standard", 2);
        assert!(second.allowed);
        assert_eq!(second.remaining, 0);
        assert!(!windows.count("standard", 2).allowed);
        tokio::time::advance(WINDOW).await;
        assert!(windows.count("standard", 2).allowed);
    }
}
