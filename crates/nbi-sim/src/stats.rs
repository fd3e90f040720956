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

#[derive(Debug, Default)]
struct Inner {
    requests: u64,
    by_route: HashMap<String, BTreeMap<String, u64>>,
    auth: AuthStats,
    by_device: HashMap<String, u64>,
    in_retry_after_window: u64,
    faults: FaultStats,
    /// (tenant, path) → end of the Retry-After window given for it.
    retry_windows: HashMap<(String, String), Instant>,
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
        if !inner.retry_windows.is_empty() {
            let key = (tenant.to_owned(), path.to_owned());
            if inner
                .retry_windows
                .get(&key)
                .is_some_and(|end| Instant::now() < *end)
            {
                inner.in_retry_after_window += 1;
            }
        }
        InFlightGuard(&self.in_flight)
    }

    /// Counts one outcome (`"200"`, `"reset"` …) of a route.
    pub(crate) fn outcome(&self, route: &str, outcome: &str) {
        let mut inner = self.lock();
        let per_route = match inner.by_route.get_mut(route) {
            Some(map) => map,
            None => inner.by_route.entry(route.to_owned()).or_default(),
        };
        match per_route.get_mut(outcome) {
            Some(count) => *count += 1,
            None => {
                per_route.insert(outcome.to_owned(), 1);
            }
        }
    }

    pub(crate) fn device(&self, tenant: &str, id: &str) {
        let mut inner = self.lock();
        let key = format!("{tenant}/{id}");
        *inner.by_device.entry(key).or_default() += 1;
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
        self.lock()
            .retry_windows
            .insert((tenant.to_owned(), path.to_owned()), end);
    }

    pub(crate) fn auth_call(&self, f: impl FnOnce(&mut AuthStats)) {
        f(&mut self.lock().auth);
    }

    pub(crate) fn snapshot(&self) -> Stats {
        let inner = self.lock();
        Stats {
            requests: inner.requests,
            by_route: inner
                .by_route
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            in_flight: self.in_flight.load(Ordering::Relaxed),
            max_in_flight: self.max_in_flight.load(Ordering::Relaxed),
            auth: inner.auth.clone(),
            by_device: inner
                .by_device
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
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
