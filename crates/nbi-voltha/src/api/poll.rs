//! Waiting for a state: ask, and if it is not there yet, sleep and ask again, within a limit.

use std::future::Future;
use std::time::Duration;

use nbi_core::Result;
use tokio::time::{Instant, sleep};

/// What one look found.
#[derive(Debug)]
pub(crate) enum Probe<T> {
    /// The awaited state, with what was found.
    Done(T),
    /// Not yet; the text says what was seen, for the message if time runs out.
    Pending(String),
}

/// Calls `probe` until it is [`Probe::Done`], sleeping `interval` between calls, for at most
/// `limit`. Time running out is `Ok(Err(last seen))`; an error from `probe` ends the wait.
pub(crate) async fn poll_until<T, F, Fut>(
    interval: Duration,
    limit: Duration,
    mut probe: F,
) -> Result<std::result::Result<T, String>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Probe<T>>>,
{
    let deadline = Instant::now() + limit;
    loop {
        let seen = match probe().await? {
            Probe::Done(found) => return Ok(Ok(found)),
            Probe::Pending(seen) => seen,
        };
        let now = Instant::now();
        if now >= deadline {
            return Ok(Err(seen));
        }
        sleep(interval.min(deadline - now)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nbi_core::Error;

    #[tokio::test(start_paused = true)]
    async fn polls_at_the_interval_until_done() {
        let started = Instant::now();
        let mut looks = 0;
        let found = poll_until(Duration::from_secs(2), Duration::from_secs(60), || {
            looks += 1;
            let n = looks;
            async move {
                Ok(if n < 3 {
                    Probe::Pending(format!("look {n}"))
                } else {
                    Probe::Done(n)
                })
            }
        })
        .await
        .unwrap();
        assert_eq!(found, Ok(3));
        assert_eq!(started.elapsed(), Duration::from_secs(4));
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_at_the_limit_saying_what_it_saw() {
        let started = Instant::now();
        let outcome = poll_until(
            Duration::from_secs(1),
            Duration::from_millis(2_500),
            || async { Ok(Probe::<()>::Pending("ACTIVATING".into())) },
        )
        .await
        .unwrap();
        assert_eq!(outcome, Err("ACTIVATING".to_string()));
        assert_eq!(started.elapsed(), Duration::from_millis(2_500));
    }

    #[tokio::test(start_paused = true)]
    async fn an_error_ends_the_wait() {
        let outcome = poll_until(Duration::from_secs(1), Duration::from_secs(10), || async {
            Err::<Probe<()>, _>(Error::validation("gone"))
        })
        .await;
        assert!(outcome.is_err());
    }
}
