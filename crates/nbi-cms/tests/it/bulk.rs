//! Bulk create: every input gets an outcome, failures do not stop the batch, progress is told.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use nbi_cms::{NewOnt, OntId};

use crate::support::{client, node, sim};

#[tokio::test]
async fn every_input_gets_its_outcome_in_order() {
    let sim = sim(1, 0, 1).await;
    let client = client(&sim, 0);
    let mut inputs: Vec<NewOnt> = (0..40).map(|i| NewOnt::new(i % 8 + 1)).collect();
    inputs[3] = NewOnt::new(1).serial("bad"); // refused before sending
    inputs[7] = NewOnt::new(1).id(OntId::new(1_000).unwrap());
    inputs[8] = NewOnt::new(1).id(OntId::new(1_000).unwrap()); // duplicate id
    let seen = Arc::new(AtomicUsize::new(0));
    let last = Arc::new(std::sync::Mutex::new(None));
    let (seen2, last2) = (seen.clone(), last.clone());
    let outcomes = client
        .ont(node("olt-2"))
        .bulk_create(inputs)
        .concurrency(8)
        .on_progress(move |p| {
            seen2.fetch_add(1, Ordering::Relaxed);
            *last2.lock().unwrap() = Some(p);
        })
        .send()
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 40);
    assert!(outcomes.iter().enumerate().all(|(i, o)| o.index == i));
    let failed: Vec<usize> = outcomes
        .iter()
        .filter(|o| o.result.is_err())
        .map(|o| o.index)
        .collect();
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed.contains(&3));
    assert_eq!(seen.load(Ordering::Relaxed), 40);
    let last = last.lock().unwrap().unwrap();
    assert_eq!((last.done, last.failed, last.total), (40, 2, 40));
    assert_eq!(client.logins(), 1);
    client.close().await.unwrap();
}
