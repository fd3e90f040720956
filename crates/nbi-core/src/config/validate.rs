//! Checks on merged settings. Every problem is reported, each naming its field path.

use url::Url;

use super::{AuthSettings, ServiceSettings, Settings};
use crate::error::{Error, ErrorKind, Result};

/// Service kinds whose URL is generated from another key when `url` is absent.
const GENERATED_URL: &[(&str, &str)] = &[("ofsc", "instance")];

/// Service kinds that know their OAuth 2 token endpoint.
const GENERATED_TOKEN_URL: &[&str] = &["ofsc"];

impl Settings {
    /// Checks names, URLs, limits, timeouts and files. Errors are of kind `Config` and name
    /// each field path and the reason; every problem found is listed.
    pub fn validate(&self) -> Result<()> {
        let mut problems = Vec::new();
        if let Some(bundle) = &self.settings.ca_bundle
            && !bundle.is_file()
        {
            problems.push(Error::config(
                "settings.ca_bundle",
                format!("{} is not a readable file", bundle.display()),
            ));
        }
        for (tenant, services) in &self.tenants {
            check_name(
                &mut problems,
                &format!("tenants.{tenant}"),
                tenant,
                "tenant",
            );
            for (name, service) in services {
                let prefix = format!("tenants.{tenant}.{name}");
                check_name(&mut problems, &prefix, name, "service");
                self.check_service(&mut problems, &prefix, name, service);
            }
        }
        match problems.len() {
            0 => Ok(()),
            1 => Err(problems.remove(0)),
            _ => {
                let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
                Err(Error::new(ErrorKind::Config, all.join("; ")))
            }
        }
    }

    fn check_service(&self, out: &mut Vec<Error>, prefix: &str, name: &str, s: &ServiceSettings) {
        let kind = s.kind_or(name);
        match &s.url {
            Some(url) => self.check_url(out, &format!("{prefix}.url"), url),
            None => {
                let generated = GENERATED_URL
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .is_some_and(|(_, from)| s.extra.contains_key(*from));
                if !generated {
                    out.push(Error::config(
                        format!("{prefix}.url"),
                        "missing: the service needs a url",
                    ));
                }
            }
        }
        for (key, value) in s.extra.iter().filter(|(k, _)| k.ends_with("_url")) {
            if let Some(text) = value.as_str() {
                self.check_url_text(out, &format!("{prefix}.{key}"), text);
            }
        }
        if let AuthSettings::Oauth2 { token_url, .. } = &s.auth {
            match token_url {
                Some(text) => self.check_url_text(out, &format!("{prefix}.auth.token_url"), text),
                None if GENERATED_TOKEN_URL.contains(&kind) => {}
                None => out.push(Error::config(
                    format!("{prefix}.auth.token_url"),
                    "missing: oauth2 needs the token endpoint",
                )),
            }
        }
        let checks = [
            s.retry.validate(&format!("{prefix}.retry")),
            s.breaker.validate(&format!("{prefix}.breaker")),
            s.rate_limit
                .as_ref()
                .map_or(Ok(()), |r| r.validate(&format!("{prefix}.rate_limit"))),
        ];
        out.extend(checks.into_iter().filter_map(Result::err));
        if s.max_concurrency == 0 {
            out.push(Error::config(
                format!("{prefix}.max_concurrency"),
                "must be at least 1",
            ));
        }
        for (class, secs) in &s.timeouts {
            if !(secs.is_finite() && *secs > 0.0 && *secs <= MAX_SECONDS) {
                out.push(Error::config(
                    format!("{prefix}.timeouts.{class}"),
                    "must be a positive number of seconds, at most a day (86400)",
                ));
            }
        }
        if let Some(tls) = &s.tls {
            if tls.client_cert.is_some() != tls.client_key.is_some() {
                out.push(Error::config(
                    format!("{prefix}.tls"),
                    "client_cert and client_key go together",
                ));
            }
            for (field, path) in [
                ("client_cert", &tls.client_cert),
                ("client_key", &tls.client_key),
            ] {
                if let Some(path) = path.as_ref().filter(|p| !p.is_file()) {
                    out.push(Error::config(
                        format!("{prefix}.tls.{field}"),
                        format!("{} is not a readable file", path.display()),
                    ));
                }
            }
        }
    }

    fn check_url_text(&self, out: &mut Vec<Error>, field: &str, text: &str) {
        match Url::parse(text) {
            Ok(url) => self.check_url(out, field, &url),
            Err(e) => out.push(Error::config(field, format!("not a valid URL ({e})"))),
        }
    }

    fn check_url(&self, out: &mut Vec<Error>, field: &str, url: &Url) {
        match url.scheme() {
            "https" => {}
            "http" if self.settings.allow_insecure_http => {}
            "http" => out.push(Error::config(
                field,
                "http:// is refused unless settings.allow_insecure_http = true",
            )),
            other => out.push(Error::config(
                field,
                format!("{other}:// is not supported; use https://"),
            )),
        }
        if url.host_str().is_none_or(str::is_empty) {
            out.push(Error::config(field, "the URL has no host"));
        }
        // Credentials belong in `auth` (where they are secret fields), never in a URL that is
        // shown and logged.
        if !url.username().is_empty() || url.password().is_some() {
            out.push(Error::config(
                field,
                "must not carry a user or password; use the auth table",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            out.push(Error::config(
                field,
                "must not carry a query string or fragment",
            ));
        }
    }
}

/// The longest duration any setting may ask for, in seconds.
const MAX_SECONDS: f64 = 86_400.0;

/// Tenant and service names: lowercase letters, digits and `-`.
fn check_name(out: &mut Vec<Error>, field: &str, name: &str, what: &str) {
    let valid = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid {
        out.push(Error::config(
            field,
            format!("a {what} name is lowercase letters, digits and - only"),
        ));
    }
}
