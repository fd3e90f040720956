//! Proxies from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (either case), read
//! once when a transport is built. Reading them ourselves, instead of leaving it to reqwest,
//! makes the rules testable and lets errors name the variable without showing its value
//! (proxy URLs often carry credentials).

use std::fmt;

use crate::error::{Error, Result};

/// Which proxies a transport uses.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    /// Proxy for `https://` targets.
    pub https: Option<String>,
    /// Proxy for `http://` targets.
    pub http: Option<String>,
    /// Hosts, domains and networks reached directly (`NO_PROXY` syntax).
    pub no_proxy: Option<String>,
}

impl ProxyConfig {
    /// No proxy at all, whatever the environment says.
    pub fn none() -> Self {
        ProxyConfig::default()
    }

    /// The proxies the process environment names.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// The proxies named by `var` (lookup by variable name), as the environment would.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let get = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| var(n).filter(|v| !v.trim().is_empty()))
        };
        let all = get(&["ALL_PROXY", "all_proxy"]);
        ProxyConfig {
            https: get(&["HTTPS_PROXY", "https_proxy"]).or_else(|| all.clone()),
            // Lower case only, as curl does: `HTTP_PROXY` can be set by a CGI request header.
            http: get(&["http_proxy"]).or(all),
            no_proxy: get(&["NO_PROXY", "no_proxy"]),
        }
    }

    /// Applies the configuration to a reqwest builder.
    pub(crate) fn apply(
        &self,
        mut builder: reqwest::ClientBuilder,
    ) -> Result<reqwest::ClientBuilder> {
        // Never let reqwest read the environment on its own: this config is the whole truth.
        builder = builder.no_proxy();
        let no_proxy = self
            .no_proxy
            .as_deref()
            .and_then(reqwest::NoProxy::from_string);
        if let Some(url) = &self.https {
            let proxy = reqwest::Proxy::https(url.as_str())
                .map_err(|_| Error::config("HTTPS_PROXY", "not a valid proxy URL"))?;
            builder = builder.proxy(proxy.no_proxy(no_proxy.clone()));
        }
        if let Some(url) = &self.http {
            let proxy = reqwest::Proxy::http(url.as_str())
                .map_err(|_| Error::config("http_proxy", "not a valid proxy URL"))?;
            builder = builder.proxy(proxy.no_proxy(no_proxy));
        }
        Ok(builder)
    }
}

impl fmt::Debug for ProxyConfig {
    // Proxy URLs may hold a user and password: show only whether each is set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("https", &self.https.is_some())
            .field("http", &self.http.is_some())
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn vars(pairs: &[(&str, &str)]) -> ProxyConfig {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        ProxyConfig::from_vars(|n| map.get(n).cloned())
    }

    #[test]
    fn variables_in_either_case_with_all_proxy_as_fallback() {
        let c = vars(&[
            ("https_proxy", "http://p:3128"),
            ("NO_PROXY", "localhost,.internal"),
        ]);
        assert_eq!(c.https.as_deref(), Some("http://p:3128"));
        assert_eq!(c.no_proxy.as_deref(), Some("localhost,.internal"));
        let c = vars(&[
            ("ALL_PROXY", "http://all:1"),
            ("HTTP_PROXY", "http://ignored:1"),
        ]);
        assert_eq!(c.https.as_deref(), Some("http://all:1"));
        assert_eq!(
            c.http.as_deref(),
            Some("http://all:1"),
            "upper-case HTTP_PROXY is not trusted"
        );
        assert_eq!(vars(&[("HTTPS_PROXY", "  ")]), ProxyConfig::none());
    }

    #[test]
    fn debug_hides_proxy_credentials() {
        let c = vars(&[("HTTPS_PROXY", "http://user:hunter2@p:3128")]);
        assert!(!format!("{c:?}").contains("hunter2"));
        let e = ProxyConfig {
            https: Some("::not a url::hunter2".into()),
            ..ProxyConfig::none()
        }
        .apply(reqwest::Client::builder())
        .unwrap_err();
        assert!(!format!("{e} {e:?}").contains("hunter2"));
    }
}
