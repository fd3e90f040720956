//! The request pipeline, in DESIGN.md's order: rate limit, bulkhead, breaker, auth, send,
//! classify, retry.

use std::time::Duration;

use http::StatusCode;
use tokio::time::Instant;
use tracing::Instrument;

use super::Inner;
use super::attempt::{self, AttemptInput};
use crate::auth::Issued;
use crate::error::{Error, ErrorKind, RequestContext, Result};
use crate::interceptor::{AttemptOutcome, InterceptContext};
use crate::request::RequestSpec;
use crate::response::Response;
use crate::retry::{self, Verdict, after};
use crate::telemetry::{attempt_span, call_span};

/// What the retry rules decide after a transient failure.
enum Decision {
    /// Retry after this delay.
    Wait(Duration),
    /// Give up with the attempt's error.
    Stop,
    /// The server asked for a longer wait than this call may make.
    TooLong(Duration),
}

/// What one attempt ended in, before retry rules are applied.
enum Step {
    Done(Response),
    Retry {
        after: Option<Duration>,
        error: Error,
    },
    Reauthenticate {
        rejected: u64,
        error: Error,
    },
    Fail(Error),
}

impl Inner {
    /// Runs one call through the whole pipeline.
    pub(crate) async fn call(&self, spec: &RequestSpec) -> Result<Response> {
        let operation = spec.operation().name();
        let span = call_span(
            &self.service,
            &self.tenant,
            operation,
            spec.method(),
            spec.path_template(),
        );
        let started = Instant::now();
        let _inflight = self.metrics.inflight();
        let mut attempts = 0;
        let result = self
            .run(spec, &mut attempts, started)
            .instrument(span.clone())
            .await;
        let elapsed = started.elapsed();
        span.record("attempts", attempts);
        let code;
        let status = match &result {
            Ok(response) => {
                code = response.status();
                std::borrow::Cow::Borrowed(code.as_str())
            }
            Err(e) => std::borrow::Cow::Owned(status_label(e)),
        };
        span.record("status", &*status);
        self.metrics.request(operation, &status, elapsed);
        match result {
            Ok(response) => Ok(response.with_attempts(attempts, elapsed)),
            Err(mut e) => {
                *e.context_mut() = Some(self.context(spec, attempts, elapsed));
                tracing::debug!(target: "nbi::transport", parent: &span, error = %e, "call failed");
                Err(e)
            }
        }
    }

    /// The context of a failed call: built only on failure, so successes allocate none of it.
    pub(crate) fn context(
        &self,
        spec: &RequestSpec,
        attempts: u32,
        elapsed: Duration,
    ) -> RequestContext {
        let mut context = RequestContext::new(
            self.service.clone(),
            self.tenant.clone(),
            spec.operation().name(),
            spec.method().clone(),
            spec.path_template(),
        );
        context.attempts = attempts;
        context.elapsed = elapsed;
        context
    }

    async fn run(
        &self,
        spec: &RequestSpec,
        attempts: &mut u32,
        started: Instant,
    ) -> Result<Response> {
        spec.validate()?;
        let deadline = started + self.retry.deadline();
        let category = spec.operation().rate_category();
        let timeout = spec
            .timeout_override()
            .unwrap_or_else(|| self.timeouts.get(spec.operation().class()));
        self.budget.record_call();
        let mut reauthenticated = false;
        loop {
            *attempts += 1;
            let attempt_no = *attempts;
            // Steps 1–3: wait for quota, take a slot, ask the breaker (no I/O when open). Waits
            // for quota count against the call's deadline.
            let quota = async {
                self.limiter.acquire(category).await;
                self.gate.wait_open(category).await;
            };
            if tokio::time::timeout_at(deadline, quota).await.is_err() {
                return Err(Error::new(
                    ErrorKind::RateLimited,
                    "rate-limit wait outlasted the call's deadline; not sent",
                ));
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(Error::new(
                    ErrorKind::Timeout,
                    "the call's deadline passed; not sent",
                ));
            }
            let slot = self.bulkhead.acquire().await;
            let permit = match self.breaker.try_acquire() {
                Ok(permit) => permit,
                Err(open) => {
                    return Err(Error::new(
                        ErrorKind::CircuitOpen,
                        "circuit breaker is open; not sent",
                    )
                    .with_retry_after(open.retry_in));
                }
            };
            // Step 4: the credential (renewed ahead of expiry, single flight).
            let issued = match &self.auth {
                Some(auth) => match auth.credential(&self.auth_ctx).await {
                    Ok(issued) => Some(issued),
                    // A token endpoint that failed in passing (503, reset, cut body) is retried
                    // under the call's own policy; the next attempt asks for the credential anew.
                    // The retry budget is left alone: every caller waiting on that one login
                    // shares its failure, and their retries share one new login (single
                    // flight), so they add no load a budget should stop.
                    Err(e) if e.is_transient() => {
                        permit.ignore();
                        drop(slot);
                        let after = e.retry_after();
                        self.wait_to_retry(spec, attempt_no, after, e, deadline, Budget::Exempt)
                            .await?;
                        continue;
                    }
                    Err(e) => {
                        permit.ignore();
                        return Err(e);
                    }
                },
                None => None,
            };
            let attempt_span = attempt_span(attempt_no);
            let sent_at = Instant::now();
            let step = self
                .attempt(spec, attempt_no, issued.as_deref(), timeout.min(remaining))
                .instrument(attempt_span.clone())
                .await;
            let elapsed = sent_at.elapsed();
            // Step 6 bookkeeping: span, breaker verdict, audit.
            if !attempt_span.is_disabled() {
                match &step {
                    Step::Done(r) => attempt_span.record("status", r.status().as_str()),
                    Step::Retry { error, .. }
                    | Step::Reauthenticate { error, .. }
                    | Step::Fail(error) => {
                        attempt_span.record("status", status_label(error).as_str())
                    }
                };
            }
            match &step {
                Step::Retry { error, .. } if counts_against_breaker(error) => {
                    permit.failure(elapsed)
                }
                Step::Fail(error) if counts_against_breaker(error) => permit.failure(elapsed),
                Step::Done(_) => permit.success(elapsed),
                _ => permit.ignore(),
            }
            self.audit(spec, attempt_no, &step, elapsed);
            // A waiting retry must not hold a slot others could use.
            drop(slot);
            // Step 7: decide.
            match step {
                Step::Done(response) => return Ok(response),
                Step::Fail(error) => return Err(error),
                Step::Reauthenticate { rejected, error } => {
                    let Some(auth) = &self.auth else {
                        return Err(error);
                    };
                    if reauthenticated {
                        return Err(Error::auth("credential rejected again after renewal")
                            .with_source(error));
                    }
                    match auth.renew_rejected(&self.auth_ctx, rejected).await {
                        Ok(_) => reauthenticated = true,
                        // The renewal itself failed in passing: the rejected credential is
                        // dropped and the call retried, which logs in afresh.
                        Err(e) if e.is_transient() => {
                            auth.forget(rejected);
                            let after = e.retry_after();
                            self.wait_to_retry(
                                spec,
                                attempt_no,
                                after,
                                e,
                                deadline,
                                Budget::Exempt,
                            )
                            .await?;
                        }
                        Err(e) => return Err(e),
                    }
                }
                Step::Retry { after, error } => {
                    self.wait_to_retry(spec, attempt_no, after, error, deadline, Budget::Spend)
                        .await?;
                }
            }
        }
    }

    /// Sits out the backoff before the next attempt, or gives `error` back when the policy
    /// says to stop.
    async fn wait_to_retry(
        &self,
        spec: &RequestSpec,
        attempt_no: u32,
        after: Option<Duration>,
        error: Error,
        deadline: Instant,
        budget: Budget,
    ) -> Result<()> {
        let delay = match self.retry_delay(spec, attempt_no, after, &error, deadline, budget) {
            Decision::Wait(delay) => delay,
            Decision::Stop => return Err(error),
            // The server's wait is not ours to sit out: hand it to the caller.
            Decision::TooLong(wait) => return Err(error.with_retry_after(wait)),
        };
        self.metrics.retry(spec.operation().name());
        tracing::debug!(target: "nbi::transport", attempt = attempt_no, delay_ms = delay.as_millis() as u64, reason = %error.message(), "http_request.retry");
        self.clock.sleep(delay).await;
        Ok(())
    }

    /// Steps 4 (decorate) and 5 (send), then the classification of step 6.
    async fn attempt(
        &self,
        spec: &RequestSpec,
        attempt_no: u32,
        issued: Option<&Issued>,
        timeout: Duration,
    ) -> Step {
        let mut headers = spec.headers().clone();
        if let (Some(auth), Some(issued)) = (&self.auth, issued)
            && let Err(e) = auth.provider().apply(&issued.credential, &mut headers)
        {
            return Step::Fail(e);
        }
        let ctx = self.intercept_context(spec, attempt_no);
        for interceptor in &self.interceptors {
            if let Err(e) = interceptor.before_send(&ctx, &mut headers) {
                return Step::Fail(e);
            }
        }
        let url = match attempt::target_url(&self.base_url, spec) {
            Ok(url) => url,
            Err(e) => return Step::Fail(e),
        };
        let input = AttemptInput {
            http: &self.http,
            url,
            headers,
            credential: issued.map(|i| &i.credential),
            timeout,
            max_body: self.max_body,
        };
        let response = match attempt::send(spec, input).await {
            Ok(response) => response,
            Err(error) if error.is_transient() => return Step::Retry { after: None, error },
            Err(error) => return Step::Fail(error),
        };
        let now = self.clock.now();
        if let Some(wait) = after::quota_exhausted_for(response.headers(), now) {
            // A wild reset (epoch milliseconds read as seconds, a broken clock) must not
            // close the category for longer than any call would wait.
            self.gate.close_for(
                spec.operation().rate_category(),
                wait.min(self.retry.max_retry_after()),
            );
        }
        let verdict = self
            .classifiers
            .iter()
            .find_map(|c| c.classify(&response, now))
            .unwrap_or_else(|| retry::classify_status(&response, now));
        match verdict {
            Verdict::Success => Step::Done(response),
            Verdict::Reauthenticate => Step::Reauthenticate {
                rejected: issued.map_or(0, |i| i.generation),
                error: Error::from_status(
                    StatusCode::UNAUTHORIZED,
                    crate::ProblemDetails::from_json(response.body()),
                )
                .with_raw(response.raw()),
            },
            Verdict::Retry { after, error } => Step::Retry { after, error },
            Verdict::Fail(error) => Step::Fail(error),
        }
    }

    /// Whether and how long to wait before the next attempt.
    fn retry_delay(
        &self,
        spec: &RequestSpec,
        attempt_no: u32,
        after: Option<Duration>,
        error: &Error,
        deadline: Instant,
        budget: Budget,
    ) -> Decision {
        if !retry::may_resend(spec.idempotency(), error.kind())
            || attempt_no >= self.retry.max_attempts
        {
            return Decision::Stop;
        }
        let remaining = deadline.saturating_duration_since(Instant::now());
        if let Some(wait) = after
            && (wait > self.retry.max_retry_after() || wait >= remaining)
        {
            return Decision::TooLong(wait);
        }
        let delay = after.unwrap_or_else(|| self.backoff.delay(attempt_no));
        if delay >= remaining {
            return Decision::Stop;
        }
        if budget == Budget::Spend && !self.budget.try_retry() {
            tracing::warn!(target: "nbi::transport", service = %self.service, tenant = %self.tenant, "retry budget exhausted; not retrying");
            return Decision::Stop;
        }
        Decision::Wait(delay)
    }

    fn audit(&self, spec: &RequestSpec, attempt_no: u32, step: &Step, elapsed: Duration) {
        if self.interceptors.is_empty() {
            return;
        }
        let outcome = match step {
            Step::Done(r) => AttemptOutcome::Response {
                status: r.status(),
                elapsed,
            },
            Step::Retry { error, .. } | Step::Reauthenticate { error, .. } | Step::Fail(error) => {
                match error.status() {
                    Some(status) => AttemptOutcome::Response { status, elapsed },
                    None => AttemptOutcome::Failed {
                        kind: error.kind(),
                        elapsed,
                    },
                }
            }
        };
        let ctx = self.intercept_context(spec, attempt_no);
        for interceptor in &self.interceptors {
            interceptor.after_attempt(&ctx, &outcome);
        }
    }

    fn intercept_context<'a>(
        &'a self,
        spec: &'a RequestSpec,
        attempt: u32,
    ) -> InterceptContext<'a> {
        InterceptContext {
            service: &self.service,
            tenant: &self.tenant,
            operation: spec.operation().name(),
            method: spec.method(),
            path_template: spec.path_template(),
            attempt,
        }
    }
}

/// Whether a retry draws on the retry budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Budget {
    Spend,
    Exempt,
}

/// The breaker counts failures that say the server is unwell, not the caller's mistakes.
fn counts_against_breaker(error: &Error) -> bool {
    match error.kind() {
        ErrorKind::Connect | ErrorKind::Timeout | ErrorKind::Io => true,
        ErrorKind::Status => error.status().is_some_and(|s| s.is_server_error()),
        _ => false,
    }
}

/// The `status` label: the HTTP code when a response arrived, else the error kind.
fn status_label(error: &Error) -> String {
    match (error.kind(), error.status()) {
        (
            ErrorKind::Status | ErrorKind::Validation | ErrorKind::Auth | ErrorKind::RateLimited,
            Some(s),
        ) => s.as_u16().to_string(),
        (kind, _) => kind.as_str().to_owned(),
    }
}
