//! Request counters served at `GET /_sim/stats` and by [`SimHandle::stats`](crate::SimHandle::stats).

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// A snapshot of the counters of every server of one [`SimHandle`](crate::SimHandle).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Stats {
    /// Requests seen, `/_sim/*` excluded.
    pub requests: u64,
    /// Requests by route (`"GET /api/v1/devices/{id}/config"`) then by outcome: the status code
    /// (`"200"`), or `"reset"` / `"stall"` / `"truncated"` for faults that send no full answer.
    pub by_route: BTreeMap<String, BTreeMap<String, u64>>,
    /// Requests being served right now.
    pub in_flight: u64,
    /// The highest number of requests in flight at once.
    pub max_in_flight: u64,
    /// Calls to the auth endpoints and rejected credentials.
    pub auth: AuthStats,
    /// Config fetches per device, keyed `tenant/id`.
    pub by_device: BTreeMap<String, u64>,
    /// Requests that arrived inside a `Retry-After` window the server gave for the same
    /// (tenant, path).
    pub in_retry_after_window: u64,
    /// How many times each fault fired.
    pub faults: FaultStats,
}

/// Auth endpoint counters.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct AuthStats {
    /// `POST /oauth/token` calls.
    pub token: u64,
    /// `POST /auth/login` calls.
    pub login: u64,
    /// `POST /auth/refresh` calls.
    pub refresh: u64,
    /// Requests answered 401.
    pub rejected: u64,
    /// Issued tokens that expired (by TTL or use count) and were then presented: each counts
    /// once however often it is refused, so a client that renews once per expiry asks for
    /// exactly this many tokens after its first.
    #[serde(default)]
    pub expired: u64,
}

/// Fault counters.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct FaultStats {
    /// Requests delayed by `latency_ms`/`jitter_ms`.
    pub delayed: u64,
    /// 503 answers.
    pub fail: u64,
    /// 429 answers.
    pub throttle: u64,
    /// Connections dropped before any response.
    pub reset: u64,
    /// Stalled requests.
    pub stall: u64,
    /// Truncated bodies.
    pub truncate: u64,
}

/// Which fault fired, for counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FaultKind {
    Fail,
    Throttle,
    Reset,
    Stall,
    Truncate,
}

/// The live counters, shared by every server of a handle.
#[derive(Debug, Default)]
pub(crate) struct StatsRecorder {
    in_flight: AtomicU64,
    max_in_flight: AtomicU64,
    inner: Mutex<Inner>,
}

/// Counters behind one lock. Maps are nested so that lookups take borrowed keys: the hot path
/// allocates only the first time it meets a route, outcome or device.
#[derive(Debug, Default)]
struct Inner {
    requests: u64,
    /// method → route → outcome → count.
    by_route: HashMap<String, HashMap<String, HashMap<String, u64>>>,
    auth: AuthStats,
    /// tenant index → device id → fetches.
    by_device: HashMap<usize, HashMap<String, u64>>,
    in_retry_after_window: u64,
    faults: FaultStats,
    /// tenant → path → end of the Retry-After window given for it.
    retry_windows: HashMap<String, HashMap<String, Instant>>,
}

/// A config fetch of one device, put in the response's extensions by the handler so the fault
/// layer counts it together with the outcome.
#[derive(Clone, Debug)]
pub(crate) struct DeviceHit {
    pub(crate) tenant: usize,
    pub(crate) id: String,
}

/// Adds one to `map[key]`, allocating the key only when it is new.
fn bump(map: &mut HashMap<String, u64>, key: &str) {
    match map.get_mut(key) {
        Some(count) => *count += 1,
        None => {
            map.insert(key.to_owned(), 1);
        }
    }
}

/// `map[key]`, created empty when missing, allocating the key only when it is new.
fn entry<'a, V: Default>(map: &'a mut HashMap<String, V>, key: &str) -> &'a mut V {
    if !map.contains_key(key) {
        map.insert(key.to_owned(), V::default());
    }
    map.get_mut(key)
        .unwrap_or_else(|| unreachable!("inserted above"))
}

/// Decrements the in-flight gauge when the request ends, however it ends.
#[derive(Debug)]
pub(crate) struct InFlightGuard<'a>(&'a AtomicU64);

impl Drop for InFlightGuard<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl StatsRecorder {
    /// Counts a request that starts now and checks it against open Retry-After windows.
    pub(crate) fn begin(&self, tenant: &str, path: &str) -> InFlightGuard<'_> {
        let now = self.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        self.max_in_flight.fetch_max(now, Ordering::Relaxed);
        let mut inner = self.lock();
        inner.requests += 1;
        let window_end = inner
            .retry_windows
            .get(tenant)
            .and_then(|paths| paths.get(path));
        if window_end.is_some_and(|end| Instant::now() < *end) {
            inner.in_retry_after_window += 1;
        }
        InFlightGuard(&self.in_flight)
    }

    /// Counts one outcome (`"200"`, `"reset"` …) of a route, and the device fetched if any.
    pub(crate) fn outcome(
        &self,
        method: &str,
        route: &str,
        outcome: &str,
        device: Option<DeviceHit>,
    ) {
        let mut inner = self.lock();
        bump(entry(entry(&mut inner.by_route, method), route), outcome);
        if let Some(hit) = device {
            let per_tenant = inner.by_device.entry(hit.tenant).or_default();
            match per_tenant.get_mut(&hit.id) {
                Some(count) => *count += 1,
                None => {
                    per_tenant.insert(hit.id, 1);
                }
            }
        }
    }

    pub(crate) fn fault(&self, kind: FaultKind) {
        let mut inner = self.lock();
        let faults = &mut inner.faults;
        match kind {
            FaultKind::Fail => faults.fail += 1,
            FaultKind::Throttle => faults.throttle += 1,
            FaultKind::Reset => faults.reset += 1,
            FaultKind::Stall => faults.stall += 1,
            FaultKind::Truncate => faults.truncate += 1,
        }
    }

    pub(crate) fn delayed(&self) {
        self.lock().faults.delayed += 1;
    }

    /// Remembers that the server told clients to wait `after` before retrying (tenant, path).
    pub(crate) fn retry_window(&self, tenant: &str, path: &str, after: Duration) {
        let end = Instant::now() + after;
        let mut inner = self.lock();
        entry(&mut inner.retry_windows, tenant).insert(path.to_owned(), end);
    }

    pub(crate) fn auth_call(&self, f: impl FnOnce(&mut AuthStats)) {
        f(&mut self.lock().auth);
    }

    /// The counters now; `tenants` names tenant indexes.
    pub(crate) fn snapshot(&self, tenants: &[String]) -> Stats {
        let inner = self.lock();
        let by_route = inner
            .by_route
            .iter()
            .flat_map(|(method, routes)| {
                routes.iter().map(move |(route, outcomes)| {
                    let outcomes = outcomes.iter().map(|(k, v)| (k.clone(), *v)).collect();
                    (format!("{method} {route}"), outcomes)
                })
            })
            .collect();
        let by_device = inner
            .by_device
            .iter()
            .flat_map(|(tenant, devices)| {
                let name = tenants.get(*tenant).map_or("-", String::as_str);
                devices
                    .iter()
                    .map(move |(id, count)| (format!("{name}/{id}"), *count))
            })
            .collect();
        Stats {
            requests: inner.requests,
            by_route,
            in_flight: self.in_flight.load(Ordering::Relaxed),
            max_in_flight: self.max_in_flight.load(Ordering::Relaxed),
            auth: inner.auth.clone(),
            by_device,
            in_retry_after_window: inner.in_retry_after_window,
            faults: inner.faults.clone(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves counters that are still worth reading.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
