//! The count-based sliding window a closed breaker judges rates over.

/// One recorded call: did it fail, was it slow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) failed: bool,
    pub(crate) slow: bool,
}

/// The last `capacity` outcomes in a ring, with running counts so judging a rate is O(1)
/// however large the window is (the breaker is consulted on every attempt).
#[derive(Debug, Clone)]
pub(crate) struct SlidingWindow {
    slots: Vec<Outcome>,
    capacity: usize,
    /// Where the next outcome goes; once the ring is full, also the oldest outcome.
    next: usize,
    failures: u32,
    slow: u32,
}

impl SlidingWindow {
    /// An empty window of `capacity` calls (at least one).
    pub(crate) fn new(capacity: u32) -> Self {
        let capacity = capacity.max(1) as usize;
        SlidingWindow {
            slots: Vec::with_capacity(capacity),
            capacity,
            next: 0,
            failures: 0,
            slow: 0,
        }
    }

    /// Records an outcome, evicting the oldest once the window is full.
    pub(crate) fn push(&mut self, outcome: Outcome) {
        if self.slots.len() < self.capacity {
            self.slots.push(outcome);
        } else {
            let evicted = std::mem::replace(&mut self.slots[self.next], outcome);
            self.failures -= u32::from(evicted.failed);
            self.slow -= u32::from(evicted.slow);
        }
        self.failures += u32::from(outcome.failed);
        self.slow += u32::from(outcome.slow);
        self.next = (self.next + 1) % self.capacity;
    }

    /// Forgets every outcome (a breaker that closes starts judging afresh).
    pub(crate) fn clear(&mut self) {
        self.slots.clear();
        self.next = 0;
        self.failures = 0;
        self.slow = 0;
    }

    /// Calls recorded (at most the capacity).
    pub(crate) fn len(&self) -> u32 {
        // The capacity came from a u32, so the length fits.
        self.slots.len() as u32
    }

    /// Failed calls in the window.
    pub(crate) fn failures(&self) -> u32 {
        self.failures
    }

    /// Slow calls in the window (failed or not).
    pub(crate) fn slow(&self) -> u32 {
        self.slow
    }

    /// `count / len` as a fraction; 0 when empty.
    pub(crate) fn rate(&self, count: u32) -> f64 {
        if self.slots.is_empty() {
            0.0
        } else {
            f64::from(count) / f64::from(self.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAIL: Outcome = Outcome {
        failed: true,
        slow: false,
    };
    const OK: Outcome = Outcome {
        failed: false,
        slow: false,
    };
    const SLOW: Outcome = Outcome {
        failed: false,
        slow: true,
    };

    #[test]
    fn counts_until_full_then_evicts_the_oldest() {
        let mut window = SlidingWindow::new(3);
        window.push(FAIL);
        window.push(SLOW);
        assert_eq!((window.len(), window.failures(), window.slow()), (2, 1, 1));
        window.push(OK);
        window.push(OK); // evicts FAIL
        assert_eq!((window.len(), window.failures(), window.slow()), (3, 0, 1));
        window.push(OK); // evicts SLOW
        assert_eq!((window.len(), window.failures(), window.slow()), (3, 0, 0));
    }

    #[test]
    fn rate_and_clear() {
        let mut window = SlidingWindow::new(4);
        assert_eq!(window.rate(0), 0.0);
        window.push(FAIL);
        window.push(OK);
        assert_eq!(window.rate(window.failures()), 0.5);
        window.clear();
        assert_eq!((window.len(), window.failures()), (0, 0));
        window.push(FAIL);
        assert_eq!(window.rate(window.failures()), 1.0);
    }

    proptest::proptest! {
        #[test]
        fn counts_match_the_last_outcomes(
            capacity in 1u32..8,
            outcomes in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY), 0..40),
        ) {
            let mut window = SlidingWindow::new(capacity);
            for &(failed, slow) in &outcomes {
                window.push(Outcome { failed, slow });
            }
            let tail = &outcomes[outcomes.len().saturating_sub(capacity as usize)..];
            proptest::prop_assert_eq!(window.len() as usize, tail.len());
            proptest::prop_assert_eq!(window.failures() as usize, tail.iter().filter(|o| o.0).count());
            proptest::prop_assert_eq!(window.slow() as usize, tail.iter().filter(|o| o.1).count());
        }
    }
}
