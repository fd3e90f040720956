//! A simulated multi-tenant NMS with the settings, inventory and store a backup needs.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use nbi_core::{Settings, Transports};
use nbi_fleet::{DeviceRef, Runner, Sources, SqliteStore};
use nbi_sim::{AuthMode, Credentials, FaultConfig, Service, SimConfig, SimHandle};

/// Per-table settings for the chaos runs: a short `get` timeout (stalls must time out), enough
/// attempts that faults at these rates practically never exhaust them, and a breaker that
/// scattered faults do not trip but a dead server does.
pub(crate) const RESILIENCE: &str = "timeouts = { get = 1.0 }\nretry = { max_attempts = 6, base_ms = 20, max_ms = 400, deadline_s = 60, budget_percent = 50 }\nbreaker = { failure_threshold = 20, reset_timeout_s = 600 }\n";

/// A running simulator and everything pointed at it.
pub(crate) struct Lab {
    pub(crate) sim: SimHandle,
    pub(crate) dir: tempfile::TempDir,
    pub(crate) transports: Transports,
    pub(crate) devices: Vec<DeviceRef>,
    pub(crate) store: Arc<SqliteStore>,
}

impl Lab {
    /// `tenants` NMS tenants of `per_tenant` devices each (tenant 1 bearer, 2 OAuth2, 3 JWT
    /// login …), faults as given; every table gets `extra` lines.
    pub(crate) async fn start(
        tenants: usize,
        per_tenant: usize,
        faults: FaultConfig,
        seed: u64,
        extra: &str,
    ) -> Lab {
        let sim = nbi_sim::spawn(SimConfig {
            services: vec![Service::Nms],
            tenants,
            devices: per_tenant,
            faults,
            auth: AuthMode::Default,
            seed,
            ..SimConfig::default()
        })
        .await
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let settings = nms_settings(&sim, dir.path(), extra);
        let transports = Transports::new(settings);
        let devices = sim
            .endpoints()
            .iter()
            .flat_map(|e| {
                (1..=per_tenant)
                    .map(move |i| DeviceRef::new(&e.tenant, "nms", format!("r{i:04}")).unwrap())
            })
            .collect();
        let store = Arc::new(SqliteStore::open_for_backup(dir.path().join("nbi.db")).unwrap());
        Lab {
            sim,
            dir,
            transports,
            devices,
            store,
        }
    }

    /// A runner over the lab's store and sources.
    pub(crate) fn runner(&self) -> Runner {
        Runner::new(
            self.store.clone(),
            Sources::from_settings(&self.transports, &self.devices).unwrap(),
        )
    }
}

/// `[settings]` and one `[tenants.T.nms]` table per tenant, secrets as files under `dir`.
pub(crate) fn nms_settings(sim: &SimHandle, dir: &Path, extra: &str) -> Settings {
    let mut toml = String::from("[settings]\nallow_insecure_http = true\n");
    if let Some(pem) = sim.ca_pem() {
        std::fs::write(dir.join("ca.pem"), pem).unwrap();
        toml = String::from("[settings]\nca_bundle = \"ca.pem\"\n");
    }
    for (i, endpoint) in sim.endpoints().iter().enumerate() {
        let secret = |value: &str| {
            let path = dir.join(format!("secret-{i}"));
            std::fs::write(&path, value).unwrap();
            format!("{{ file = {:?} }}", path.to_str().unwrap())
        };
        let auth = match &endpoint.credentials {
            Credentials::None => "{ scheme = \"none\" }".to_owned(),
            Credentials::Bearer { token } => {
                format!("{{ scheme = \"bearer\", token = {} }}", secret(token))
            }
            Credentials::Token { token } => {
                format!("{{ scheme = \"token\", token = {} }}", secret(token))
            }
            Credentials::Basic { username, password } => format!(
                "{{ scheme = \"basic\", username = {username:?}, password = {} }}",
                secret(password)
            ),
            Credentials::OAuth2 {
                token_url,
                client_id,
                client_secret,
            } => format!(
                "{{ scheme = \"oauth2\", token_url = {token_url:?}, client_id = {client_id:?}, client_secret = {} }}",
                secret(client_secret)
            ),
            Credentials::JwtLogin { username, password } => format!(
                "{{ scheme = \"jwt-login\", username = {username:?}, password = {} }}",
                secret(password)
            ),
            // The lab serves only the NMS, whose schemes are the ones above.
            other => panic!("no NMS scheme for {other:?}"),
        };
        write!(
            toml,
            "\n[tenants.{}.nms]\nkind = \"http-json\"\nurl = {:?}\nconfig_path = \"/api/v1/devices/{{id}}/config\"\nauth = {auth}\n{extra}",
            endpoint.tenant, endpoint.url
        )
        .unwrap();
    }
    Settings::from_toml_str(&toml, dir).unwrap()
}

/// This process's peak resident set (`VmHWM`), current RSS (`VmRSS`), both in KiB, and its
/// open file descriptors.
pub(crate) fn process_figures() -> (u64, u64, usize) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|kb| kb.parse().ok())
            .unwrap_or(0)
    };
    let fds = std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count());
    (field("VmHWM:"), field("VmRSS:"), fds)
}
