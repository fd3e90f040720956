use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::advance;

use super::*;

const FAST: Duration = Duration::from_millis(10);
const SLOW: Duration = Duration::from_secs(3);

/// Consecutive threshold 3, reset 10 s, rates judged over a window of 10 after 4 calls,
/// slow at 2 s, 2 probes.
fn config() -> BreakerConfig {
    BreakerConfig {
        failure_threshold: 3,
        reset_timeout_s: 10.0,
        failure_rate: 0.5,
        slow_call_s: 2.0,
        slow_call_rate: 0.75,
        window: 10,
        min_calls: 4,
        half_open_probes: 2,
    }
}

fn key(tenant: &str) -> BreakerKey {
    BreakerKey::new("core-nms", tenant, "https://nms.example")
}

fn breaker() -> CircuitBreaker {
    CircuitBreaker::new(key("acme"), config())
}

fn fail(breaker: &CircuitBreaker, times: usize) {
    for _ in 0..times {
        breaker.try_acquire().unwrap().failure(FAST);
    }
}

fn succeed(breaker: &CircuitBreaker, times: usize) {
    for _ in 0..times {
        breaker.try_acquire().unwrap().success(FAST);
    }
}

fn open_and_wait_out(breaker: &CircuitBreaker) -> impl std::future::Future<Output = ()> {
    fail(breaker, 3);
    assert_eq!(breaker.state(), BreakerState::Open);
    advance(Duration::from_secs(10))
}

#[tokio::test(start_paused = true)]
async fn opens_at_the_consecutive_failure_threshold() {
    // Rates are judged only over a full window here, so the run of failures alone trips.
    let config = BreakerConfig {
        min_calls: 10,
        ..config()
    };
    let breaker = CircuitBreaker::new(key("acme"), config);
    fail(&breaker, 2);
    succeed(&breaker, 1); // a success resets the run
    fail(&breaker, 2);
    assert_eq!(breaker.state(), BreakerState::Closed);
    fail(&breaker, 1);
    assert_eq!(breaker.state(), BreakerState::Open);
}

#[tokio::test(start_paused = true)]
async fn fails_fast_with_the_time_left() {
    let breaker = breaker();
    fail(&breaker, 3);
    advance(Duration::from_secs(4)).await;
    let refused = breaker.try_acquire().unwrap_err();
    assert_eq!(refused.retry_in, Duration::from_secs(6));
}

#[tokio::test(start_paused = true)]
async fn half_opens_after_the_reset_timeout() {
    let breaker = breaker();
    fail(&breaker, 3);
    advance(Duration::from_millis(9_999)).await;
    assert_eq!(breaker.state(), BreakerState::Open);
    advance(Duration::from_millis(1)).await;
    assert_eq!(breaker.state(), BreakerState::HalfOpen);
    let probe = breaker.try_acquire().unwrap();
    assert!(probe.ticket().probe);
}

#[tokio::test(start_paused = true)]
async fn closes_once_every_probe_succeeded_with_a_fresh_window() {
    let breaker = breaker();
    open_and_wait_out(&breaker).await;
    succeed(&breaker, 1);
    assert_eq!(breaker.state(), BreakerState::HalfOpen);
    succeed(&breaker, 1);
    assert_eq!(breaker.state(), BreakerState::Closed);
    // The failures before the trip are forgotten.
    fail(&breaker, 2);
    assert_eq!(breaker.state(), BreakerState::Closed);
}

#[tokio::test(start_paused = true)]
async fn reopens_on_a_probe_failure_and_restarts_the_timer() {
    let breaker = breaker();
    open_and_wait_out(&breaker).await;
    succeed(&breaker, 1);
    fail(&breaker, 1);
    assert_eq!(breaker.state(), BreakerState::Open);
    assert_eq!(
        breaker.try_acquire().unwrap_err().retry_in,
        Duration::from_secs(10)
    );
}

#[tokio::test(start_paused = true)]
async fn lets_out_at_most_the_probe_limit_and_frees_slots_of_dropped_probes() {
    let breaker = breaker();
    open_and_wait_out(&breaker).await;
    let first = breaker.try_acquire().unwrap();
    let second = breaker.try_acquire().unwrap();
    let refused = breaker.try_acquire().unwrap_err();
    assert_eq!(refused.retry_in, Duration::ZERO);
    drop(first); // cancelled: its slot is free again, and it did not count
    let third = breaker.try_acquire().unwrap();
    second.success(FAST);
    assert_eq!(breaker.state(), BreakerState::HalfOpen);
    third.success(FAST);
    assert_eq!(breaker.state(), BreakerState::Closed);
}

#[tokio::test(start_paused = true)]
async fn failure_rate_trips_only_after_min_calls() {
    let config = BreakerConfig {
        failure_threshold: 100,
        ..config()
    };
    let breaker = CircuitBreaker::new(key("acme"), config);
    // fail, ok, fail: 2/3 failed but only 3 calls recorded.
    fail(&breaker, 1);
    succeed(&breaker, 1);
    fail(&breaker, 1);
    assert_eq!(breaker.state(), BreakerState::Closed);
    succeed(&breaker, 1); // 4 calls, 2 failed: 50%
    assert_eq!(breaker.state(), BreakerState::Open);
}

#[tokio::test(start_paused = true)]
async fn slow_call_rate_trips_only_after_min_calls() {
    let breaker = breaker();
    for _ in 0..3 {
        breaker.try_acquire().unwrap().success(SLOW);
    }
    assert_eq!(breaker.state(), BreakerState::Closed);
    breaker.try_acquire().unwrap().success(FAST); // 3 of 4 slow: 75%
    assert_eq!(breaker.state(), BreakerState::Open);
}

#[tokio::test(start_paused = true)]
async fn slow_threshold_is_inclusive() {
    let breaker = breaker();
    for _ in 0..4 {
        breaker
            .try_acquire()
            .unwrap()
            .success(Duration::from_secs(2));
    }
    assert_eq!(breaker.state(), BreakerState::Open);
}

#[tokio::test(start_paused = true)]
async fn ignored_and_dropped_permits_do_not_count() {
    let breaker = breaker();
    fail(&breaker, 2);
    breaker.try_acquire().unwrap().ignore();
    drop(breaker.try_acquire().unwrap());
    assert_eq!(breaker.state(), BreakerState::Closed);
    fail(&breaker, 1); // the run of failures was not broken either
    assert_eq!(breaker.state(), BreakerState::Open);
}

#[tokio::test(start_paused = true)]
async fn a_verdict_that_outlived_its_state_is_dropped() {
    let breaker = breaker();
    let slow_call = breaker.try_acquire().unwrap();
    open_and_wait_out(&breaker).await;
    succeed(&breaker, 1); // half-open, one probe succeeded
    slow_call.success(FAST); // granted while closed: not a probe
    assert_eq!(breaker.state(), BreakerState::HalfOpen);
}

#[tokio::test(start_paused = true)]
async fn forced_open_fails_every_call_until_released() {
    let breaker = breaker();
    breaker.force_open();
    advance(Duration::from_secs(3600)).await;
    assert_eq!(breaker.state(), BreakerState::Open);
    let refused = breaker.try_acquire().unwrap_err();
    assert_eq!(refused.retry_in, Duration::from_secs(10));
    breaker.force_close();
    assert_eq!(breaker.state(), BreakerState::Closed);
    fail(&breaker, 5); // forced closed judges nothing
    assert_eq!(breaker.state(), BreakerState::Closed);
    breaker.release_force();
    fail(&breaker, 3);
    assert_eq!(breaker.state(), BreakerState::Open);
    breaker.force_open();
    breaker.release_force();
    assert_eq!(breaker.state(), BreakerState::Closed);
}

type Seen = Arc<Mutex<Vec<(String, BreakerState, BreakerState)>>>;

fn recording_registry() -> (BreakerRegistry, Seen) {
    let seen: Seen = Arc::default();
    let sink = Arc::clone(&seen);
    let registry = BreakerRegistry::new().on_state_change(move |key, from, to| {
        sink.lock().unwrap().push((key.tenant.clone(), from, to));
    });
    (registry, seen)
}

#[tokio::test(start_paused = true)]
async fn registry_isolates_keys_and_reuses_breakers() {
    let registry = BreakerRegistry::new();
    let a = registry.breaker(key("a"), &config());
    let b = registry.breaker(key("b"), &config());
    fail(&a, 3);
    assert_eq!(a.state(), BreakerState::Open);
    assert_eq!(b.state(), BreakerState::Closed);
    let again = registry.breaker(key("a"), &BreakerConfig::default());
    assert_eq!(again.state(), BreakerState::Open);
    assert_eq!(
        registry.snapshot(),
        vec![
            (key("a"), BreakerState::Open),
            (key("b"), BreakerState::Closed)
        ]
    );
    assert!(registry.get(&key("c")).is_none());
}

#[tokio::test(start_paused = true)]
async fn callback_sees_every_transition() {
    let (registry, seen) = recording_registry();
    let breaker = registry.breaker(key("a"), &config());
    open_and_wait_out(&breaker).await;
    succeed(&breaker, 2);
    use BreakerState::*;
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            ("a".to_owned(), Closed, Open),
            ("a".to_owned(), Open, HalfOpen),
            ("a".to_owned(), HalfOpen, Closed),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn registry_forces_by_key() {
    let (registry, seen) = recording_registry();
    assert!(!registry.force_open(&key("a")));
    let breaker = registry.breaker(key("a"), &config());
    assert!(registry.force_open(&key("a")));
    assert!(breaker.try_acquire().is_err());
    assert!(registry.force_close(&key("a")));
    assert!(breaker.try_acquire().is_ok());
    assert!(registry.release_force(&key("a")));
    use BreakerState::*;
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            ("a".to_owned(), Closed, Open),
            ("a".to_owned(), Open, Closed)
        ]
    );
}

#[test]
fn states_have_metric_values_and_names() {
    use BreakerState::*;
    let all = [Closed, HalfOpen, Open];
    assert_eq!(all.map(BreakerState::as_metric), [0, 1, 2]);
    assert_eq!(
        all.map(BreakerState::as_str),
        ["closed", "half_open", "open"]
    );
}

#[test]
fn unvalidated_settings_do_not_panic() {
    let config = BreakerConfig {
        reset_timeout_s: f64::INFINITY,
        slow_call_s: f64::NAN,
        failure_threshold: 0,
        half_open_probes: 0,
        window: 0,
        ..config()
    };
    let breaker = CircuitBreaker::new(key("a"), config);
    fail(&breaker, 1);
    assert!(breaker.try_acquire().unwrap_err().retry_in > Duration::from_secs(86_400));
}

#[derive(Debug, Clone)]
enum Step {
    Acquire,
    Success(usize, bool),
    Failure(usize),
    Ignore(usize),
    Wait(u64),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        3 => Just(Step::Acquire),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(i, slow)| Step::Success(i, slow)),
        2 => any::<usize>().prop_map(Step::Failure),
        1 => any::<usize>().prop_map(Step::Ignore),
        1 => (0u64..15).prop_map(Step::Wait),
    ]
}

proptest::proptest! {
    #[test]
    fn half_open_never_has_more_probes_out_than_allowed(
        probes in 1u32..4,
        steps in proptest::collection::vec(step(), 1..120),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            let config = BreakerConfig { half_open_probes: probes, failure_threshold: 2, ..config() };
            let breaker = CircuitBreaker::new(key("p"), config);
            let mut held: Vec<BreakerPermit> = Vec::new();
            for step in steps {
                match step {
                    Step::Acquire => held.extend(breaker.try_acquire().ok()),
                    Step::Success(i, slow) if !held.is_empty() => {
                        let elapsed = if slow { SLOW } else { FAST };
                        held.swap_remove(i % held.len()).success(elapsed);
                    }
                    Step::Failure(i) if !held.is_empty() => {
                        held.swap_remove(i % held.len()).failure(FAST);
                    }
                    Step::Ignore(i) if !held.is_empty() => held.swap_remove(i % held.len()).ignore(),
                    Step::Wait(s) => advance(Duration::from_secs(s)).await,
                    _ => {}
                }
                let machine = breaker.machine_for_tests();
                let live_probes = held
                    .iter()
                    .filter(|p| p.ticket().probe && p.ticket().epoch == machine.epoch())
                    .count() as u32;
                proptest::prop_assert!(machine.probes_out() <= probes);
                proptest::prop_assert_eq!(live_probes, machine.probes_out());
            }
            Ok(())
        })?;
    }
}
