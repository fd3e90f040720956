//! Starting the servers and the handle that stops them.

use std::fmt;
use std::sync::Arc;

use axum::Router;
use axum::middleware::from_fn_with_state;
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

use crate::config::{FaultConfig, Service, SimConfig};
use crate::credentials::Credentials;
use crate::fast::FastServer;
use crate::shared::Shared;
use crate::stats::Stats;
use crate::tls::TlsIdentity;
use crate::{SimError, admin, fault, server, services, tls};

/// Where one tenant of one service is served, and how to authenticate.
#[derive(Clone, Debug, Serialize)]
pub struct Endpoint {
    /// The service (`"nms"`).
    pub service: Service,
    /// The tenant name (`"tenant-1"`).
    pub tenant: String,
    /// The base URL of the service's server, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// The tenant's credentials.
    pub credentials: Credentials,
}

/// Running simulators. Dropping the handle stops every server; [`SimHandle::shutdown`] also
/// waits until they are stopped.
pub struct SimHandle {
    shared: Arc<Shared>,
    endpoints: Vec<Endpoint>,
    urls: Vec<(Service, String)>,
    ca_pem: Option<String>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimHandle")
            .field("urls", &self.urls)
            .field("https", &self.ca_pem.is_some())
            .finish_non_exhaustive()
    }
}

/// Starts one server per service on `127.0.0.1` (a free port each).
pub async fn spawn(config: SimConfig) -> Result<SimHandle, SimError> {
    let tls = if config.https {
        Some(tls::self_signed()?)
    } else {
        None
    };
    start(config, tls).await
}

/// Starts the servers over HTTPS presenting `identity`'s certificate (whatever
/// `config.https` says), requiring client certificates when it names a client CA.
/// [`SimHandle::ca_pem`] is then `None`: the caller knows what it gave.
pub async fn spawn_with_tls(
    config: SimConfig,
    identity: TlsIdentity,
) -> Result<SimHandle, SimError> {
    let acceptor = tls::from_identity(&identity)?;
    let mut handle = start(config, Some((acceptor, String::new()))).await?;
    handle.ca_pem = None;
    Ok(handle)
}

async fn start(
    config: SimConfig,
    tls: Option<(TlsAcceptor, String)>,
) -> Result<SimHandle, SimError> {
    if config.services.is_empty() {
        return Err(SimError::Config("no services to serve".into()));
    }
    let shared = Arc::new(Shared::new(&config));
    let (stop, stopped) = watch::channel(false);
    // Benchmark mode's NMS answers its hot route in the fast loop and the rest via axum; both
    // share one renderer.
    let bench = services::nms::bench(&shared);
    let mut handle = SimHandle {
        shared: shared.clone(),
        endpoints: Vec::new(),
        urls: Vec::new(),
        ca_pem: tls.as_ref().map(|(_, pem)| pem.clone()),
        stop,
        tasks: Vec::new(),
    };
    for service in config.services {
        if handle.urls.iter().any(|(s, _)| *s == service) {
            continue;
        }
        let (listener, addr) = server::bind().await.map_err(SimError::Bind)?;
        let url = format!("{}://{addr}", if tls.is_some() { "https" } else { "http" });
        let (api, service_admin) = match service {
            Service::Nms if shared.bench => (services::nms::bench_router(&bench), Router::new()),
            Service::Nms => services::nms::router(shared.clone(), url.clone()),
            Service::Netbox => services::netbox::router(shared.clone(), url.clone()),
            Service::Genieacs => services::genieacs::router(shared.clone(), url.clone()),
            Service::Voltha => services::voltha::router(shared.clone(), url.clone()),
            Service::Cms => services::cms::router(shared.clone(), url.clone()),
            Service::Ofsc => services::ofsc::router(shared.clone(), url.clone()),
            Service::Mano => services::mano::router(shared.clone(), url.clone()),
        };
        let router = api
            .route_layer(from_fn_with_state(
                (shared.clone(), service),
                fault::fault_layer,
            ))
            .merge(service_admin)
            .merge(admin::routes().with_state(shared.clone()));
        let acceptor = tls.as_ref().map(|(acceptor, _)| acceptor.clone());
        let handler = if service == Service::Nms && shared.bench {
            server::Handler::Fast(FastServer {
                shared: shared.clone(),
                route: bench.clone(),
                router,
            })
        } else {
            server::Handler::Router(router)
        };
        handle
            .tasks
            .push(server::serve(listener, handler, acceptor, stopped.clone()));
        for (index, tenant) in shared.tenants.iter().enumerate() {
            handle.endpoints.push(Endpoint {
                service,
                tenant: tenant.clone(),
                url: url.clone(),
                credentials: if service == Service::Ofsc {
                    shared.auth(service).ofsc_credentials(index, &url)
                } else {
                    shared.auth(service).credentials(index, &url)
                },
            });
        }
        handle.urls.push((service, url));
    }
    Ok(handle)
}

impl SimHandle {
    /// One endpoint per (service, tenant).
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }

    /// The base URL of `service`'s server, or `""` if that service is not served.
    pub fn url(&self, service: Service) -> &str {
        self.urls
            .iter()
            .find(|(s, _)| *s == service)
            .map_or("", |(_, url)| url.as_str())
    }

    /// The CA certificate (PEM) clients must trust in HTTPS mode.
    pub fn ca_pem(&self) -> Option<&str> {
        self.ca_pem.as_deref()
    }

    /// The counters, as served at `GET /_sim/stats`.
    pub fn stats(&self) -> Stats {
        self.shared.stats()
    }

    /// Replaces the global fault settings (`tenant` `None`) or one tenant's override.
    pub fn set_faults(&self, tenant: Option<&str>, faults: FaultConfig) {
        self.shared.faults.set(tenant, faults);
    }

    /// Stops every server and waits until they have stopped.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for task in std::mem::take(&mut self.tasks) {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for task in &self.tasks {
            task.abort();
        }
    }
}
