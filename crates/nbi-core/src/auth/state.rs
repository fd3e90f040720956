//! The credential a transport holds, renewed ahead of expiry and at most once per rejection.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::{HeaderMap, StatusCode};

use super::{AuthContext, Credential, SharedAuth};
use crate::error::{Error, ErrorKind, RawResponse, RequestContext, Result};

/// A credential together with the generation it belongs to.
#[derive(Debug)]
pub(crate) struct Issued {
    pub(crate) credential: Credential,
    pub(crate) generation: u64,
    obtained_at: SystemTime,
}

/// A renewal that failed, kept so that callers who were waiting for it share its outcome.
#[derive(Debug)]
struct Failure {
    /// The value of `AuthState::completed` this failure set.
    completed: u64,
    kind: ErrorKind,
    message: String,
    status: Option<StatusCode>,
    context: Option<RequestContext>,
    /// When the server's Retry-After ends (by the transport's clock): until then callers share
    /// this failure and wait it out instead of asking again.
    retry_at: Option<SystemTime>,
}

impl Failure {
    fn of(error: &Error, completed: u64, now: SystemTime) -> Self {
        Failure {
            completed,
            kind: error.kind(),
            message: error.message().to_owned(),
            status: error.status(),
            context: error.context().cloned(),
            retry_at: error.retry_after().map(|wait| now + wait),
        }
    }

    /// The same error again (its message holds no secret, by `Error`'s contract).
    fn to_error(&self, now: SystemTime) -> Error {
        let mut error = Error::new(self.kind, self.message.clone());
        if let Some(status) = self.status {
            error = error.with_raw(RawResponse {
                status,
                headers: HeaderMap::new(),
                body: Bytes::new(),
            });
        }
        if let Some(context) = &self.context {
            error = error.with_context(context.clone());
        }
        if let Some(at) = self.retry_at {
            error = error.with_retry_after(at.duration_since(now).unwrap_or_default());
        }
        error
    }
}

/// Holds one transport's credential and serializes its renewal (single flight).
#[derive(Debug)]
pub(crate) struct AuthState {
    provider: SharedAuth,
    current: Mutex<Option<Arc<Issued>>>,
    // Held across the provider's await so concurrent callers wait for one renewal and then
    // share its result instead of each logging in.
    renewing: tokio::sync::Mutex<()>,
    generation: AtomicU64,
    renewals: AtomicU64,
    // Renewal attempts that have returned, and the last one's error if it failed. Changed only
    // while `renewing` is held.
    completed: AtomicU64,
    last_failure: Mutex<Option<Failure>>,
    // After an early renewal failed while the credential was still valid, further early
    // renewals wait until this time, so a failing identity provider is not asked on every call.
    early_renewal_hold: Mutex<Option<SystemTime>>,
    skew: Duration,
}

/// How long early renewal rests after it failed while the credential still worked.
const EARLY_RENEWAL_BACKOFF: Duration = Duration::from_secs(10);

impl AuthState {
    pub(crate) fn new(provider: SharedAuth, skew: Duration) -> Self {
        AuthState {
            provider,
            current: Mutex::new(None),
            renewing: tokio::sync::Mutex::new(()),
            generation: AtomicU64::new(0),
            renewals: AtomicU64::new(0),
            completed: AtomicU64::new(0),
            last_failure: Mutex::new(None),
            early_renewal_hold: Mutex::new(None),
            skew,
        }
    }

    pub(crate) fn provider(&self) -> &SharedAuth {
        &self.provider
    }

    /// How many logins and refreshes were made.
    pub(crate) fn renewals(&self) -> u64 {
        self.renewals.load(Ordering::Relaxed)
    }

    /// A credential usable now, renewing it first if it is missing or about to expire.
    ///
    /// A credential renewed early (inside the skew) that fails to renew is still used until it
    /// really expires; the failure is logged and early renewal rests for a few seconds.
    pub(crate) async fn credential(&self, ctx: &AuthContext) -> Result<Arc<Issued>> {
        let now = ctx.clock.now();
        let current = self.snapshot();
        let still_valid = current
            .as_ref()
            .filter(|cur| cur.credential.expires_at().is_none_or(|at| now < at));
        if let Some(cur) = &current
            && !self.is_due(cur, now)
        {
            return Ok(cur.clone());
        }
        if let Some(cur) = still_valid
            && lock(&self.early_renewal_hold).is_some_and(|until| now < until)
        {
            return Ok(cur.clone());
        }
        match self.renew(ctx, None).await {
            Ok(issued) => Ok(issued),
            Err(e) => match still_valid {
                Some(cur) => {
                    *lock(&self.early_renewal_hold) = Some(now + EARLY_RENEWAL_BACKOFF);
                    tracing::warn!(
                        target: "nbi::auth",
                        service = %ctx.service,
                        tenant = %ctx.tenant,
                        error_kind = %e.kind(),
                        "early credential renewal failed; using the current one until it expires"
                    );
                    Ok(cur.clone())
                }
                None => Err(e),
            },
        }
    }

    /// Renews after the server rejected generation `rejected`. Callers that saw the same
    /// generation rejected share one renewal; a caller whose generation is already replaced gets
    /// the newer credential without another renewal.
    pub(crate) async fn renew_rejected(
        &self,
        ctx: &AuthContext,
        rejected: u64,
    ) -> Result<Arc<Issued>> {
        self.renew(ctx, Some(rejected)).await
    }

    /// Drops the credential of `generation` if it is still the current one, so that the next
    /// call logs in afresh rather than present it again (its renewal failed in passing).
    pub(crate) fn forget(&self, generation: u64) {
        let mut current = self.lock_current();
        if current.as_ref().is_some_and(|c| c.generation == generation) {
            *current = None;
        }
    }

    /// Logs in afresh (never a refresh), whatever the current credential, and keeps the new
    /// credential: a check that the configured secret works now.
    pub(crate) async fn login_now(&self, ctx: &AuthContext) -> Result<Arc<Issued>> {
        let _guard = self.renewing.lock().await;
        self.renewals.fetch_add(1, Ordering::Relaxed);
        let credential = self.provider.login(ctx).await?;
        let issued = Arc::new(Issued {
            credential,
            generation: self.generation.fetch_add(1, Ordering::Relaxed) + 1,
            obtained_at: ctx.clock.now(),
        });
        *self.lock_failure() = None;
        *self.lock_current() = Some(issued.clone());
        Ok(issued)
    }

    /// Logs the current credential out, if any.
    pub(crate) async fn logout(&self, ctx: &AuthContext) -> Result<()> {
        let _guard = self.renewing.lock().await;
        let taken = self.lock_current().take();
        match taken {
            Some(issued) => self.provider.logout(ctx, &issued.credential).await,
            None => Ok(()),
        }
    }

    async fn renew(&self, ctx: &AuthContext, rejected: Option<u64>) -> Result<Arc<Issued>> {
        let seen = self.completed.load(Ordering::Acquire);
        let _guard = self.renewing.lock().await;
        let current = self.snapshot();
        if let Some(cur) = &current {
            let still_good = match rejected {
                Some(gen_) => cur.generation != gen_,
                None => !self.is_due(cur, ctx.clock.now()),
            };
            if still_good {
                return Ok(cur.clone());
            }
        }
        // A renewal that finished while we waited for the lock failed (a success would have
        // returned above): share its error rather than send the same login again, so K waiting
        // callers cost one failed login, not K (servers lock accounts after a few).
        // Likewise while the failed endpoint's Retry-After runs, for callers that came later.
        let now = ctx.clock.now();
        if let Some(failure) = self.lock_failure().as_ref()
            && (failure.completed > seen || failure.retry_at.is_some_and(|at| now < at))
        {
            return Err(failure.to_error(now));
        }
        self.renewals.fetch_add(1, Ordering::Relaxed);
        let outcome = match &current {
            Some(cur) => self.provider.refresh(ctx, &cur.credential).await,
            None => self.provider.login(ctx).await,
        };
        let completed = self.completed.fetch_add(1, Ordering::AcqRel) + 1;
        let credential = match outcome {
            Ok(credential) => {
                *self.lock_failure() = None;
                credential
            }
            Err(e) => {
                *self.lock_failure() = Some(Failure::of(&e, completed, ctx.clock.now()));
                return Err(e);
            }
        };
        let issued = Arc::new(Issued {
            credential,
            generation: self.generation.fetch_add(1, Ordering::Relaxed) + 1,
            obtained_at: ctx.clock.now(),
        });
        tracing::debug!(
            target: "nbi::auth",
            service = %ctx.service,
            tenant = %ctx.tenant,
            scheme = self.provider.scheme(),
            generation = issued.generation,
            "credential renewed"
        );
        *self.lock_current() = Some(issued.clone());
        Ok(issued)
    }

    /// True when the credential expires within the skew. The skew is clamped to half the
    /// credential's lifetime so short-lived tokens are not renewed on every call.
    fn is_due(&self, issued: &Issued, now: SystemTime) -> bool {
        let Some(expires) = issued.credential.expires_at() else {
            return false;
        };
        let lifetime = expires
            .duration_since(issued.obtained_at)
            .unwrap_or(Duration::ZERO);
        let margin = self.skew.min(lifetime / 2);
        match expires.checked_sub(margin) {
            Some(renew_at) => now >= renew_at,
            None => true,
        }
    }

    fn snapshot(&self) -> Option<Arc<Issued>> {
        self.lock_current().clone()
    }

    fn lock_failure(&self) -> std::sync::MutexGuard<'_, Option<Failure>> {
        // As for `current`: a plain value that a panic cannot leave half-written.
        self.last_failure.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn lock_current(&self) -> std::sync::MutexGuard<'_, Option<Arc<Issued>>> {
        // The slot holds a plain value; a panic elsewhere cannot leave it half-written.
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Locks a mutex holding a plain value, which a panic elsewhere cannot leave half-written.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
