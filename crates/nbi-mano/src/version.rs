//! The API's version headers: `API-Version`, `API-Deprecation-Date`, `API-Sunset-Date`.
//!
//! Every answer's headers are read; the latest version seen is [`crate::Client::api_version`],
//! and the first answer announcing a deprecation or sunset is logged once per client as a
//! warning (target `nbi::mano`).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use http::HeaderMap;
use serde::Serialize;

/// What the server said about its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ApiVersion {
    /// `API-Version` (`1.0.0`).
    pub version: Option<String>,
    /// `API-Deprecation-Date`: when this version is deprecated (RFC 3339).
    pub deprecation_date: Option<String>,
    /// `API-Sunset-Date`: when this version stops answering (RFC 3339).
    pub sunset_date: Option<String>,
}

impl ApiVersion {
    /// Reads the headers of one answer; `None` when none of them is present.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let v = ApiVersion {
            version: text("api-version"),
            deprecation_date: text("api-deprecation-date"),
            sunset_date: text("api-sunset-date"),
        };
        (v.version.is_some() || v.is_deprecated()).then_some(v)
    }

    /// Whether the server announced a deprecation or a sunset.
    pub fn is_deprecated(&self) -> bool {
        self.deprecation_date.is_some() || self.sunset_date.is_some()
    }
}

/// The latest version a client saw, and whether it already warned.
#[derive(Debug, Default)]
pub(crate) struct VersionWatch {
    latest: Mutex<Option<ApiVersion>>,
    warned: AtomicBool,
}

impl VersionWatch {
    /// Notes the version headers of an answer of (service, tenant).
    pub(crate) fn observe(&self, headers: &HeaderMap, service: &str, tenant: &str) {
        let Some(seen) = ApiVersion::from_headers(headers) else {
            return;
        };
        if seen.is_deprecated() && !self.warned.swap(true, Ordering::Relaxed) {
            tracing::warn!(
                target: "nbi::mano",
                service,
                tenant,
                version = seen.version.as_deref().unwrap_or("unknown"),
                deprecation_date = seen.deprecation_date.as_deref().unwrap_or("-"),
                sunset_date = seen.sunset_date.as_deref().unwrap_or("-"),
                "the MANO API version in use is deprecated; plan the migration before its sunset date"
            );
        }
        *self.latest.lock().unwrap_or_else(|p| p.into_inner()) = Some(seen);
    }

    pub(crate) fn latest(&self) -> Option<ApiVersion> {
        self.latest
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    #[cfg(test)]
    pub(crate) fn has_warned(&self) -> bool {
        self.warned.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_headers() {
        let mut h = HeaderMap::new();
        assert_eq!(ApiVersion::from_headers(&h), None);
        h.insert("api-version", "1.0.0".parse().unwrap());
        let v = ApiVersion::from_headers(&h).unwrap();
        assert!(!v.is_deprecated());
        h.insert("api-sunset-date", "2026-06-30T23:59:59Z".parse().unwrap());
        let watch = VersionWatch::default();
        watch.observe(&h, "mano", "t");
        assert!(watch.has_warned());
        assert_eq!(
            watch.latest().unwrap().sunset_date.as_deref(),
            Some("2026-06-30T23:59:59Z")
        );
    }
}
