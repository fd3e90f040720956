//! Event subscriptions and polling.

use nbi_ofsc::EventsQuery;
use serde_json::json;

use crate::support::lab;

#[tokio::test]
async fn subscribe_poll_and_unsubscribe() {
    let lab = lab("").await;
    let client = lab.basic();
    let events = client.events();
    let sub = events
        .subscribe(
            &json!({"events": ["activityCreated", "activityUpdated"], "subscriptionTitle": "nbi"}),
        )
        .send()
        .await
        .unwrap();
    let id = sub.subscription_id.clone().unwrap();
    assert_eq!(events.subscriptions().send().await.unwrap().items.len(), 1);
    assert_eq!(
        events
            .subscription(&id)
            .send()
            .await
            .unwrap()
            .subscription_title
            .as_deref(),
        Some("nbi")
    );

    let created = client
        .activities()
        .create(&json!({"activityType": "REPAIR", "resourceId": "tech-002"}))
        .send()
        .await
        .unwrap();
    client
        .activities()
        .update(created.activity_id.unwrap(), &json!({"city": "Miami"}))
        .send()
        .await
        .unwrap();
    client
        .activities()
        .delete(created.activity_id.unwrap())
        .send()
        .await
        .unwrap();

    let query = EventsQuery {
        subscription_id: id.clone(),
        page: sub.next_page.clone(),
        ..Default::default()
    };
    let page = events.poll(&query).send().await.unwrap();
    let kinds: Vec<_> = page
        .items
        .unwrap()
        .iter()
        .map(|e| e.event_type.clone().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["activityCreated", "activityUpdated"],
        "deletions were not subscribed to"
    );
    let next = EventsQuery {
        page: page.next_page,
        ..query
    };
    let empty = events.poll(&next).send().await.unwrap();
    assert_eq!(empty.found, Some(false));

    events.unsubscribe(&id).send().await.unwrap();
    assert!(
        events
            .subscriptions()
            .send()
            .await
            .unwrap()
            .items
            .is_empty()
    );
}
