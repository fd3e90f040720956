//! CMS login sessions: at most 200 at once on one server, each ending at logout or after it
//! sat idle too long.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;

/// How many sessions a CMS server holds at once.
pub(crate) const MAX_SESSIONS: usize = 200;

/// The idle timeout when the faults set no `token_ttl_s`.
pub(crate) const DEFAULT_IDLE: Duration = Duration::from_secs(1800);

/// One open session.
#[derive(Debug)]
struct Session {
    tenant: usize,
    username: String,
    last_used: Instant,
    idle: Duration,
}

/// Counters served at `GET /_sim/cms/sessions`.
#[derive(Debug, Default, Clone, Serialize)]
pub(crate) struct SessionCounts {
    /// Successful logins, by tenant name.
    pub(crate) logins: std::collections::BTreeMap<String, u64>,
    /// Logins refused (bad credentials or the session limit).
    pub(crate) refused: u64,
    /// Sessions ended by a logout.
    pub(crate) logouts: u64,
    /// Sessions that expired while idle (or were expired through the admin route).
    pub(crate) expired: u64,
    /// RPCs answered "session not exist".
    pub(crate) rejected: u64,
    /// Sessions open now.
    pub(crate) active: usize,
}

/// Why a login failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LoginRefused {
    Credentials,
    TooMany,
}

/// Every open session of one server.
#[derive(Debug, Default)]
pub(crate) struct Sessions {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    open: HashMap<String, Session>,
    issued: u64,
    counts: SessionCounts,
}

impl Sessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Opens a session for `tenant` (named `tenant_name`), or says why not.
    pub(crate) fn login(
        &self,
        tenant: Option<usize>,
        tenant_name: &str,
        username: &str,
        idle: Duration,
        seed: u64,
    ) -> Result<String, LoginRefused> {
        let mut inner = self.lock();
        inner.sweep();
        let Some(tenant) = tenant else {
            inner.counts.refused += 1;
            return Err(LoginRefused::Credentials);
        };
        if inner.open.len() >= MAX_SESSIONS {
            inner.counts.refused += 1;
            return Err(LoginRefused::TooMany);
        }
        inner.issued += 1;
        // Numeric ids as CMS issues them, unpredictable enough across seeds.
        let id = (seed.wrapping_mul(0x9E37_79B9) % 90_000 + 10_000) * 100_000 + inner.issued;
        let id = id.to_string();
        inner.open.insert(
            id.clone(),
            Session {
                tenant,
                username: username.to_owned(),
                last_used: Instant::now(),
                idle,
            },
        );
        *inner
            .counts
            .logins
            .entry(tenant_name.to_owned())
            .or_default() += 1;
        Ok(id)
    }

    /// Ends a session; false when it did not exist.
    pub(crate) fn logout(&self, id: &str, username: &str) -> bool {
        let mut inner = self.lock();
        inner.sweep();
        let matches = inner.open.get(id).is_some_and(|s| s.username == username);
        if matches {
            inner.open.remove(id);
            inner.counts.logouts += 1;
        }
        matches
    }

    /// The tenant of a live session used by `username`, touching it.
    pub(crate) fn touch(&self, id: &str, username: &str) -> Option<usize> {
        let mut inner = self.lock();
        inner.sweep();
        let now = Instant::now();
        let found = inner
            .open
            .get_mut(id)
            .filter(|s| s.username == username)
            .map(|s| {
                s.last_used = now;
                s.tenant
            });
        if found.is_none() {
            inner.counts.rejected += 1;
        }
        found
    }

    /// Ends every session at once (as a CMS restart would).
    pub(crate) fn expire_all(&self) -> usize {
        let mut inner = self.lock();
        let n = inner.open.len();
        inner.open.clear();
        inner.counts.expired += n as u64;
        n
    }

    pub(crate) fn counts(&self) -> SessionCounts {
        let mut inner = self.lock();
        inner.sweep();
        let mut counts = inner.counts.clone();
        counts.active = inner.open.len();
        counts
    }
}

impl Inner {
    /// Drops sessions idle past their timeout.
    fn sweep(&mut self) {
        let now = Instant::now();
        let before = self.open.len();
        self.open
            .retain(|_, s| now.saturating_duration_since(s.last_used) < s.idle);
        self.counts.expired += (before - self.open.len()) as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn sessions_expire_when_idle_and_are_capped() {
        let sessions = Sessions::default();
        let idle = Duration::from_secs(60);
        let id = sessions.login(Some(0), "tenant-1", "u", idle, 1).unwrap();
        assert_eq!(sessions.touch(&id, "u"), Some(0));
        assert_eq!(sessions.touch(&id, "other"), None);
        tokio::time::advance(Duration::from_secs(61)).await;
        assert_eq!(sessions.touch(&id, "u"), None);
        assert_eq!(sessions.counts().expired, 1);
        for _ in 0..MAX_SESSIONS {
            sessions.login(Some(0), "tenant-1", "u", idle, 1).unwrap();
        }
        assert_eq!(
            sessions.login(Some(0), "tenant-1", "u", idle, 1),
            Err(LoginRefused::TooMany)
        );
        assert_eq!(
            sessions.login(None, "-", "u", idle, 1),
            Err(LoginRefused::Credentials)
        );
        assert_eq!(sessions.expire_all(), MAX_SESSIONS);
    }
}
