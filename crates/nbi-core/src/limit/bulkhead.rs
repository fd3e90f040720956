//! A cap on the calls in flight at once, so one slow service cannot take every connection.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// At most `capacity` calls in flight; clones share the slots.
#[derive(Debug, Clone)]
pub struct Bulkhead {
    slots: Arc<Semaphore>,
    capacity: usize,
}

/// One slot of a [`Bulkhead`], given back when dropped.
#[derive(Debug)]
#[must_use = "the slot is given back as soon as the permit is dropped"]
pub struct BulkheadPermit {
    _slot: OwnedSemaphorePermit,
}

impl Bulkhead {
    /// A bulkhead of `max_in_flight` slots; 0 is taken as 1, since no slot would block forever.
    pub fn new(max_in_flight: usize) -> Self {
        let capacity = max_in_flight.clamp(1, Semaphore::MAX_PERMITS);
        Bulkhead {
            slots: Arc::new(Semaphore::new(capacity)),
            capacity,
        }
    }

    /// Waits for a free slot (first come, first served) and takes it.
    pub async fn acquire(&self) -> BulkheadPermit {
        let slot = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            // Only a closed semaphore refuses, and this one is never closed.
            .expect("bulkhead semaphore is never closed");
        BulkheadPermit { _slot: slot }
    }

    /// Slots taken right now.
    pub fn in_flight(&self) -> usize {
        self.capacity.saturating_sub(self.slots.available_permits())
    }

    /// The number of slots.
    pub fn capacity(&self) -> usize {
        self.capacity
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn counts_slots_and_gives_them_back_on_drop() {
        let bulkhead = Bulkhead::new(2);
        let first = bulkhead.acquire().await;
        let _second = bulkhead.clone().acquire().await;
        assert_eq!((bulkhead.in_flight(), bulkhead.capacity()), (2, 2));
        let third = tokio::spawn({
            let bulkhead = bulkhead.clone();
            async move { bulkhead.acquire().await }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(!third.is_finished());
        drop(first);
        let _third = third.await.unwrap();
        assert_eq!(bulkhead.in_flight(), 2);
    }

    #[test]
    fn zero_slots_means_one() {
        assert_eq!(Bulkhead::new(0).capacity(), 1);
    }

    proptest::proptest! {
        #[test]
        fn never_more_holders_than_slots_and_everyone_finishes(
            slots in 1usize..6,
            holds_ms in proptest::collection::vec(0u64..50, 20..80),
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .start_paused(true)
                .build()
                .unwrap();
            let tasks = holds_ms.len();
            let (max_seen, finished) = runtime.block_on(async move {
                let bulkhead = Bulkhead::new(slots);
                let holders = Arc::new(AtomicUsize::new(0));
                let max_seen = Arc::new(AtomicUsize::new(0));
                let finished = Arc::new(AtomicUsize::new(0));
                let handles: Vec<_> = holds_ms
                    .into_iter()
                    .map(|hold| {
                        let (bulkhead, holders) = (bulkhead.clone(), Arc::clone(&holders));
                        let (max_seen, finished) = (Arc::clone(&max_seen), Arc::clone(&finished));
                        tokio::spawn(async move {
                            let _permit = bulkhead.acquire().await;
                            let now = holders.fetch_add(1, Ordering::SeqCst) + 1;
                            max_seen.fetch_max(now, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(hold)).await;
                            holders.fetch_sub(1, Ordering::SeqCst);
                            finished.fetch_add(1, Ordering::SeqCst);
                        })
                    })
                    .collect();
                for handle in handles {
                    handle.await.unwrap();
                }
                (max_seen.load(Ordering::SeqCst), finished.load(Ordering::SeqCst))
            });
            proptest::prop_assert!(max_seen <= slots);
            proptest::prop_assert_eq!(finished, tasks);
        }
    }
}
