//! What to simulate: services, tenants, devices, faults, auth and transport.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Everything [`spawn`](crate::spawn) needs to start the simulators.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// The services to serve, one server each.
    pub services: Vec<Service>,
    /// Number of tenants, named `tenant-1` … `tenant-N`.
    pub tenants: usize,
    /// Devices per tenant.
    pub devices: usize,
    /// Faults applied to every tenant unless overridden per tenant at run time.
    pub faults: FaultConfig,
    /// How clients must authenticate.
    pub auth: AuthMode,
    /// Seed for secrets, device configs and fault decisions.
    pub seed: u64,
    /// Serve HTTPS with a generated self-signed certificate.
    pub https: bool,
    /// Benchmark mode: serve exactly what the Python anchors fetch, without auth.
    pub bench: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            services: vec![Service::Nms],
            tenants: 1,
            devices: 10,
            faults: FaultConfig::default(),
            auth: AuthMode::Default,
            seed: 1,
            https: false,
            bench: false,
        }
    }
}

/// A simulated northbound API.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// The generic multi-tenant NMS config server used by the fleet backup job.
    Nms,
    /// NetBox 4.x REST API (DCIM, IPAM, tenancy), with token auth.
    Netbox,
    /// GenieACS NBI (port 7557 in real deployments): devices, tasks, presets, faults …
    Genieacs,
    /// VOLTHA's REST mapping of voltha.proto, as a gRPC–JSON gateway serves it.
    Voltha,
    /// Calix CMS: the E7 NETCONF/SOAP NBI and the REST NBI, with session logins.
    Cms,
    /// Oracle Field Service: the Core, Metadata and Capacity REST APIs and the token service.
    Ofsc,
    /// The O-RAN Intent-MANO API: intents, VNFs, TN slices, O2 deployments, monitoring.
    Mano,
}

impl Service {
    /// Every service, in the order `nbi sim` lists them.
    pub const ALL: [Service; 7] = [
        Service::Nms,
        Service::Netbox,
        Service::Genieacs,
        Service::Voltha,
        Service::Cms,
        Service::Ofsc,
        Service::Mano,
    ];

    /// The service's short name, as used on the command line (`nms`).
    pub fn as_str(self) -> &'static str {
        match self {
            Service::Nms => "nms",
            Service::Netbox => "netbox",
            Service::Genieacs => "genieacs",
            Service::Voltha => "voltha",
            Service::Cms => "cms",
            Service::Ofsc => "ofsc",
            Service::Mano => "mano",
        }
    }

    /// The service's position in [`Service::ALL`].
    pub(crate) fn index(self) -> usize {
        Service::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an unknown service name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownService(pub String);

impl fmt::Display for UnknownService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = Service::ALL.iter().map(|s| s.as_str()).collect();
        write!(
            f,
            "unknown service {:?} (known: {})",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownService {}

impl FromStr for Service {
    type Err = UnknownService;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim().to_ascii_lowercase();
        Service::ALL
            .into_iter()
            .find(|service| service.as_str() == name)
            .ok_or_else(|| UnknownService(s.to_owned()))
    }
}

/// How the simulated servers check credentials.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthMode {
    /// No credentials needed; every request belongs to `tenant-1`.
    None,
    /// Each tenant gets its own scheme in rotation: bearer, oauth2, jwt-login, basic.
    #[default]
    Default,
}

/// Fault knobs. Rates are probabilities per request in `0.0..=1.0`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct FaultConfig {
    /// Fixed latency added to every request.
    pub latency_ms: u64,
    /// Extra random latency, uniform in `0..=jitter_ms`.
    pub jitter_ms: u64,
    /// Rate of `503 Service Unavailable` answers (with `Retry-After`).
    pub fail_rate: f64,
    /// Rate of `429 Too Many Requests` answers (with `Retry-After` and `X-RateLimit-*`).
    pub throttle_rate: f64,
    /// Rate of connections closed before any response.
    pub reset_rate: f64,
    /// Rate of requests left unanswered for `stall_s`.
    pub stall_rate: f64,
    /// How long a stalled request waits (0 means the default, 300 s).
    pub stall_s: u64,
    /// Rate of responses whose body is cut short (full `Content-Length` declared).
    pub truncate_rate: f64,
    /// `Retry-After` seconds on 503 and 429 (0 means the default, 1 s).
    pub retry_after_s: u64,
    /// Tokens issued by `POST /oauth/token`, `/auth/login` and `/auth/refresh` stop working
    /// (401) after this many seconds; also their `expires_in` (default 3600). Static bearer
    /// tokens and basic credentials never expire. Applied when a token is issued.
    pub token_ttl_s: Option<u64>,
    /// Issued tokens stop working (401) after this many authenticated requests.
    pub token_uses: Option<u64>,
}

impl Default for FaultConfig {
    fn default() -> Self {
        Self {
            latency_ms: 0,
            jitter_ms: 0,
            fail_rate: 0.0,
            throttle_rate: 0.0,
            reset_rate: 0.0,
            stall_rate: 0.0,
            stall_s: 300,
            truncate_rate: 0.0,
            retry_after_s: 1,
            token_ttl_s: None,
            token_uses: None,
        }
    }
}

impl FaultConfig {
    /// Whether no knob can touch a request (token knobs aside: they act at issue time).
    pub fn is_quiet(&self) -> bool {
        self.latency_ms == 0
            && self.jitter_ms == 0
            && self.fail_rate <= 0.0
            && self.throttle_rate <= 0.0
            && self.reset_rate <= 0.0
            && self.stall_rate <= 0.0
            && self.truncate_rate <= 0.0
    }

    /// The stall duration, with the default applied.
    pub fn effective_stall_s(&self) -> u64 {
        if self.stall_s == 0 { 300 } else { self.stall_s }
    }

    /// The `Retry-After` seconds, with the default applied.
    pub fn effective_retry_after_s(&self) -> u64 {
        if self.retry_after_s == 0 {
            1
        } else {
            self.retry_after_s
        }
    }
}
