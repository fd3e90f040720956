//! [`TransportBuilder`]: every knob of a transport, checked at `build()`.

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::client::{PoolOptions, TlsOptions, build_client};
use super::{Inner, ProxyConfig, Transport};
use crate::auth::{AuthContext, AuthState, SharedAuth};
use crate::breaker::{BreakerConfig, BreakerKey, BreakerRegistry};
use crate::clock::{SharedClock, SystemClock};
use crate::error::{Error, Result};
use crate::interceptor::SharedInterceptor;
use crate::limit::{Bulkhead, RateLimitConfig, RateLimitGate, RateLimiter};
use crate::request::OperationClass;
use crate::response::DEFAULT_MAX_BODY;
use crate::retry::{Backoff, RetryBudget, RetryConfig, SharedClassifier};
use crate::telemetry::{EndpointMetrics, Metrics};
use crate::timeouts::{CONNECT_TIMEOUT, Timeouts};

/// The default bound on calls in flight per transport.
pub const DEFAULT_MAX_CONCURRENCY: usize = 20;
/// How long before a credential's expiry it is renewed (clamped to half its lifetime).
pub const DEFAULT_AUTH_SKEW: Duration = Duration::from_secs(300);

/// Builds a [`Transport`]. Setters take the builder by value; a bad value is kept and reported
/// by [`TransportBuilder::build`], naming the setting.
#[must_use]
#[derive(Debug)]
pub struct TransportBuilder {
    service: String,
    tenant: String,
    base_url: Option<Url>,
    allow_insecure_http: bool,
    timeouts: Option<Timeouts>,
    retry: RetryConfig,
    breaker: BreakerConfig,
    breakers: Option<BreakerRegistry>,
    rate_limit: RateLimitConfig,
    max_concurrency: usize,
    auth: Option<SharedAuth>,
    auth_skew: Duration,
    classifiers: Vec<SharedClassifier>,
    interceptors: Vec<SharedInterceptor>,
    metrics: Option<Metrics>,
    clock: Option<SharedClock>,
    jitter_seed: Option<u64>,
    max_body: usize,
    tls: TlsOptions,
    proxy: Option<ProxyConfig>,
    pool_max_idle_per_host: usize,
    pool_idle_timeout: Duration,
    error: Option<Error>,
}

impl TransportBuilder {
    pub(super) fn new(service: String, tenant: String) -> Self {
        TransportBuilder {
            service,
            tenant,
            base_url: None,
            allow_insecure_http: false,
            timeouts: None,
            retry: RetryConfig::default(),
            breaker: BreakerConfig::default(),
            breakers: None,
            rate_limit: RateLimitConfig::default(),
            max_concurrency: DEFAULT_MAX_CONCURRENCY,
            auth: None,
            auth_skew: DEFAULT_AUTH_SKEW,
            classifiers: Vec::new(),
            interceptors: Vec::new(),
            metrics: None,
            clock: None,
            jitter_seed: None,
            max_body: DEFAULT_MAX_BODY,
            tls: TlsOptions::default(),
            proxy: None,
            pool_max_idle_per_host: 32,
            pool_idle_timeout: Duration::from_secs(90),
            error: None,
        }
    }

    /// The endpoint's base URL. `https://` unless [`Self::allow_insecure_http`].
    pub fn base_url(mut self, url: &str) -> Self {
        match Url::parse(url) {
            Ok(u) => self.base_url = Some(u),
            Err(e) => self.fail(Error::config("url", format!("not a valid URL: {e}"))),
        }
        self
    }

    /// Allows `http://` base URLs (test labs, simulators).
    pub fn allow_insecure_http(mut self, yes: bool) -> Self {
        self.allow_insecure_http = yes;
        self
    }

    /// Timeouts per operation class (default: the table for the service's name).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = Some(timeouts);
        self
    }

    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Breaker settings.
    pub fn breaker(mut self, breaker: BreakerConfig) -> Self {
        self.breaker = breaker;
        self
    }

    /// Shares a breaker registry (for force-open/close across transports and metrics).
    pub fn breakers(mut self, registry: BreakerRegistry) -> Self {
        self.breakers = Some(registry);
        self
    }

    /// Client-side rate limits.
    pub fn rate_limit(mut self, limits: RateLimitConfig) -> Self {
        self.rate_limit = limits;
        self
    }

    /// At most this many calls in flight (default 20).
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrency = n;
        self
    }

    /// The auth provider (none by default).
    pub fn auth(mut self, provider: SharedAuth) -> Self {
        self.auth = Some(provider);
        self
    }

    /// Renew credentials this long before they expire (default 5 min, clamped to half the
    /// credential's lifetime).
    pub fn auth_skew(mut self, skew: Duration) -> Self {
        self.auth_skew = skew;
        self
    }

    /// Adds a classifier, asked before the default status rules.
    pub fn classifier(mut self, classifier: SharedClassifier) -> Self {
        self.classifiers.push(classifier);
        self
    }

    /// Adds an interceptor, called before and after every attempt.
    pub fn interceptor(mut self, interceptor: SharedInterceptor) -> Self {
        self.interceptors.push(interceptor);
        self
    }

    /// Records into these metrics (default: a private set).
    pub fn metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// Uses this clock for wall time and retry waits (tests).
    pub fn clock(mut self, clock: SharedClock) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Seeds the backoff jitter, for reproducible runs.
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.jitter_seed = Some(seed);
        self
    }

    /// Caps response bodies (default 32 MiB).
    pub fn max_body(mut self, bytes: usize) -> Self {
        self.max_body = bytes;
        self
    }

    /// TLS: extra roots and client certificate.
    pub fn tls(mut self, tls: TlsOptions) -> Self {
        self.tls = tls;
        self
    }

    /// Proxies (default: [`ProxyConfig::from_env`] when the transport is built).
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Idle keep-alive connections kept per host (default 32).
    pub fn pool_max_idle_per_host(mut self, n: usize) -> Self {
        self.pool_max_idle_per_host = n;
        self
    }

    /// How long an idle connection is kept (default 90 s).
    pub fn pool_idle_timeout(mut self, idle: Duration) -> Self {
        self.pool_idle_timeout = idle;
        self
    }

    fn fail(&mut self, e: Error) {
        self.error.get_or_insert(e);
    }

    /// Checks every setting and builds the transport.
    pub fn build(self) -> Result<Transport> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let base_url = self
            .base_url
            .ok_or_else(|| Error::config("url", "is required"))?;
        match base_url.scheme() {
            "https" => {}
            "http" if self.allow_insecure_http => {}
            "http" => {
                return Err(Error::config(
                    "url",
                    "http:// is refused unless settings.allow_insecure_http = true",
                ));
            }
            other => {
                return Err(Error::config(
                    "url",
                    format!("scheme {other}:// is not supported"),
                ));
            }
        }
        if !base_url.username().is_empty()
            || base_url.password().is_some()
            || base_url.query().is_some()
        {
            return Err(Error::config(
                "url",
                "must not carry credentials or a query string",
            ));
        }
        if self.max_concurrency == 0 {
            return Err(Error::config("max_concurrency", "must be at least 1"));
        }
        self.retry.validate("retry")?;
        self.breaker.validate("breaker")?;
        self.rate_limit.validate("rate_limit")?;
        let pool = PoolOptions {
            max_idle_per_host: self.pool_max_idle_per_host,
            idle_timeout: self.pool_idle_timeout,
            connect_timeout: CONNECT_TIMEOUT,
            https_only: !self.allow_insecure_http,
            user_agent: concat!("nbi/", env!("CARGO_PKG_VERSION")).to_owned(),
            proxy: self.proxy.unwrap_or_else(ProxyConfig::from_env),
        };
        let http = build_client(&self.tls, &pool)?;
        let key = BreakerKey {
            service: self.service.clone(),
            tenant: self.tenant.clone(),
            base_url: base_url.to_string(),
        };
        let metrics = self.metrics.unwrap_or_default();
        let breakers = self.breakers.unwrap_or_else(|| {
            // A private registry reports its breaker's state changes into this transport's metrics.
            let metrics = metrics.clone();
            BreakerRegistry::new().on_state_change(move |key, _from, to| {
                metrics.circuit_state(&key.service, &key.tenant, to.as_metric());
            })
        });
        let breaker = breakers.breaker(key, &self.breaker);
        metrics.circuit_state(&self.service, &self.tenant, breaker.state().as_metric());
        let backoff_base = Duration::from_millis(self.retry.base_ms);
        let backoff_max = Duration::from_millis(self.retry.max_ms);
        let backoff = match self.jitter_seed {
            Some(seed) => Backoff::seeded(backoff_base, backoff_max, seed),
            None => Backoff::new(backoff_base, backoff_max),
        };
        let clock = self.clock.unwrap_or_else(|| Arc::new(SystemClock));
        let timeouts = self
            .timeouts
            .unwrap_or_else(|| Timeouts::for_service(&self.service));
        let auth_ctx = AuthContext {
            http: http.clone(),
            base_url: base_url.clone(),
            timeout: timeouts.get(&OperationClass::AUTH),
            clock: clock.clone(),
            service: self.service.clone(),
            tenant: self.tenant.clone(),
        };
        let inner = Inner {
            timeouts,
            auth_ctx,
            budget: RetryBudget::new(self.retry.budget_percent, self.retry.budget_min_retries),
            limiter: RateLimiter::new(&self.rate_limit),
            gate: RateLimitGate::new(),
            bulkhead: Bulkhead::new(self.max_concurrency),
            auth: self.auth.map(|p| AuthState::new(p, self.auth_skew)),
            classifiers: self.classifiers,
            interceptors: self.interceptors,
            metrics: EndpointMetrics::new(metrics, &self.service, &self.tenant),
            clock,
            max_body: self.max_body,
            retry: self.retry,
            backoff,
            breaker,
            http,
            base_url,
            service: self.service,
            tenant: self.tenant,
        };
        Ok(Transport {
            inner: Arc::new(inner),
        })
    }
}
