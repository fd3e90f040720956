//! One scenario table through both modes.

use nbi_cms::{NewOnt, Ont, OntId, Result};
use nbi_core::Blocking;

use crate::support::{node, sim};

/// The scenario: create, read, list, delete; returns what each step saw.
fn expected(created: &Ont, read: &Ont, listed: usize) -> (u32, String, usize) {
    assert_eq!(created.id, read.id);
    (read.id.get(), read.description.clone(), listed)
}

#[tokio::test]
async fn async_mode() {
    let sim = sim(1, 2, 1).await;
    let client = crate::support::client(&sim, 0);
    let onts = client.ont(node("olt-1"));
    let created = onts
        .create(NewOnt::new(2).description("twin"))
        .await
        .unwrap();
    let read = onts.get(created.id).await.unwrap();
    use futures::TryStreamExt;
    let listed: Vec<Ont> = onts.list().try_collect().await.unwrap();
    onts.delete(created.id).await.unwrap();
    assert_eq!(
        expected(&created, &read, listed.len()),
        (3, "twin".into(), 3)
    );
    client.close().await.unwrap();
}

#[test]
fn blocking_mode() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sim = runtime.block_on(sim(1, 2, 1));
    let client = crate::support::client(&sim, 0).into_blocking(Blocking::new().unwrap());
    let onts = client.ont(node("olt-1"));
    let created = onts.create(NewOnt::new(2).description("twin")).unwrap();
    let read = onts.get(created.id).unwrap();
    let listed: Vec<Ont> = onts.list().collect::<Result<_>>().unwrap();
    onts.delete(created.id).unwrap();
    assert_eq!(
        expected(&created, &read, listed.len()),
        (3, "twin".into(), 3)
    );
    assert!(onts.get(OntId::new(3).unwrap()).is_err());
    client.close().unwrap();
    drop(sim);
    drop(runtime);
}
