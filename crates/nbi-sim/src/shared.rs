//! State shared by every server of one [`SimHandle`](crate::SimHandle).

use crate::auth::AuthRegistry;
use crate::config::{Service, SimConfig};
use crate::fault::FaultSettings;
use crate::stats::StatsRecorder;

/// Tenants, credentials, fault settings and counters.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) seed: u64,
    pub(crate) tenants: Vec<String>,
    pub(crate) devices: usize,
    pub(crate) bench: bool,
    pub(crate) faults: FaultSettings,
    pub(crate) stats: StatsRecorder,
    /// One credential registry per service, indexed by [`Service::index`].
    auths: Vec<AuthRegistry>,
}

impl Shared {
    pub(crate) fn new(config: &SimConfig) -> Self {
        // Benchmark mode serves without auth whatever the auth setting says.
        let auth_mode = if config.bench {
            crate::AuthMode::None
        } else {
            config.auth
        };
        let tenants = config.tenants.max(1);
        Self {
            seed: config.seed,
            tenants: (1..=tenants).map(|t| format!("tenant-{t}")).collect(),
            devices: config.devices,
            bench: config.bench,
            faults: FaultSettings::new(config.seed, config.faults.clone()),
            stats: StatsRecorder::default(),
            auths: Service::ALL
                .iter()
                .map(|service| AuthRegistry::for_service(*service, auth_mode, tenants, config.seed))
                .collect(),
        }
    }

    /// The name of tenant index `tenant` (`tenant-1` for 0).
    pub(crate) fn tenant_name(&self, tenant: usize) -> &str {
        self.tenants.get(tenant).map_or("-", String::as_str)
    }

    /// The credential registry of `service`.
    pub(crate) fn auth(&self, service: Service) -> &AuthRegistry {
        &self.auths[service.index()]
    }

    /// The tenant of an API request to `service`, or the 401 to answer (counted in the stats).
    pub(crate) fn authenticate(
        &self,
        service: Service,
        headers: &axum::http::HeaderMap,
    ) -> Result<usize, crate::problem::Problem> {
        self.auth(service)
            .authenticate(headers)
            .inspect_err(|_| self.stats.auth_call(|a| a.rejected += 1))
    }

    /// The counters now, with token expiries gathered from every service's registry.
    pub(crate) fn stats(&self) -> crate::stats::Stats {
        let mut stats = self.stats.snapshot(&self.tenants);
        stats.auth.expired = self.auths.iter().map(AuthRegistry::expired).sum();
        stats
    }

    /// The index of a tenant name.
    pub(crate) fn tenant_index(&self, name: &str) -> Option<usize> {
        self.tenants.iter().position(|t| t == name)
    }
}
