//! Both list shapes end exactly at the last item, whatever the page size.

use futures::TryStreamExt;
use nbi_ofsc::ActivitySearch;
use nbi_ofsc::models::{Activity, Resource};

use crate::support::lab;

#[tokio::test]
async fn total_results_shape_ends_at_the_last_item() {
    let lab = lab("").await;
    let resources = lab.basic().resources();
    for limit in [1, 2, 3, 6, 7, 8, 100] {
        let all: Vec<Resource> = resources
            .list(&Default::default())
            .limit(limit)
            .all()
            .try_collect()
            .await
            .unwrap();
        let ids: Vec<_> = all.iter().filter_map(|r| r.resource_id.clone()).collect();
        assert_eq!(ids.len(), 7, "limit {limit}");
        let mut unique = ids.clone();
        unique.dedup();
        assert_eq!(unique, ids, "no item twice at limit {limit}");
    }
    let page = resources
        .list(&Default::default())
        .offset(6)
        .limit(5)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (page.items.len(), page.total, page.next),
        (1, Some(7), None)
    );
}

#[tokio::test]
async fn has_more_shape_ends_at_the_last_item() {
    let lab = lab("").await;
    let activities = lab.oauth2().activities();
    let search = ActivitySearch::new(["tech-001", "tech-002"]).dates("2025-06-24", "2025-06-26");
    for limit in [1, 5, 6, 12, 13] {
        let all: Vec<Activity> = activities
            .search(&search)
            .limit(limit)
            .all()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 12, "limit {limit}");
    }
    let page = activities.search(&search).limit(12).send().await.unwrap();
    assert_eq!(
        (page.items.len(), page.next),
        (12, None),
        "hasMore false on an exact fit"
    );
    let page = activities
        .search(&search)
        .limit(5)
        .offset(5)
        .send()
        .await
        .unwrap();
    assert_eq!(page.next.as_deref(), Some("10"));
}
