//! Per-tenant credentials and their checks: static bearer tokens, HTTP basic, and tokens issued
//! by the OAuth2 and JWT-login endpoints (see `endpoints`), which expire by TTL or use count.

mod endpoints;
mod jwt;

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

// Tokio's clock, so paused-clock tests can age tokens.
use tokio::time::Instant;

use axum::http::{HeaderMap, header};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

pub(crate) use endpoints::{jwt_routes, routes};

use crate::config::{AuthMode, FaultConfig, Service};
use crate::credentials::Credentials;
use crate::fault::mix;
use crate::problem::Problem;

/// The challenge sent with 401s for bearer-token schemes.
const BEARER_CHALLENGE: &str = "Bearer realm=\"nbi-sim\"";
/// The challenge sent with 401s for expired or unknown bearer tokens.
const BEARER_INVALID: &str = "Bearer realm=\"nbi-sim\", error=\"invalid_token\"";
/// The challenge sent with 401s for basic auth.
const BASIC_CHALLENGE: &str = "Basic realm=\"nbi-sim\"";
/// The challenge of a rejected NetBox-style token.
const TOKEN_CHALLENGE: &str = "Token realm=\"nbi-sim\"";

/// One tenant's scheme and secrets.
#[derive(Clone)]
enum TenantAuth {
    Open,
    Bearer {
        token: String,
    },
    OAuth2 {
        client_id: String,
        client_secret: String,
    },
    JwtLogin {
        username: String,
        password: String,
    },
    Basic {
        username: String,
        password: String,
    },
    /// A NetBox token: v1 (`Authorization: Token <40 hex>`) or v2
    /// (`Authorization: Bearer nbt_<id>.<secret>`).
    Token {
        token: String,
    },
}

/// A token the server issued, with what is left of its life.
struct Issued {
    tenant: usize,
    expires: Option<Instant>,
    uses_left: Option<u64>,
    /// Whether its first refusal as expired was counted (each token expires once).
    expiry_counted: bool,
}

/// Every tenant's credentials and every token issued so far.
pub(crate) struct AuthRegistry {
    tenants: Vec<TenantAuth>,
    seed: u64,
    jwt_key: Vec<u8>,
    issued: Mutex<HashMap<String, Issued>>,
    refresh_tokens: Mutex<HashMap<String, usize>>,
    issue_counter: Mutex<u64>,
    /// Issued tokens refused at least once because they expired.
    expired: AtomicU64,
}

impl std::fmt::Debug for AuthRegistry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets stay out of Debug output.
        f.debug_struct("AuthRegistry")
            .field("tenants", &self.tenants.len())
            .finish_non_exhaustive()
    }
}

/// A deterministic, random-looking secret for (seed, tenant, purpose).
fn secret(seed: u64, tenant: usize, purpose: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(mix(seed ^ 0x005E_C2E7, (tenant as u64) << 8 | purpose));
    (0..32).map(|_| rng.alphanumeric()).collect()
}

/// A NetBox v1 API key: 40 lowercase hex digits, deterministic for (seed, tenant).
fn hex_key(seed: u64, tenant: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(mix(seed ^ 0x0000_7E4B, tenant as u64));
    (0..40)
        .map(|_| char::from_digit(rng.u32(0..16), 16).unwrap_or('0'))
        .collect()
}

/// A NetBox v2 token, `nbt_<id>.<secret>`, deterministic for (seed, tenant).
fn netbox_v2_token(seed: u64, tenant: usize) -> String {
    let mut rng = fastrand::Rng::with_seed(mix(seed ^ 0x0000_7E4C, tenant as u64));
    let id: String = (0..12).map(|_| rng.alphanumeric()).collect();
    format!("nbt_{id}.{}", secret(seed, tenant, 5))
}

impl AuthRegistry {
    /// The credentials `service` expects of each tenant (all open when `mode` is `None`):
    /// the NMS rotates schemes (see [`rotation`]); NetBox hands out v1 tokens to odd
    /// tenants (`tenant-1`, `tenant-3` …) and v2 tokens to even ones; GenieACS, which real
    /// deployments put behind a basic-auth proxy, uses basic; VOLTHA's gateway a bearer token.
    pub(crate) fn for_service(service: Service, mode: AuthMode, tenants: usize, seed: u64) -> Self {
        let plan = |t: usize| match (service, mode) {
            (_, AuthMode::None) => TenantAuth::Open,
            (Service::Nms, AuthMode::Default) => rotation(seed, t),
            (Service::Netbox, AuthMode::Default) => TenantAuth::Token {
                token: if t.is_multiple_of(2) {
                    hex_key(seed, t)
                } else {
                    netbox_v2_token(seed, t)
                },
            },
            (Service::Genieacs, AuthMode::Default) => TenantAuth::Basic {
                username: format!("acs{}", t + 1),
                password: secret(seed, t, 6),
            },
            (Service::Voltha, AuthMode::Default) => TenantAuth::Bearer {
                token: secret(seed, t, 7),
            },
            (Service::Cms, AuthMode::Default) => TenantAuth::Basic {
                username: format!("nbi{}", t + 1),
                password: secret(seed, t, 8),
            },
            // Odd tenants (tenant-1, tenant-3 …) use basic auth, even ones OAuth 2; the client id
            // is `client@instance` either way.
            (Service::Ofsc, AuthMode::Default) if t.is_multiple_of(2) => TenantAuth::Basic {
                username: format!("ofsc-client{}@{}", t + 1, ofsc_instance(t)),
                password: secret(seed, t, 10),
            },
            (Service::Ofsc, AuthMode::Default) => TenantAuth::OAuth2 {
                client_id: format!("ofsc-client{}@{}", t + 1, ofsc_instance(t)),
                client_secret: secret(seed, t, 10),
            },
            (Service::Mano, AuthMode::Default) => TenantAuth::JwtLogin {
                username: format!("operator{}@oran-mano.io", t + 1),
                password: secret(seed, t, 11),
            },
        };
        Self::with_tenants((0..tenants).map(plan).collect(), seed)
    }

    fn with_tenants(tenants: Vec<TenantAuth>, seed: u64) -> Self {
        Self {
            tenants,
            seed,
            jwt_key: secret(seed, usize::MAX >> 8, 9).into_bytes(),
            issued: Mutex::new(HashMap::new()),
            refresh_tokens: Mutex::new(HashMap::new()),
            issue_counter: Mutex::new(0),
            expired: AtomicU64::new(0),
        }
    }

    /// How many issued tokens have expired and been refused at least once since.
    pub(crate) fn expired(&self) -> u64 {
        self.expired.load(Ordering::Relaxed)
    }

    /// Whether the registry checks no credentials at all.
    pub(crate) fn is_open(&self) -> bool {
        self.tenants.iter().all(|t| matches!(t, TenantAuth::Open))
    }

    /// What an OFSC client of tenant `tenant` needs: the instance, the client id without
    /// `@instance`, the secret, and the token URL when the tenant uses OAuth 2.
    pub(crate) fn ofsc_credentials(&self, tenant: usize, base_url: &str) -> Credentials {
        let (id, secret, oauth2) = match self.tenants.get(tenant) {
            Some(TenantAuth::Basic { username, password }) => (username, password, false),
            Some(TenantAuth::OAuth2 {
                client_id,
                client_secret,
            }) => (client_id, client_secret, true),
            _ => return Credentials::None,
        };
        let instance = ofsc_instance(tenant);
        Credentials::Ofsc {
            client_id: id.split('@').next().unwrap_or_default().to_owned(),
            client_secret: secret.clone(),
            token_url: oauth2.then(|| format!("{base_url}/rest/oauthTokenService/v2/token")),
            instance,
        }
    }

    /// What a client of tenant `tenant` needs, given the server's base URL.
    pub(crate) fn credentials(&self, tenant: usize, base_url: &str) -> Credentials {
        match self.tenants.get(tenant) {
            None | Some(TenantAuth::Open) => Credentials::None,
            Some(TenantAuth::Bearer { token }) => Credentials::Bearer {
                token: token.clone(),
            },
            Some(TenantAuth::OAuth2 {
                client_id,
                client_secret,
            }) => Credentials::OAuth2 {
                token_url: format!("{base_url}/oauth/token"),
                client_id: client_id.clone(),
                client_secret: client_secret.clone(),
            },
            Some(TenantAuth::JwtLogin { username, password }) => Credentials::JwtLogin {
                username: username.clone(),
                password: password.clone(),
            },
            Some(TenantAuth::Basic { username, password }) => Credentials::Basic {
                username: username.clone(),
                password: password.clone(),
            },
            Some(TenantAuth::Token { token }) => Credentials::Token {
                token: token.clone(),
            },
        }
    }

    /// The tenant the request's credentials point at, without checking expiry or counting a use
    /// (for picking per-tenant faults).
    pub(crate) fn peek_tenant(&self, headers: &HeaderMap) -> Option<usize> {
        if self.is_open() {
            return Some(0);
        }
        match presented(headers)? {
            Presented::Bearer(token) => self.static_bearer_or_v2(token).or_else(|| {
                let issued = self.issued.lock().unwrap_or_else(|p| p.into_inner());
                issued.get(token).map(|i| i.tenant)
            }),
            Presented::Basic(user, password) => self.basic(&user, &password),
            Presented::Token(token) => self.static_token(token),
        }
    }

    /// The tenant of a request to the API, or the 401 to answer. Counts one use of an issued token.
    pub(crate) fn authenticate(&self, headers: &HeaderMap) -> Result<usize, Problem> {
        if self.is_open() {
            return Ok(0);
        }
        match presented(headers) {
            None => Err(Problem::unauthorized(
                BEARER_CHALLENGE,
                "Authentication credentials were not provided.",
            )),
            Some(Presented::Basic(user, password)) => {
                self.basic(&user, &password).ok_or_else(|| {
                    Problem::unauthorized(BASIC_CHALLENGE, "Invalid username or password.")
                })
            }
            Some(Presented::Bearer(token)) => {
                if let Some(tenant) = self.static_bearer_or_v2(token) {
                    return Ok(tenant);
                }
                self.use_issued(token)
            }
            Some(Presented::Token(token)) => self
                .static_token(token)
                .ok_or_else(|| Problem::unauthorized(TOKEN_CHALLENGE, "Invalid token")),
        }
    }

    fn static_token(&self, token: &str) -> Option<usize> {
        self.tenants
            .iter()
            .position(|t| matches!(t, TenantAuth::Token { token: known } if known == token))
    }

    /// A static bearer token, or a NetBox v2 token (sent as `Bearer nbt_…`).
    fn static_bearer_or_v2(&self, token: &str) -> Option<usize> {
        if token.starts_with("nbt_") {
            return self.static_token(token);
        }
        self.static_bearer(token)
    }

    fn static_bearer(&self, token: &str) -> Option<usize> {
        self.tenants
            .iter()
            .position(|t| matches!(t, TenantAuth::Bearer { token: known } if known == token))
    }

    /// The tenant whose user name and password these are (a CMS NETCONF login carries them in
    /// its XML body); any pair logs in to the first tenant when the registry is open.
    pub(crate) fn login_tenant(&self, user: &str, password: &str) -> Option<usize> {
        if self.is_open() {
            return Some(0);
        }
        self.basic(user, password)
    }

    fn basic(&self, user: &str, password: &str) -> Option<usize> {
        self.tenants.iter().position(|t| {
            matches!(t, TenantAuth::Basic { username, password: known } if username == user && known == password)
        })
    }

    pub(crate) fn use_issued(&self, token: &str) -> Result<usize, Problem> {
        let invalid = |detail: &str| Problem::unauthorized(BEARER_INVALID, detail.to_owned());
        let mut issued = self.issued.lock().unwrap_or_else(|p| p.into_inner());
        let Some(entry) = issued.get_mut(token) else {
            return Err(invalid("Invalid token."));
        };
        let used_up = entry.uses_left == Some(0);
        if used_up || entry.expires.is_some_and(|at| Instant::now() >= at) {
            if !entry.expiry_counted {
                entry.expiry_counted = true;
                self.expired.fetch_add(1, Ordering::Relaxed);
            }
            return Err(invalid("The access token expired."));
        }
        if let Some(left) = entry.uses_left.as_mut() {
            *left -= 1;
        }
        Ok(entry.tenant)
    }

    /// Issues an access token for `tenant` (a JWT when `jwt`), living as `faults` say.
    /// Returns the token and its `expires_in` seconds.
    pub(crate) fn issue(&self, tenant: usize, jwt: bool, faults: &FaultConfig) -> (String, u64) {
        let n = {
            let mut counter = self.issue_counter.lock().unwrap_or_else(|p| p.into_inner());
            *counter += 1;
            *counter
        };
        let ttl = faults.token_ttl_s.unwrap_or(3600);
        let token = if jwt {
            let subject = match self.tenants.get(tenant) {
                Some(TenantAuth::JwtLogin { username, .. }) => username.as_str(),
                _ => "client",
            };
            jwt::sign(&self.jwt_key, subject, tenant, ttl, n)
        } else {
            let mut rng = fastrand::Rng::with_seed(mix(self.seed ^ 0x70CE, n));
            (0..40).map(|_| rng.alphanumeric()).collect()
        };
        let entry = Issued {
            tenant,
            expires: faults
                .token_ttl_s
                .map(|s| Instant::now() + Duration::from_secs(s)),
            uses_left: faults.token_uses,
            expiry_counted: false,
        };
        self.issued
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(token.clone(), entry);
        (token, ttl)
    }

    fn issue_refresh(&self, tenant: usize) -> String {
        let mut map = self
            .refresh_tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let mut rng = fastrand::Rng::with_seed(mix(self.seed ^ 0x2EF2, map.len() as u64));
        let token: String = (0..48).map(|_| rng.alphanumeric()).collect();
        map.insert(token.clone(), tenant);
        token
    }

    fn refresh_tenant(&self, refresh_token: &str) -> Option<usize> {
        let map = self
            .refresh_tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.get(refresh_token).copied()
    }

    pub(crate) fn oauth_client(&self, id: &str, secret: &str) -> Option<usize> {
        self.tenants.iter().position(|t| {
            matches!(t, TenantAuth::OAuth2 { client_id, client_secret } if client_id == id && client_secret == secret)
        })
    }

    fn login(&self, user: &str, password: &str) -> Option<usize> {
        self.tenants.iter().position(|t| {
            matches!(t, TenantAuth::JwtLogin { username, password: known } if username == user && known == password)
        })
    }
}

/// The simulated OFSC instance name of tenant `t` (`sim-1` for tenant-1).
pub(crate) fn ofsc_instance(t: usize) -> String {
    format!("sim-{}", t + 1)
}

/// The NMS's scheme for tenant `t`: `t % 5` of bearer, oauth2, jwt-login, basic, NetBox token.
fn rotation(seed: u64, t: usize) -> TenantAuth {
    match t % 5 {
        0 => TenantAuth::Bearer {
            token: secret(seed, t, 0),
        },
        1 => TenantAuth::OAuth2 {
            client_id: format!("nbi-sim-client-{}", t + 1),
            client_secret: secret(seed, t, 1),
        },
        2 => TenantAuth::JwtLogin {
            username: format!("operator{}", t + 1),
            password: secret(seed, t, 2),
        },
        3 => TenantAuth::Basic {
            username: format!("netops{}", t + 1),
            password: secret(seed, t, 3),
        },
        _ => TenantAuth::Token {
            token: hex_key(seed, t),
        },
    }
}

/// The user and password of a basic `Authorization` header.
pub(crate) fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    match presented(headers)? {
        Presented::Basic(user, password) => Some((user, password)),
        _ => None,
    }
}

/// Credentials found in the `Authorization` header.
enum Presented<'a> {
    Bearer(&'a str),
    Basic(String, String),
    Token(&'a str),
}

fn presented(headers: &HeaderMap) -> Option<Presented<'_>> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") {
        return Some(Presented::Bearer(rest.trim()));
    }
    if scheme.eq_ignore_ascii_case("token") {
        return Some(Presented::Token(rest.trim()));
    }
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = STANDARD.decode(rest.trim()).ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        let (user, password) = decoded.split_once(':')?;
        return Some(Presented::Basic(user.to_owned(), password.to_owned()));
    }
    None
}

#[cfg(test)]
mod tests;
