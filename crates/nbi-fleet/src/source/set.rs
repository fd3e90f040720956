//! [`Sources`]: the config source, normalizer and concurrency bound of every
//! (tenant, source) a run touches.

use std::collections::HashMap;
use std::sync::Arc;

use nbi_core::{Settings, Transports};
use serde_json::Value;

use super::{ConfigSource, HttpJsonSource};
use crate::normalize::{NormalizeSettings, Normalizer};
use crate::{DeviceRef, Error, ErrorKind, Result};

/// One (tenant, source): how to fetch, how to normalize, and how many fetches at once the
/// service allows (its `max_concurrency`).
#[derive(Clone, Debug)]
pub struct SourceEntry {
    /// Fetches bodies.
    pub source: Arc<dyn ConfigSource>,
    /// Turns them into configuration text.
    pub normalizer: Arc<Normalizer>,
    /// The service's own bound on requests in flight.
    pub max_concurrency: usize,
}

/// The sources of a run, by (tenant, source).
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// By tenant, then by source: lookups borrow, with no key to build.
    entries: HashMap<String, HashMap<String, SourceEntry>>,
}

impl Sources {
    /// No sources (add them with [`Sources::insert`]).
    pub fn new() -> Sources {
        Sources::default()
    }

    /// Builds the source of every (tenant, source) the `devices` name, from the settings
    /// behind `transports`. A device whose source is not configured, a kind that is not a
    /// config source, or a bad `config_path` / `normalize` is a [`ErrorKind::Usage`] error
    /// naming the setting.
    pub fn from_settings(transports: &Transports, devices: &[DeviceRef]) -> Result<Sources> {
        let mut sources = Sources::new();
        for device in devices {
            let (tenant, name) = (device.tenant(), device.source());
            if sources.get(tenant, name).is_some() {
                continue;
            }
            let settings = transports.settings();
            let service = settings.service(tenant, name).ok_or_else(|| {
                Error::new(
                    ErrorKind::Usage,
                    format!(
                        "device {device}: no [tenants.{tenant}.{name}] in the settings to fetch it from"
                    ),
                )
            })?;
            let source: Arc<dyn ConfigSource> = match service.kind_or(name) {
                "http-json" => Arc::new(HttpJsonSource::from_settings(transports, tenant, name)?),
                #[cfg(feature = "voltha")]
                "voltha" => Arc::new(super::VolthaSource::from_settings(
                    transports, tenant, name,
                )?),
                #[cfg(feature = "genieacs")]
                "genieacs" => Arc::new(super::GenieacsSource::from_settings(
                    transports, tenant, name,
                )?),
                #[cfg(feature = "cms")]
                "cms" => Arc::new(super::CmsSource::from_settings(transports, tenant, name)?),
                #[cfg(feature = "netbox")]
                "netbox" => Arc::new(super::NetboxSource::from_settings(
                    transports, tenant, name,
                )?),
                other => {
                    return Err(Error::new(
                        ErrorKind::Usage,
                        format!(
                            "tenants.{tenant}.{name}.kind: {other:?} is not a fleet config source (supported: {})",
                            supported_kinds()
                        ),
                    ));
                }
            };
            let entry = SourceEntry {
                source,
                normalizer: Arc::new(normalizer_for(settings, tenant, name)?),
                max_concurrency: service.max_concurrency.max(1) as usize,
            };
            sources.insert(tenant, name, entry);
        }
        Ok(sources)
    }

    /// Adds or replaces the entry of (tenant, source).
    pub fn insert(&mut self, tenant: &str, source: &str, entry: SourceEntry) {
        self.entries
            .entry(tenant.to_owned())
            .or_default()
            .insert(source.to_owned(), entry);
    }

    /// The entry of (tenant, source).
    pub fn get(&self, tenant: &str, source: &str) -> Option<&SourceEntry> {
        self.entries.get(tenant)?.get(source)
    }
}

/// The source kinds this build can fetch from, quoted, for messages.
fn supported_kinds() -> String {
    let kinds: &[&str] = &[
        "http-json",
        #[cfg(feature = "netbox")]
        "netbox",
        #[cfg(feature = "genieacs")]
        "genieacs",
        #[cfg(feature = "voltha")]
        "voltha",
        #[cfg(feature = "cms")]
        "cms",
    ];
    kinds
        .iter()
        .map(|k| format!("{k:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The normalizer of `[tenants.<tenant>.<source>]`: its `normalize` table and
/// `config_pointer`, defaults when absent (also for sources no longer configured, so
/// `renormalize` can still run on what the store holds).
pub fn normalizer_for(settings: &Settings, tenant: &str, source: &str) -> Result<Normalizer> {
    let prefix = format!("tenants.{tenant}.{source}");
    let Some(service) = settings.service(tenant, source) else {
        return Normalizer::new(&NormalizeSettings::default(), None);
    };
    let normalize = match service.extra.get("normalize") {
        None | Some(Value::Null) => NormalizeSettings::default(),
        Some(value) => serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let at = if path == "." {
                format!("{prefix}.normalize")
            } else {
                format!("{prefix}.normalize.{path}")
            };
            Error::new(ErrorKind::Usage, format!("{at}: {}", e.inner()))
        })?,
    };
    let pointer = match service.extra.get("config_pointer") {
        None | Some(Value::Null) => None,
        Some(Value::String(p)) => Some(p.as_str()),
        Some(_) => {
            return Err(Error::new(
                ErrorKind::Usage,
                format!("{prefix}.config_pointer: expected a JSON pointer string"),
            ));
        }
    };
    Normalizer::new(&normalize, pointer)
        .map_err(|e| Error::new(ErrorKind::Usage, format!("{prefix}.{}", e.message())))
}
