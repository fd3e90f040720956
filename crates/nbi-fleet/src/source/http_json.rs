//! The generic `http-json` source: `GET config_path` with the device id filled in.

use futures::future::BoxFuture;
use nbi_core::{Operation, OperationClass, RequestSpec, Transport, Transports};

use super::{ConfigSource, Fetched};
use crate::{Error, ErrorKind, Result};

/// The operation every fetch is recorded under (a bounded metric label).
const GET_CONFIG: Operation = Operation::new("get_config", OperationClass::GET);

/// Fetches `GET {url}{config_path}` with `{id}` replaced by the device id (one path
/// segment, percent-encoded), through the tenant's transport and its auth scheme.
#[derive(Clone, Debug)]
pub struct HttpJsonSource {
    transport: Transport,
    config_path: String,
}

impl HttpJsonSource {
    /// A source over `transport`. `config_path` must contain `{id}`.
    pub fn new(transport: Transport, config_path: impl Into<String>) -> Result<HttpJsonSource> {
        let config_path = config_path.into();
        check_path(&config_path).map_err(|reason| {
            Error::new(
                ErrorKind::Usage,
                format!("config_path {config_path:?}: {reason}"),
            )
        })?;
        Ok(HttpJsonSource {
            transport,
            config_path,
        })
    }

    /// The source configured as `[tenants.<tenant>.<source>]`.
    pub fn from_settings(
        transports: &Transports,
        tenant: &str,
        source: &str,
    ) -> Result<HttpJsonSource> {
        let field = format!("tenants.{tenant}.{source}.config_path");
        let settings = transports
            .settings()
            .service(tenant, source)
            .ok_or_else(|| Error::new(ErrorKind::Usage, format!("{field}: no such service")))?;
        let path = settings
            .extra_str("config_path")
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Usage,
                    format!("{field}: required for kind http-json (e.g. \"/api/v1/devices/{{id}}/config\")"),
                )
            })?
            .to_owned();
        check_path(&path)
            .map_err(|reason| Error::new(ErrorKind::Usage, format!("{field}: {reason}")))?;
        let transport = transports.transport(tenant, source)?;
        Ok(HttpJsonSource {
            transport,
            config_path: path,
        })
    }
}

fn check_path(path: &str) -> std::result::Result<(), &'static str> {
    if !path.starts_with('/') {
        return Err("must start with '/'");
    }
    if !path.contains("{id}") {
        return Err("must contain {id}, where the device id goes");
    }
    Ok(())
}

impl ConfigSource for HttpJsonSource {
    fn kind(&self) -> &'static str {
        "http-json"
    }

    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Fetched>> {
        Box::pin(async move {
            let spec = RequestSpec::get(GET_CONFIG, self.config_path.clone()).path_param("id", id);
            let response = self.transport.send(spec).await?;
            let attempts = response.attempts();
            Ok(Fetched {
                body: response.into_body(),
                attempts,
            })
        })
    }
}
