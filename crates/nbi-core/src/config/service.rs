//! `[tenants.<tenant>.<service>]`: one service of one tenant.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use url::Url;

use super::{AuthSettings, TlsSettings};
use crate::{BreakerConfig, RateLimitConfig, RetryConfig, Timeouts};

/// The bulkhead size of a service unless its settings say otherwise.
pub(crate) const DEFAULT_MAX_CONCURRENCY: u32 = 20;

/// One service of one tenant: where it is, how to log in and how hard to push it.
///
/// Keys that only one kind of service understands (`config_path`, `config_pointer`,
/// `normalize`, `rest_url`, `node_type`, `instance`, …) are kept in [`ServiceSettings::extra`].
#[derive(Debug, Clone)]
pub struct ServiceSettings {
    /// The kind of service (`netbox`, `ofsc`, `http-json`, …); absent = the table's name.
    pub kind: Option<String>,
    /// The base URL. Required, unless the service generates it (OFSC from `instance`).
    pub url: Option<Url>,
    /// How to authenticate.
    pub auth: AuthSettings,
    /// Timeout overrides in seconds per operation class (`list = 15.0`).
    pub timeouts: BTreeMap<String, f64>,
    /// Retry settings.
    pub retry: RetryConfig,
    /// Circuit-breaker settings.
    pub breaker: BreakerConfig,
    /// Client-side rate limits; `None` = unlimited.
    pub rate_limit: Option<RateLimitConfig>,
    /// Requests in flight at most for this (tenant, service). Default 20.
    pub max_concurrency: u32,
    /// A client certificate for mutual TLS.
    pub tls: Option<TlsSettings>,
    /// Every other key, as JSON.
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Default for ServiceSettings {
    fn default() -> Self {
        ServiceSettings {
            kind: None,
            url: None,
            auth: AuthSettings::None,
            timeouts: BTreeMap::new(),
            retry: RetryConfig::default(),
            breaker: BreakerConfig::default(),
            rate_limit: None,
            max_concurrency: DEFAULT_MAX_CONCURRENCY,
            tls: None,
            extra: BTreeMap::new(),
        }
    }
}

impl ServiceSettings {
    /// The service's kind: `kind` if set, else the table's `name`.
    pub fn kind_or<'a>(&'a self, name: &'a str) -> &'a str {
        self.kind.as_deref().unwrap_or(name)
    }

    /// The timeouts of this service: its kind's built-in table with the overrides applied.
    pub fn timeouts_for(&self, name: &str) -> Timeouts {
        Timeouts::for_service(self.kind_or(name))
            .with_overrides(self.timeouts.iter().map(|(k, v)| (k.clone(), *v)))
    }

    /// A service-specific string setting from [`ServiceSettings::extra`].
    pub fn extra_str(&self, key: &str) -> Option<&str> {
        self.extra.get(key).and_then(|v| v.as_str())
    }
}

/// A URL that names the parse error at its own field path.
struct UrlField(Url);

impl<'de> Deserialize<'de> for UrlField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Url::parse(&text)
            .map(UrlField)
            .map_err(|e| de::Error::custom(format!("not a valid URL ({e})")))
    }
}

// Written by hand rather than with `#[serde(flatten)]` for `extra`: flattening buffers the
// table, and figment would then lose the path of a bad value (`retry.max_attempts`).
impl<'de> Deserialize<'de> for ServiceSettings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ServiceVisitor)
    }
}

struct ServiceVisitor;

impl<'de> Visitor<'de> for ServiceVisitor {
    type Value = ServiceSettings;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table of service settings")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ServiceSettings, A::Error> {
        let mut s = ServiceSettings::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "kind" => s.kind = Some(map.next_value()?),
                "url" => s.url = Some(map.next_value::<UrlField>()?.0),
                "auth" => s.auth = map.next_value()?,
                "timeouts" => s.timeouts = map.next_value()?,
                "retry" => s.retry = map.next_value()?,
                "breaker" => s.breaker = map.next_value()?,
                "rate_limit" => s.rate_limit = Some(map.next_value()?),
                "max_concurrency" => s.max_concurrency = map.next_value()?,
                "tls" => s.tls = Some(map.next_value()?),
                _ => {
                    let value = map.next_value::<serde_json::Value>()?;
                    s.extra.insert(key, value);
                }
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_keys_are_typed_and_the_rest_kept() {
        let s: ServiceSettings = serde_json::from_str(
            r#"{"kind":"http-json","url":"https://nms.example","config_path":"/c/{id}",
                "timeouts":{"get":3},"retry":{"max_attempts":2}}"#,
        )
        .unwrap();
        assert_eq!(s.kind_or("core-nms"), "http-json");
        assert_eq!(s.retry.max_attempts, 2);
        assert_eq!(s.retry.base_ms, RetryConfig::default().base_ms);
        assert_eq!(s.max_concurrency, 20);
        assert_eq!(s.extra_str("config_path"), Some("/c/{id}"));
        let t = s.timeouts_for("core-nms");
        assert_eq!(
            t.get(&crate::OperationClass::GET),
            std::time::Duration::from_secs(3)
        );
        let netbox = ServiceSettings::default();
        assert_eq!(netbox.kind_or("netbox"), "netbox");
    }

    #[test]
    fn a_bad_url_is_refused() {
        let err = serde_json::from_str::<ServiceSettings>(r#"{"url":"not a url"}"#).unwrap_err();
        assert!(err.to_string().contains("not a valid URL"), "{err}");
    }
}
